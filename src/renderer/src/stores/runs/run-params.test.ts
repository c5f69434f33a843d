// The Run form's defaults, checks and mapping of engine problems onto fields.
import { describe, expect, it } from 'vitest';
import type { ParamInfo } from '../../../../shared/domain/run.ts';
import { checkParamValues, defaultParamValues, paramsToSend, problemsByField } from './run-params.ts';

const param = (patch: Partial<ParamInfo> & Pick<ParamInfo, 'name' | 'type'>): ParamInfo => ({
  description: null,
  default: null,
  options: null,
  required: false,
  pattern: null,
  ...patch,
});

const params = [
  param({ name: 'version', type: 'string', required: true, pattern: '^\\d+\\.\\d+\\.\\d+$' }),
  param({ name: 'target', type: 'choice', options: ['staging', 'production'], default: 'staging' }),
  param({ name: 'fail', type: 'boolean', default: true }),
  param({ name: 'note', type: 'string' }),
];

describe('run params', () => {
  it('prefills defaults', () => {
    expect(defaultParamValues(params)).toEqual({ version: '', target: 'staging', fail: true, note: '' });
  });

  it('checks required, pattern and choice', () => {
    expect(checkParamValues(params, { version: '', target: 'x', fail: false, note: '' })).toEqual({
      version: 'Required.',
      target: 'Choose one of the options.',
    });
    expect(checkParamValues(params, { version: '1.2', target: 'staging', fail: false, note: '' })).toEqual({
      version: 'Must match /^\\d+\\.\\d+\\.\\d+$/.',
    });
    expect(checkParamValues(params, { version: '1.2.3', target: 'staging', fail: false, note: '' })).toEqual(
      {},
    );
  });

  it('checks a pattern against the whole value, as the engine does', () => {
    const loose = [{ ...params[0]!, pattern: '\\d+' }];
    expect(checkParamValues(loose, { version: 'v12x' })).toEqual({ version: 'Must match /\\d+/.' });
    expect(checkParamValues(loose, { version: '12' })).toEqual({});
  });

  it('sends values but not an unset choice', () => {
    expect(paramsToSend(params, { version: '1.2.3', target: '', fail: false, note: '' })).toEqual({
      version: '1.2.3',
      fail: false,
      note: '',
    });
  });

  it('maps engine issues onto fields by their path', () => {
    const { fields, other } = problemsByField(
      [
        { path: 'params.version', message: 'param "version" must match /x/, got "y"' },
        { path: 'params.zzz', message: 'unknown param "zzz" (params: a)' },
      ],
      params,
    );
    expect(fields).toEqual({ version: 'Must match /x/, got "y".' });
    expect(other).toEqual(['unknown param "zzz" (params: a)']);
    expect(problemsByField([], params)).toEqual({ fields: {}, other: [] });
  });
});
