// The environment's incidents, newest first: open or resolved, how long, the first error, who
// acknowledged it when (or an Acknowledge button while it is open), and its notes thread (shown on
// demand).
import { useId, useState } from 'react';
import { Icon } from '../../../components/Icon.tsx';
import { RelativeTime } from '../../../components/RelativeTime.tsx';
import { Spinner } from '../../../components/Spinner.tsx';
import { formatSpan } from '../../../lib/environment-look.ts';
import { absoluteTime } from '../../../lib/relative-time.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useCockpit } from '../../../stores/store-context.tsx';
import { NotesThread } from '../../notes/NotesThread.tsx';

export function IncidentTimeline() {
  const incidents = useCockpit((state) => state.incidents);
  const acknowledging = useCockpit((state) => state.acknowledging);
  const acknowledge = useCockpit((state) => state.acknowledgeIncident);
  const now = useNow(1_000);
  if (incidents === null) return null;
  if (incidents.length === 0) {
    return (
      <p className="env-muted" data-testid="no-incidents">
        No incidents recorded. Good.
      </p>
    );
  }
  return (
    <ol className="framed-list incident-list" aria-label="Incidents, newest first">
      {incidents.map((incident) => {
        const open = incident.closedAt === null;
        return (
          <li
            key={incident.id}
            className={`incident ${open ? 'incident-open' : 'incident-closed'}`}
            data-testid="incident"
            data-open={open}
          >
            <div className="incident-head">
              <span className={`badge ${open ? 'badge-danger' : 'badge-ok'}`}>
                {open ? 'Open' : 'Resolved'}
              </span>
              <span>
                <time dateTime={new Date(incident.openedAt).toISOString()}>
                  {absoluteTime(incident.openedAt)}
                </time>
                {' · '}
                {open ? 'for ' : 'lasted '}
                {formatSpan((incident.closedAt ?? now) - incident.openedAt)}
              </span>
              {incident.errorClass ? <span className="trigger-chip mono">{incident.errorClass}</span> : null}
              <span className="incident-ack">
                {incident.acknowledgedBy !== null ? (
                  <span className="env-muted">
                    Acknowledged by {incident.acknowledgedBy}
                    {incident.acknowledgedAt !== null ? (
                      <>
                        {' '}
                        <RelativeTime at={incident.acknowledgedAt} />
                      </>
                    ) : null}
                  </span>
                ) : open ? (
                  <button
                    type="button"
                    className="button button-small"
                    aria-disabled={acknowledging !== null}
                    onClick={() => void acknowledge(incident.id)}
                  >
                    {acknowledging === incident.id ? <Spinner /> : null}
                    Acknowledge
                  </button>
                ) : null}
              </span>
            </div>
            <p className="incident-error mono">{incident.firstError}</p>
            <IncidentNotes incidentId={incident.id} />
          </li>
        );
      })}
    </ol>
  );
}

function IncidentNotes({ incidentId }: { incidentId: number }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="incident-notes">
      <button
        type="button"
        className="button button-small button-quiet incident-notes-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <Icon name={open ? 'chevron-down' : 'chevron-right'} />
        Notes
      </button>
      {open ? (
        <div id={panelId} className="incident-notes-panel">
          <NotesThread subject="incident" subjectId={incidentId} />
        </div>
      ) : null}
    </div>
  );
}
