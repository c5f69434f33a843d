import { describe, expect, it } from 'vitest';
import { fieldsOf } from './row-fields.ts';

describe('fieldsOf', () => {
  const row = { id: 7, opened_at: 1000, last_good_config_at: null, secret_column: 'x' };

  it('copies the listed columns under their camelCase names, values untouched', () => {
    expect(fieldsOf(row, 'id, opened_at, last_good_config_at')).toEqual({
      id: 7,
      openedAt: 1000,
      lastGoodConfigAt: null,
    });
  });

  it('leaves out the columns it is not given', () => {
    expect(Object.keys(fieldsOf(row, 'opened_at'))).toEqual(['openedAt']);
  });

  it('types the fields from the row', () => {
    const fields: { id: number; openedAt: number } = fieldsOf(row, 'id, opened_at');
    expect(fields.openedAt).toBe(1000);
    // @ts-expect-error -- not a column of the row
    fieldsOf(row, 'id, opened');
  });
});
