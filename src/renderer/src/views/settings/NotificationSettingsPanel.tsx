// Desktop notifications: permission (asked only from the button), then which kinds to show — the
// default row ('*') and one row per project. A project row follows the default until one of its
// toggles is changed; "Use default" puts it back. Each toggle saves at once.
import { useState } from 'react';
import { notificationKinds, type NotificationKind } from '../../../../shared/domain/insights.ts';
import { LoadingLine } from '../../components/LoadingLine.tsx';
import {
  DEFAULT_KEY,
  effectivePrefs,
  hasOwnPrefs,
  withoutOwnPrefs,
  withToggle,
  type NotificationPrefs,
} from '../../lib/notification-rules.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { NotificationsButton } from '../environments/NotificationsButton.tsx';

const kindLabels: Record<NotificationKind, string> = {
  pipeline_failed: 'Pipeline failed',
  production_down: 'Production down',
  approval_requested: 'Approval requested',
  deploy_finished: 'Deploy finished',
};

export function NotificationSettingsPanel() {
  const settings = useCockpit((state) => state.settings);
  const error = useCockpit((state) => state.settingsError);
  const saving = useCockpit((state) => state.settingsSaving === 'notifications');
  const save = useCockpit((state) => state.saveSettings);
  const projects = useCockpit((state) => state.projects);
  const [problem, setProblem] = useState<string | null>(null);
  /** The change being saved, shown at once (the engine's answer replaces it). */
  const [pending, setPending] = useState<NotificationPrefs | null>(null);

  const change = async (notifications: NotificationPrefs) => {
    setPending(notifications);
    setProblem(await save('notifications', { notifications }));
    setPending(null);
  };

  const prefs = pending ?? settings?.notifications ?? null;
  const rows = [
    { key: DEFAULT_KEY, name: 'Default', hint: 'Every project that has no choices of its own' },
    ...projects.map((project) => ({ key: String(project.id), name: project.name, hint: null })),
  ];

  return (
    <section className="panel" aria-labelledby="notifications-title" data-testid="notification-settings">
      <div className="settings-panel-head">
        <h2 id="notifications-title" className="panel-title">
          Notifications
        </h2>
        <NotificationsButton />
      </div>
      <p className="field-hint settings-intro">
        Desktop notifications for what happens while the app is open: a pipeline that fails, production going
        down (and recovering), an approval someone asks of you, a deploy that finishes. Clicking one opens the
        run, the Releases view or the Board.
      </p>
      {!settings ? (
        <LoadingLine failure={error ? `Could not read the settings: ${error}` : null}>Loading…</LoadingLine>
      ) : (
        <div className="table-scroll">
          <table className="settings-notify-table">
            <thead>
              <tr>
                <th scope="col">Project</th>
                {notificationKinds.map((kind) => (
                  <th key={kind} scope="col" className="settings-notify-kind">
                    {kindLabels[kind]}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Follows the default</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const values = effectivePrefs(prefs, row.key);
                const own = row.key === DEFAULT_KEY || hasOwnPrefs(prefs, row.key);
                return (
                  <tr
                    key={row.key}
                    data-testid="notify-row"
                    data-key={row.key}
                    data-own={own}
                    className={own ? undefined : 'settings-notify-inherited'}
                  >
                    <th scope="row">
                      {row.name}
                      {row.hint ? <span className="settings-row-hint">{row.hint}</span> : null}
                    </th>
                    {notificationKinds.map((kind) => (
                      <td key={kind} className="settings-notify-kind">
                        <input
                          type="checkbox"
                          className="settings-toggle"
                          checked={values[kind]}
                          aria-label={`${kindLabels[kind]} for ${row.key === DEFAULT_KEY ? 'the default' : row.name}`}
                          disabled={saving}
                          onChange={(event) =>
                            void change(withToggle(prefs, row.key, kind, event.target.checked))
                          }
                        />
                      </td>
                    ))}
                    <td className="settings-notify-reset">
                      {row.key === DEFAULT_KEY ? null : own ? (
                        <button
                          type="button"
                          className="button button-small button-quiet"
                          disabled={saving}
                          onClick={() => void change(withoutOwnPrefs(prefs, row.key))}
                        >
                          Use default
                        </button>
                      ) : (
                        <span className="settings-inherits">follows default</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {problem ? (
        <p className="inline-alert settings-problem" role="alert">
          Could not save: {problem}
        </p>
      ) : null}
    </section>
  );
}
