import { describe, expect, it } from 'vitest';
import { checkRetentionForm, retentionFormChanged, retentionFormOf } from './settings-form.ts';

const saved = { runRetentionDays: 180, checkRetentionDays: 14, changeFailureWindowHours: 24 };

describe('retention form', () => {
  it('starts from the saved settings, and from a sensible number when runs are kept forever', () => {
    expect(retentionFormOf(saved)).toEqual({
      keepRunsForever: false,
      runRetentionDays: '180',
      checkRetentionDays: '14',
      changeFailureWindowHours: '24',
    });
    expect(retentionFormOf({ ...saved, runRetentionDays: null })).toMatchObject({
      keepRunsForever: true,
      runRetentionDays: '180',
    });
  });

  it('turns valid text into settings (null: keep runs forever)', () => {
    const form = { ...retentionFormOf(saved), runRetentionDays: ' 30 ', checkRetentionDays: '90' };
    expect(checkRetentionForm(form)).toEqual({
      ok: true,
      value: { runRetentionDays: 30, checkRetentionDays: 90, changeFailureWindowHours: 24 },
    });
    expect(checkRetentionForm({ ...form, keepRunsForever: true, runRetentionDays: 'nonsense' })).toEqual({
      ok: true,
      value: { runRetentionDays: null, checkRetentionDays: 90, changeFailureWindowHours: 24 },
    });
  });

  it('says what is wrong with each field, with the engine’s limits', () => {
    const result = checkRetentionForm({
      keepRunsForever: false,
      runRetentionDays: '',
      checkRetentionDays: '91',
      changeFailureWindowHours: '1.5',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        runRetentionDays: 'Enter a number.',
        checkRetentionDays: 'Enter 1 to 90 days.',
        changeFailureWindowHours: 'Enter a whole number of hours.',
      },
    });
    const low = checkRetentionForm({
      ...retentionFormOf(saved),
      runRetentionDays: '0',
      changeFailureWindowHours: '721',
    });
    expect(low).toMatchObject({
      ok: false,
      errors: {
        runRetentionDays: 'Enter 1 to 3,650 days.',
        changeFailureWindowHours: 'Enter 1 to 720 hours.',
      },
    });
  });

  it('knows when there is nothing to save', () => {
    expect(retentionFormChanged(retentionFormOf(saved), saved)).toBe(false);
    expect(retentionFormChanged({ ...retentionFormOf(saved), checkRetentionDays: '7' }, saved)).toBe(true);
    expect(retentionFormChanged({ ...retentionFormOf(saved), keepRunsForever: true }, saved)).toBe(true);
    expect(retentionFormChanged({ ...retentionFormOf(saved), checkRetentionDays: 'x' }, saved)).toBe(true);
  });
});
