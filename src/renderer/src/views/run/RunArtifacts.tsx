// A run's artifacts, job by job: name, size and SHA-256 of each kept file, a download (a plain link to
// the web host's /artifacts/<id>, or a save through the engine in the desktop app, which also offers
// "Show in folder"), and — for a file the project's retention removed — when and why instead.
import type { Artifact, JobState, RunDetail } from '../../../../shared/domain/run.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Icon } from '../../components/Icon.tsx';
import { RelativeTime } from '../../components/RelativeTime.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { TableHead, type ColumnHeading } from '../../components/TableHead.tsx';
import { formatBytes } from '../../lib/byte-size.ts';
import { useCockpit } from '../../stores/store-context.tsx';

const artifactColumns: readonly ColumnHeading[] = [
  'Job',
  'File',
  { label: 'Size', className: 'artifact-size' },
  'SHA-256',
  { label: <span className="visually-hidden">Actions</span> },
];

export function RunArtifacts({ run }: { run: RunDetail }) {
  const jobs = run.jobs.filter((job) => job.artifacts.length > 0);
  const total = jobs.reduce((sum, job) => sum + job.artifacts.length, 0);
  if (total === 0) return null;
  return (
    <section className="run-artifacts" aria-labelledby="artifacts-title" data-testid="run-artifacts">
      <h2 id="artifacts-title" className="section-title">
        Artifacts <span className="count-chip">{total}</span>
      </h2>
      <div className="table-scroll">
        <table className="run-table artifact-table">
          <TableHead columns={artifactColumns} />
          <tbody>
            {jobs.flatMap((job) =>
              job.artifacts.map((artifact) => (
                <ArtifactRow key={artifact.id} job={job} artifact={artifact} />
              )),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ArtifactRow({ job, artifact }: { job: JobState; artifact: Artifact }) {
  const notify = useCockpit((state) => state.notify);
  return (
    <tr
      data-testid="artifact"
      data-artifact-id={artifact.id}
      data-available={artifact.available}
      className={artifact.available ? undefined : 'artifact-gone'}
    >
      <td>{job.name}</td>
      <td className="mono artifact-path">{artifact.path}</td>
      <td className="artifact-size">{formatBytes(artifact.size)}</td>
      <td className="artifact-sha">
        <code className="mono" title={artifact.sha256} data-testid="artifact-sha256">
          {artifact.sha256.slice(0, 12)}…
        </code>
        <CopyButton
          value={artifact.sha256}
          label={`SHA-256 of ${artifact.path}`}
          onError={(message) => notify('error', message)}
        />
      </td>
      <td className="artifact-actions">
        {artifact.available ? (
          <ArtifactActions job={job} artifact={artifact} />
        ) : (
          <span className="deploy-muted" data-testid="artifact-removed">
            {artifact.removed ? (
              <>
                {capitalized(artifact.removed.reason)} · <RelativeTime at={artifact.removed.at} />
              </>
            ) : (
              'The stored copy is missing from the data directory.'
            )}
          </span>
        )}
      </td>
    </tr>
  );
}

function ArtifactActions({ job, artifact }: { job: JobState; artifact: Artifact }) {
  const desktop = useCockpit((state) => state.connection.transport === 'electron');
  const saving = useCockpit((state) => state.artifactsSaving.includes(artifact.id));
  const saveArtifact = useCockpit((state) => state.saveArtifact);
  const showInFolder = useCockpit((state) => state.showArtifactInFolder);
  const name = artifact.path.split('/').pop() ?? artifact.path;
  if (!desktop) {
    // The web host streams the file behind the same cookie as the page.
    return (
      <a
        className="button button-small"
        href={`/artifacts/${artifact.id}`}
        download={name}
        aria-label={`Download ${artifact.path} of ${job.name}`}
      >
        <Icon name="download" />
        Download
      </a>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button button-small"
        aria-label={`Save ${artifact.path} of ${job.name}`}
        aria-disabled={saving}
        onClick={() => void saveArtifact(artifact)}
      >
        {saving ? <Spinner /> : <Icon name="download" />}
        Save…
      </button>
      <button
        type="button"
        className="button button-small button-quiet"
        aria-label={`Show ${artifact.path} of ${job.name} in its folder`}
        onClick={() => showInFolder(job.name, artifact)}
      >
        <Icon name="folder" />
        Show in folder
      </button>
    </>
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
