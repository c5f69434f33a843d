// What the dialog's request would change in the environment, as the engine computed it from git:
// the commits it adds (and, for a rollback or diverged history, the ones it takes out) with author and
// conventional type, the changed files (collapsible) and the declared configuration variables, old →
// new, with secret values already masked by the engine. It renders; the engine decides.
import { useEffect, useId } from 'react';
import type { DiffCommit, DiffVariable, ReleaseDiff } from '../../../../shared/domain/release-diff.ts';
import { Icon } from '../../components/Icon.tsx';
import { Spinner } from '../../components/Spinner.tsx';
import { commitTypeLook, emptyDiffTitle, fileStatusLook, plural } from '../../lib/release-diff-look.ts';
import { shortSha } from '../../lib/short-sha.ts';
import {
  deployRequestFromKey,
  deployRequestKey,
  type DeployRequest,
} from '../../stores/releases/release-actions-slice.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import './release-diff.css';

/** Lists of files longer than this start folded. */
const FILES_OPEN_UP_TO = 12;

export function DiffPanel({ request }: { request: DeployRequest }) {
  const key = deployRequestKey(request);
  const loadReleaseDiff = useCockpit((state) => state.loadReleaseDiff);
  const diff = useCockpit((state) => (state.releaseDiffKey === key ? state.releaseDiff : null));
  const error = useCockpit((state) => (state.releaseDiffKey === key ? state.releaseDiffError : null));
  const loading = useCockpit((state) => state.releaseDiffLoading);
  const titleId = useId();

  useEffect(() => {
    void loadReleaseDiff(deployRequestFromKey(key));
  }, [key, loadReleaseDiff]);

  return (
    <section className="deploy-section release-diff" aria-labelledby={titleId} data-testid="release-diff">
      <h3 id={titleId} className="deploy-section-title">
        What changes
        {loading ? <Spinner /> : null}
      </h3>
      {error ? (
        <p className="inline-alert" role="alert" data-testid="release-diff-error">
          {error.message}
        </p>
      ) : !diff ? (
        <p className="loading-line" role="status">
          <Spinner /> Comparing with what runs in {request.environment}…
        </p>
      ) : (
        <DiffBody diff={diff} />
      )}
    </section>
  );
}

function DiffBody({ diff }: { diff: ReleaseDiff }) {
  const emptyTitle = emptyDiffTitle(diff);
  if (emptyTitle !== null) {
    return (
      <div className="release-diff-empty" data-testid="release-diff-empty">
        <Icon name="info" />
        <div>
          <p className="release-diff-empty-title">{emptyTitle}</p>
          <p className="deploy-muted">{diff.summary}</p>
        </div>
      </div>
    );
  }
  const live = diff.live.version ?? (diff.live.commit ? shortSha(diff.live.commit) : '?');
  return (
    <div className="release-diff-body">
      <p className="release-diff-summary" data-testid="release-diff-summary">
        <span className="mono">{live}</span> → <span className="mono">{diff.proposed.version}</span>:{' '}
        {diff.summary}
      </p>
      {diff.commitsAdded.length > 0 ? (
        <CommitList
          title="Commits it brings"
          commits={diff.commitsAdded}
          omitted={diff.commitsOmitted.added}
          testId="release-diff-added"
        />
      ) : null}
      {diff.commitsRemoved.length > 0 ? (
        <CommitList
          title="Commits it takes out"
          commits={diff.commitsRemoved}
          omitted={diff.commitsOmitted.removed}
          testId="release-diff-removed"
        />
      ) : null}
      <FileList diff={diff} />
      <VariableList diff={diff} />
    </div>
  );
}

