// The small GitHub parts on their own: workflow commands, the step files, and how `${{ }}` in a
// script reaches the shell.
import { describe, expect, it } from 'vitest';
import { splitTemplate } from './expressions.ts';
import { substituteScript } from './script-expressions.ts';
import { parseKeyValueFile } from './step-files.ts';
import { workflowCommandParser } from './workflow-commands.ts';

describe('workflow commands', () => {
  it('reads groups and annotations with their properties, unescaped', () => {
    expect(workflowCommandParser.parse('::group::Install %25 deps')).toEqual({
      kind: 'group-start',
      title: 'Install % deps',
    });
    expect(workflowCommandParser.parse('  ::endgroup::')).toEqual({ kind: 'group-end' });
    expect(
      workflowCommandParser.parse(
        '::error file=src/a%2Cb.ts,line=12,col=3,title=Type%3A error::Expected 1%0Agot 2',
      ),
    ).toEqual({
      kind: 'annotation',
      level: 'error',
      title: 'Type: error',
      file: 'src/a,b.ts',
      line: 12,
      col: 3,
      message: 'Expected 1\ngot 2',
    });
    expect(workflowCommandParser.parse('::notice::Just so you know')).toMatchObject({
      level: 'notice',
      file: null,
      line: null,
    });
    expect(workflowCommandParser.parse('::set-output name=x::1')).toEqual({
      kind: 'command',
      name: 'set-output',
      properties: { name: 'x' },
      value: '1',
    });
    expect(workflowCommandParser.parse('echo ::group::')).toBeNull();
  });
});

describe('step files', () => {
  it('reads NAME=VALUE lines and NAME<<DELIMITER blocks', () => {
    expect(parseKeyValueFile('a=1\nb=x=y\n\nmulti<<EOF\nline 1\nline 2\nEOF\nc=\n', 'GITHUB_OUTPUT')).toEqual(
      {
        a: '1',
        b: 'x=y',
        multi: 'line 1\nline 2',
        c: '',
      },
    );
    expect(() => parseKeyValueFile('x<<END\nno end', 'GITHUB_ENV')).toThrow(
      'GITHUB_ENV: "x<<END" has no closing "END" line',
    );
    expect(() => parseKeyValueFile('just text', 'GITHUB_OUTPUT')).toThrow('expected NAME=VALUE');
  });
});

describe('expressions in scripts', () => {
  const values: Record<string, string> = {
    'matrix.node': '20',
    'inputs.name': "it's $(rm -rf /)",
    'steps.a.outputs.v': 'out',
  };
  const substitute = (script: string, shell = 'bash') =>
    substituteScript(shell, splitTemplate(script), (expression) => values[expression] ?? '');

  it('puts values from the workflow file into the script, and every other value in a variable', () => {
    expect(substitute('node-${{ matrix.node }} echo "${{ inputs.name }}" ${{ steps.a.outputs.v }}')).toEqual({
      script: 'node-20 echo "${COCKPIT_EXPR_1}" ${COCKPIT_EXPR_2}',
      env: { COCKPIT_EXPR_1: "it's $(rm -rf /)", COCKPIT_EXPR_2: 'out' },
    });
  });

  it('closes and reopens single quotes around a variable, so the shell still expands it', () => {
    expect(substitute("echo 'hello ${{ inputs.name }}!' \"it's\" '${{ inputs.name }}'").script).toBe(
      `echo 'hello '"\${COCKPIT_EXPR_1}"'!' "it's" ''"\${COCKPIT_EXPR_2}"''`,
    );
    expect(substitute("# it's a comment\necho '${{ inputs.name }}'").script).toBe(
      `# it's a comment\necho ''"\${COCKPIT_EXPR_1}"''`,
    );
  });

  it('refuses a value from outside the file in a shell that cannot read variables the same way', () => {
    expect(() => substitute('print("${{ inputs.name }}")', 'python')).toThrow(
      /reaches commands only as an environment variable/,
    );
    expect(substitute('print(${{ matrix.node }})', 'python').script).toBe('print(20)');
  });
});
