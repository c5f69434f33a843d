// GitLab's expression language as rules: if and only: variables use it.
import { describe, expect, it } from 'vitest';
import { checkExpression, evaluateExpression, ExpressionError } from './gitlab-expression.ts';
import { expandVariables } from './gitlab-variables.ts';

const vars: Record<string, string> = {
  CI_COMMIT_BRANCH: 'main',
  CI_COMMIT_REF_NAME: 'main',
  EMPTY: '',
  RELEASE: 'v1.2.3',
  PATTERN: '/^v\\d+/',
};
const judge = (text: string) => evaluateExpression(text, (name) => vars[name]);

describe('GitLab expressions', () => {
  it('compares, matches and combines as GitLab does', () => {
    expect(judge('$CI_COMMIT_BRANCH == "main"')).toBe(true);
    expect(judge("$CI_COMMIT_BRANCH != 'main'")).toBe(false);
    expect(judge('$CI_COMMIT_BRANCH')).toBe(true);
    expect(judge('$EMPTY')).toBe(false); // set but empty is false
    expect(judge('$UNDEFINED')).toBe(false);
    expect(judge('$UNDEFINED == null')).toBe(true);
    expect(judge('$EMPTY == ""')).toBe(true);
    expect(judge('$EMPTY == null')).toBe(false);
    expect(judge('$RELEASE =~ /^v\\d+\\.\\d+/')).toBe(true);
    expect(judge('$RELEASE !~ /^V1/i')).toBe(false);
    expect(judge('$RELEASE =~ $PATTERN')).toBe(true); // a variable holding /regex/
    expect(judge('$UNDEFINED =~ /.*/')).toBe(false);
    expect(judge('$CI_COMMIT_BRANCH == "dev" || $RELEASE && $CI_COMMIT_REF_NAME == "main"')).toBe(true);
    expect(judge('($CI_COMMIT_BRANCH == "dev" || $RELEASE) && $EMPTY')).toBe(false);
    expect(judge('$CI_COMMIT_BRANCH == $CI_COMMIT_REF_NAME')).toBe(true);
  });

  it('refuses what GitLab refuses, saying where', () => {
    expect(() => checkExpression('${CI_COMMIT_BRANCH} == "main"')).toThrow(ExpressionError);
    expect(() => checkExpression('$A == "x')).toThrow(/unterminated text starting at column 7/);
    expect(() => checkExpression('($A == "x"')).toThrow(/"\)" is missing/);
    expect(() => checkExpression('$A = "x"')).toThrow(/unexpected/);
  });

  it('expands variables inside variables, nested and escaped', () => {
    const expanded = expandVariables({ HOME: '/home/me', PATH: '/bin' }, [
      { DEV_URL: { value: 'dev-url', expand: true }, GREETING: { value: 'hi $WHO', expand: true } },
      {
        URL: { value: '${${ENV}_URL}', expand: true },
        ENV: { value: 'DEV', expand: true },
        WHO: { value: 'you', expand: true },
        LS: { value: 'ls $$TMP_DIR in ${HOME}', expand: true },
        RAW: { value: '$HOME', expand: false },
        PATH: { value: '$PATH:/opt/bin', expand: true },
      },
    ]);
    expect(expanded).toMatchObject({
      URL: 'dev-url',
      GREETING: 'hi you',
      LS: 'ls $TMP_DIR in /home/me',
      RAW: '$HOME',
      PATH: '/bin:/opt/bin',
    });
  });
});
