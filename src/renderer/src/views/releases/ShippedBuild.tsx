// What a deploy ships (or shipped): the release as built once — by which run, each file with the
// start of its SHA-256 — or "built at deploy time". Shown in the deploy dialog and a deployment's details.
import type { DeploymentBuild } from '../../../../shared/domain/release-build.ts';

export function ShippedBuild({ build, planned }: { build: DeploymentBuild | null; planned?: boolean }) {
  if (!build) return <span className="deploy-muted">not recorded</span>;
  if (build.source === 'deploy_time') {
    return (
      <span data-testid="shipped-build">
        built at deploy time{' '}
        <span className="deploy-muted">
          {planned
            ? '(no run built this commit: its deploy pipeline builds it)'
            : `(${files(build.files.length)})`}
        </span>
        <FileSums build={build} />
      </span>
    );
  }
  return (
    <span data-testid="shipped-build">
      the release as built once by {build.builtByPipeline ?? 'a pipeline'}{' '}
      {build.builtByRun !== null ? `run #${build.builtByRun}` : ''} ({files(build.files.length)})
      <FileSums build={build} />
    </span>
  );
}

function files(count: number): string {
  return `${count} file${count === 1 ? '' : 's'}`;
}

function FileSums({ build }: { build: DeploymentBuild }) {
  if (build.files.length === 0) return null;
  return (
    <ul className="shipped-files" aria-label="Files and checksums">
      {build.files.slice(0, 8).map((file) => (
        <li key={file.path}>
          <span className="mono">{file.path}</span>{' '}
          <span className="mono deploy-muted" title={`SHA-256 ${file.sha256}`} data-testid="shipped-sha">
            sha256 {file.sha256.slice(0, 12)}
          </span>
        </li>
      ))}
      {build.files.length > 8 ? <li className="deploy-muted">and {build.files.length - 8} more</li> : null}
    </ul>
  );
}
