// What the jobs reported about the code (::error, ::warning, ::notice): level, message, the job, and
// the file:line it is about; pressing one shows the log line that reported it.
import type { RunDetail } from '../../../../shared/domain/run.ts';
import { Icon } from '../../components/Icon.tsx';
import { useCockpit } from '../../stores/store-context.tsx';
import { SourceLink } from './SourceLink.tsx';

const icons = { error: 'cross', warning: 'alert', notice: 'info' } as const;

export function RunAnnotations({ run }: { run: RunDetail }) {
  const pickJob = useCockpit((state) => state.pickJob);
  const revealLogLine = useCockpit((state) => state.revealLogLine);
  if (run.annotations.length === 0) return null;
  return (
    <section className="run-annotations panel" aria-labelledby="annotations-title" data-testid="annotations">
      <h2 id="annotations-title" className="section-title">
        Annotations <span className="count-chip">{run.annotations.length}</span>
      </h2>
      <ul className="annotation-list">
        {run.annotations.map((annotation) => (
          <li key={annotation.id} className={`annotation annotation-${annotation.level}`}>
            <Icon name={icons[annotation.level]} />
            <div className="annotation-body">
              <button
                type="button"
                className="annotation-message link-button"
                onClick={() => {
                  pickJob(annotation.job);
                  if (annotation.logLine !== null) revealLogLine(annotation.logLine);
                }}
              >
                {annotation.title ? <strong>{annotation.title}: </strong> : null}
                {annotation.message}
              </button>
              <span className="annotation-where">
                {annotation.job}
                {annotation.file ? (
                  <>
                    {' · '}
                    <SourceLink
                      location={{
                        file: annotation.file,
                        line: annotation.line ?? 1,
                        col: annotation.col ?? 1,
                      }}
                      projectId={run.projectId}
                    />
                  </>
                ) : null}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
