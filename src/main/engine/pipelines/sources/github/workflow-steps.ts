// Steps (of a job or of a composite action) and `defaults.run`, from the parser's converted model
// plus the raw tokens it drops (`shell`, `working-directory`, `timeout-minutes`).
import type { SourceLocation } from '../types.ts';
import type { RunDefaults, WorkflowStep } from './workflow-model.ts';
import { mappingTemplates, numberOf, scalar, templateOf, type Token } from './workflow-tokens.ts';

/** Steps (of a job or a composite action) from the parser's model and the raw tokens it drops. */
export function readSteps(
  converted: { id: string }[],
  rawSteps: Token | undefined,
  at: (token: Token | undefined) => SourceLocation,
  problem: (token: Token | undefined, message: string) => void,
): WorkflowStep[] {
  const steps: WorkflowStep[] = [];
  converted.forEach((convertedStep, index) => {
    const step = convertedStep as unknown as Record<string, unknown> & { id: string };
    const rawStep = rawSteps?.get?.(index) as Token | undefined;
    if (!('run' in step) && !('uses' in step)) {
      problem(rawStep, 'this kind of step is not supported');
      return;
    }
    const runToken = 'run' in step ? (step.run as Token) : undefined;
    steps.push({
      id: step.id && !step.id.startsWith('__') ? step.id : null,
      name: step.name ? templateOf(step.name as Token) : null,
      if: (step.if as Token | undefined)?.expression ?? 'success()',
      run: runToken ? templateOf(runToken) : null,
      uses: 'uses' in step ? String((step.uses as Token).value) : null,
      with: mappingTemplates(rawStep?.find?.('with')),
      shell: scalar(rawStep?.find?.('shell')),
      workingDirectory: scalar(rawStep?.find?.('working-directory')),
      env: mappingTemplates(step.env as Token | undefined),
      continueOnError: step['continue-on-error'] === true,
      timeoutMinutes: numberOf(rawStep?.find?.('timeout-minutes')),
      location: at(rawStep ?? runToken),
    });
  });
  return steps;
}

export function readDefaults(
  token: Token | undefined,
  inherited: RunDefaults,
  problem: (token: Token | undefined, message: string) => void,
): RunDefaults {
  const run = token?.find?.('run');
  if (!token) return inherited;
  for (let i = 0; i < (token.count ?? 0); i++) {
    const pair = token.get!(i) as { key: Token; value: Token };
    if (pair.key.toString() !== 'run') problem(pair.key, `defaults.${pair.key.toString()} is not supported`);
  }
  return {
    shell: scalar(run?.find?.('shell')) ?? inherited.shell,
    workingDirectory: scalar(run?.find?.('working-directory')) ?? inherited.workingDirectory,
  };
}
