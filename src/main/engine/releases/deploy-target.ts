// Which environment a deploy pipeline deploys to: fixed (`deploy: { environment }`) or named by one
// of its params (`deploy: { environment_param }`) — asked by the board, the deploy planner and
// `cockpit run <deploy pipeline>` alike.
import type { ParamValue } from '../../../shared/domain/run.ts';
import type { PipelineConfig } from '../config/index.ts';

/** Whether `pipeline` can deploy to `environment` (a choice param must offer it; a string param can). */
export function deploysTo(pipeline: PipelineConfig, environment: string): boolean {
  const deploy = pipeline.deploy;
  if (!deploy) return false;
  if ('environment' in deploy) return deploy.environment === environment;
  const param = pipeline.params?.[deploy.environment_param];
  return param?.type === 'choice' ? param.options.includes(environment) : param?.type === 'string';
}

/** The environment a run of `pipeline` with `params` deploys to; '' when its param is unset. */
export function deployTargetOf(pipeline: PipelineConfig, params: Record<string, ParamValue> = {}): string {
  const deploy = pipeline.deploy;
  if (!deploy) return '';
  if ('environment' in deploy) return deploy.environment;
  return String(
    params[deploy.environment_param] ?? pipeline.params?.[deploy.environment_param]?.default ?? '',
  );
}
