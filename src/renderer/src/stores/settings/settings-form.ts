// The retention form's quick checks, the same limits the engine applies (shared/domain/insights.ts),
// so a mistake shows on its field at once; the engine still decides, and its error is shown too.
import type { Settings } from '../../../../shared/domain/insights.ts';

export type RetentionSettings = Pick<
  Settings,
  'runRetentionDays' | 'checkRetentionDays' | 'changeFailureWindowHours'
>;

/** What the fields hold: text as typed, and whether runs are kept forever. */
export interface RetentionForm {
  keepRunsForever: boolean;
  runRetentionDays: string;
  checkRetentionDays: string;
  changeFailureWindowHours: string;
}

export type RetentionField = Exclude<keyof RetentionForm, 'keepRunsForever'>;
export type RetentionErrors = Partial<Record<RetentionField, string>>;

export const RETENTION_LIMITS: Record<RetentionField, { min: number; max: number; unit: string }> = {
  runRetentionDays: { min: 1, max: 3650, unit: 'days' },
  checkRetentionDays: { min: 1, max: 90, unit: 'days' },
  changeFailureWindowHours: { min: 1, max: 24 * 30, unit: 'hours' },
};

/** Runs kept forever still show a sensible number should the user turn limits back on. */
const DEFAULT_RUN_DAYS = 180;

export function retentionFormOf(settings: RetentionSettings): RetentionForm {
  return {
    keepRunsForever: settings.runRetentionDays === null,
    runRetentionDays: String(settings.runRetentionDays ?? DEFAULT_RUN_DAYS),
    checkRetentionDays: String(settings.checkRetentionDays),
    changeFailureWindowHours: String(settings.changeFailureWindowHours),
  };
}

function checkWhole(text: string, field: RetentionField): { value: number } | { error: string } {
  const { min, max, unit } = RETENTION_LIMITS[field];
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Enter a number.' };
  if (!/^-?\d+$/.test(trimmed)) return { error: `Enter a whole number of ${unit}.` };
  const value = Number(trimmed);
  if (value < min || value > max) return { error: `Enter ${min} to ${max.toLocaleString('en-US')} ${unit}.` };
  return { value };
}

/** The settings the form describes, or the message for each field that is not right. */
export function checkRetentionForm(
  form: RetentionForm,
): { ok: true; value: RetentionSettings } | { ok: false; errors: RetentionErrors } {
  const errors: RetentionErrors = {};
  const read = (field: RetentionField): number => {
    const result = checkWhole(form[field], field);
    if ('error' in result) {
      errors[field] = result.error;
      return 0;
    }
    return result.value;
  };
  const runRetentionDays = form.keepRunsForever ? null : read('runRetentionDays');
  const checkRetentionDays = read('checkRetentionDays');
  const changeFailureWindowHours = read('changeFailureWindowHours');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { runRetentionDays, checkRetentionDays, changeFailureWindowHours } };
}

/** Whether saving the form would change anything (an invalid form counts as a change to report). */
export function retentionFormChanged(form: RetentionForm, settings: RetentionSettings): boolean {
  const checked = checkRetentionForm(form);
  if (!checked.ok) return true;
  return (
    checked.value.runRetentionDays !== settings.runRetentionDays ||
    checked.value.checkRetentionDays !== settings.checkRetentionDays ||
    checked.value.changeFailureWindowHours !== settings.changeFailureWindowHours
  );
}
