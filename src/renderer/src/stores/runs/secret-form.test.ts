// The secret form's checks agree with the engine's rules for names and values.
import { describe, expect, it } from 'vitest';
import {
  checkSecretForm,
  checkSecretName,
  checkSecretValue,
  MAX_SECRET_VALUE_LENGTH,
} from './secret-form.ts';

describe('checkSecretName', () => {
  it('accepts environment variable names', () => {
    for (const name of ['API_TOKEN', '_private', 'a', 'npm_token_2'])
      expect(checkSecretName(name)).toBeNull();
  });

  it('says what is wrong with other names', () => {
    expect(checkSecretName('')).toMatch(/Enter a name/);
    expect(checkSecretName('2FA_CODE')).toMatch(/cannot start with a digit/);
    for (const name of ['API-TOKEN', 'api token', 'a.b', 'ÄPI']) {
      expect(checkSecretName(name)).toMatch(/letters, digits and underscores/);
    }
  });
});

describe('checkSecretValue', () => {
  it('needs a value, and not a huge one', () => {
    expect(checkSecretValue('')).toMatch(/Enter a value/);
    expect(checkSecretValue('x'.repeat(MAX_SECRET_VALUE_LENGTH))).toBeNull();
    expect(checkSecretValue('x'.repeat(MAX_SECRET_VALUE_LENGTH + 1))).toMatch(/at most 65,536/);
  });

  it('leaves short values to the engine, which saves them with a warning', () => {
    expect(checkSecretValue('abc')).toBeNull();
  });
});

describe('checkSecretForm', () => {
  it('reports each field', () => {
    expect(checkSecretForm('OK', 'value-1234')).toEqual({});
    const errors = checkSecretForm('1x', '');
    expect(errors.name).toMatch(/digit/);
    expect(errors.value).toMatch(/value/);
  });
});
