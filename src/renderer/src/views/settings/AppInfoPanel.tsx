// Version, host, data directory, database, logs, schema and who this cockpit acts as: what support
// questions start with, each with a copy button.
import type { AppInfo } from '../../../../shared/domain/app-info.ts';
import { CopyButton } from '../../components/CopyButton.tsx';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import { useCockpit } from '../../stores/store-context.tsx';

const hostNames: Record<AppInfo['host'], string> = {
  electron: 'Desktop app',
  web: 'Web host (cockpit serve)',
  cli: 'Command line',
  test: 'Test harness',
};

export function AppInfoPanel() {
  const info = useCockpit((state) => state.appInfo);
  const error = useCockpit((state) => state.appInfoError);
  const notify = useCockpit((state) => state.notify);
  const onCopyError = (message: string) => notify('error', message);

  const rows: { label: string; value: string; copyLabel: string; mono: boolean }[] = info
    ? [
        { label: 'Version', value: info.version, copyLabel: 'version', mono: false },
        { label: 'Host', value: hostNames[info.host], copyLabel: 'host', mono: false },
        { label: 'Data directory', value: info.dataDir, copyLabel: 'data directory', mono: true },
        { label: 'Database', value: info.databasePath, copyLabel: 'database path', mono: true },
        { label: 'Log folder', value: info.logDir, copyLabel: 'log folder', mono: true },
        {
          label: 'Schema version',
          value: String(info.schemaVersion),
          copyLabel: 'schema version',
          mono: false,
        },
        { label: 'Acting as', value: info.actor, copyLabel: 'actor', mono: true },
      ]
    : [];

  return (
    <section className="panel" aria-labelledby="about-title">
      <h2 id="about-title" className="panel-title">
        Data
      </h2>
      <p className="field-hint settings-intro">
        Where this cockpit keeps its data, and who it records as the actor of runs, deploys, approvals and
        notes (set <code>COCKPIT_USER</code> to change it).
      </p>
      {!info ? (
        <LoadingLine failure={error ? `Could not read the app information: ${error}` : null}>
          Waiting for the engine…
        </LoadingLine>
      ) : (
        <dl className="info-list">
          {rows.map((row) => (
            <div key={row.label} className="info-row">
              <dt>{row.label}</dt>
              <dd className={row.mono ? 'mono info-value' : 'info-value'}>{row.value}</dd>
              <dd className="info-copy">
                <CopyButton value={row.value} label={row.copyLabel} onError={onCopyError} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
