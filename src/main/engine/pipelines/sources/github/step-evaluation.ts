// How a GitHub step's `if:` is judged (the status functions, and why a false condition skips it) and
// how an action's inputs are evaluated.
import { evaluateTemplate, type Contexts, type StatusFunctions } from './expressions.ts';

export interface RunStatus {
  cancelled: boolean;
  jobStatus: string;
}

/** success(), failure() and cancelled() as a step sees them. */
export function statusFunctions(status: RunStatus): StatusFunctions {
  return {
    success: () => !status.cancelled && status.jobStatus === 'success',
    failure: () => status.jobStatus === 'failure',
    cancelled: () => status.cancelled,
  };
}

/** Why a step (or composite action) whose condition was false does not run. */
export function skipReason(condition: string, status: RunStatus): string {
  return status.cancelled
    ? 'the run was cancelled'
    : condition === 'success()' && status.jobStatus === 'failure'
      ? 'an earlier step failed'
      : `if: ${condition} was false`;
}

/** The inputs of an action: `with:` over the defaults, evaluated in the caller's scope. */
export function actionInputs(
  given: Record<string, string>,
  declared: { id: string; default: string | null }[],
  contexts: Contexts,
  status: StatusFunctions,
): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const input of declared) {
    if (input.default !== null) inputs[input.id] = evaluateTemplate(input.default, contexts, status);
  }
  for (const [name, template] of Object.entries(given))
    inputs[name] = evaluateTemplate(template, contexts, status);
  return inputs;
}
