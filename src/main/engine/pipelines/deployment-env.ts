// What a deploy run's jobs are told about the deployment they carry out: COCKPIT_DEPLOY_* variables.

/** What a deploy run's jobs are told about the deployment they carry out. */
export interface DeploymentFacts {
  id: number;
  environment: string;
  version: string;
  commit: string;
  kind: string;
  /** The captured release it ships: its files' directory and version (absent: built at deploy time). */
  release?: { dir: string; version: string };
}

/** The deployment's facts as job variables (set after params, so params cannot fake them). */
export function deploymentEnv(deployment: DeploymentFacts | undefined): Record<string, string> {
  if (!deployment) return {};
  return {
    COCKPIT_DEPLOY_ID: String(deployment.id),
    COCKPIT_DEPLOY_ENVIRONMENT: deployment.environment,
    COCKPIT_DEPLOY_VERSION: deployment.version,
    COCKPIT_DEPLOY_COMMIT: deployment.commit,
    COCKPIT_DEPLOY_KIND: deployment.kind,
    ...(deployment.release
      ? { COCKPIT_RELEASE_DIR: deployment.release.dir, COCKPIT_RELEASE_VERSION: deployment.release.version }
      : {}),
  };
}