function CommitList(props: { title: string; commits: DiffCommit[]; omitted: number; testId: string }) {
  const total = props.commits.length + props.omitted;
  return (
    <div className="release-diff-group" data-testid={props.testId}>
      <p className="release-diff-group-title">
        {props.title} <span className="deploy-muted">({total})</span>
      </p>
      <ul className="release-diff-commits">
        {props.commits.map((commit) => {
          const look = commitTypeLook(commit);
          return (
            <li key={commit.sha} data-testid="diff-commit">
              <span className={`diff-type diff-type-${look.tone}`}>{look.label}</span>
              <span className="mono deploy-muted" title={commit.sha}>
                {commit.shortSha}
              </span>
              <span className="release-diff-subject" title={commit.subject}>
                {commit.scope ? <span className="deploy-muted">{commit.scope}: </span> : null}
                {commit.description}
              </span>
              <span className="deploy-muted release-diff-author">{commit.author}</span>
            </li>
          );
        })}
      </ul>
      {props.omitted > 0 ? <p className="deploy-muted">…and {plural(props.omitted, 'more commit')}</p> : null}
    </div>
  );
}

function FileList({ diff }: { diff: ReleaseDiff }) {
  const { totals } = diff;
  return (
    <details
      className="release-diff-group release-diff-files"
      open={totals.files <= FILES_OPEN_UP_TO}
      data-testid="release-diff-files"
    >
      <summary className="release-diff-group-title">
        {plural(totals.files, 'file')} changed <span className="diff-added">+{totals.added}</span>{' '}
        <span className="diff-deleted">−{totals.deleted}</span>
      </summary>
      <ul className="release-diff-file-list">
        {diff.files.map((file) => {
          const status = fileStatusLook(file.status);
          return (
            <li key={file.path} data-testid="diff-file">
              <span className={`diff-status diff-status-${file.status}`} title={status.label}>
                {status.letter}
              </span>
              <span className="mono release-diff-path">
                {file.oldPath ? `${file.oldPath} → ${file.path}` : file.path}
              </span>
              {file.added === null ? (
                <span className="deploy-muted">binary</span>
              ) : (
                <span className="release-diff-lines">
                  <span className="diff-added">+{file.added}</span>{' '}
                  <span className="diff-deleted">−{file.deleted}</span>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {diff.filesOmitted > 0 ? (
        <p className="deploy-muted">…and {plural(diff.filesOmitted, 'more file')}</p>
      ) : null}
    </details>
  );
}

function VariableList({ diff }: { diff: ReleaseDiff }) {
  if (diff.variableFiles.length === 0) {
    return (
      <p className="deploy-muted release-diff-hint">
        Configuration variables are not compared: list the files under <code>diff.variables</code> in
        cockpit.yml.
      </p>
    );
  }
  return (
    <div className="release-diff-group" data-testid="release-diff-variables">
      <p className="release-diff-group-title">
        Configuration variables{' '}
        <span className="deploy-muted">
          ({diff.variables.length + diff.variablesOmitted} changed in {diff.variableFiles.join(', ')})
        </span>
      </p>
      {diff.variables.length === 0 ? (
        <p className="deploy-muted">No key of these files changes.</p>
      ) : (
        <table className="release-diff-variables">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Live</th>
              <th scope="col">Proposed</th>
            </tr>
          </thead>
          <tbody>
            {diff.variables.map((variable) => (
              <tr key={`${variable.file}:${variable.key}`} data-testid="diff-variable">
                <td>
                  <span className="mono">{variable.key}</span>{' '}
                  <span className="deploy-muted">{variable.file}</span>
                </td>
                <td>
                  <VariableValue variable={variable} value={variable.before} />
                </td>
                <td>
                  <VariableValue variable={variable} value={variable.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {diff.variablesOmitted > 0 ? (
        <p className="deploy-muted">…and {plural(diff.variablesOmitted, 'more variable')}</p>
      ) : null}
    </div>
  );
}

function VariableValue({ variable, value }: { variable: DiffVariable; value: string | null }) {
  if (value === null) return <span className="deploy-muted">(absent)</span>;
  if (variable.masked)
    return (
      <span className="diff-masked" title="Looks like a secret: the value is not shown">
        hidden
      </span>
    );
  return <span className="mono">{value === '' ? '""' : value}</span>;
}
