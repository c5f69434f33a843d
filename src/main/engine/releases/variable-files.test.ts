// Reading declared configuration files as keys, and deciding which values must not be shown.
import { describe, expect, it } from 'vitest';
import { isSecretVariable, readVariables } from './variable-files.ts';

const none = { names: [], values: [] };

describe('readVariables', () => {
  it('reads dotenv and properties lines, skipping comments and quotes', () => {
    const text = '# comment\nA=1\nexport B="two words"\nC: three\n! bang comment\nnot a line\nD=\n';
    expect(Object.fromEntries(readVariables('config/app.env', text))).toEqual({
      A: '1',
      B: 'two words',
      C: 'three',
      D: '',
    });
  });

  it('reads YAML and JSON by dotted path', () => {
    expect(
      Object.fromEntries(readVariables('values.yaml', 'image:\n  tag: "1.2"\nhosts: [a, b]\nempty: {}\n')),
    ).toEqual({
      'image.tag': '1.2',
      'hosts.0': 'a',
      'hosts.1': 'b',
      empty: '{}',
    });
    expect(Object.fromEntries(readVariables('x.json', '{"a":{"b":true,"c":null}}'))).toEqual({
      'a.b': 'true',
      'a.c': '',
    });
  });

  it('gives no keys for a YAML file that does not parse', () => {
    expect(readVariables('broken.yml', 'a: [unclosed').size).toBe(0);
  });
});

describe('isSecretVariable', () => {
  it('masks by key name, by credential-looking value, and by the secret store', () => {
    expect(isSecretVariable('DB_PASSWORD', ['x'], none)).toBe(true);
    expect(isSecretVariable('auth.api_key', ['x'], none)).toBe(true);
    expect(isSecretVariable('LOG_LEVEL', ['debug', 'info'], none)).toBe(false);
    expect(isSecretVariable('UPSTREAM', ['ghp_abcdefabcdef'], none)).toBe(true);
    expect(isSecretVariable('DATABASE_URL', ['postgres://app:hunter2@db/app'], none)).toBe(true);
    expect(isSecretVariable('DATABASE_URL', ['postgres://db/app'], none)).toBe(false);
    expect(isSecretVariable('UPSTREAM', [null, 'stored-1234'], { names: [], values: ['stored-1234'] })).toBe(
      true,
    );
    expect(isSecretVariable('deploy.Stripe', ['x'], { names: ['STRIPE'], values: [] })).toBe(true);
  });
});
