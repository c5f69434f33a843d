// Settings: where the data lives (with copy buttons), retention, desktop notifications, the theme,
// and each project's secrets. Settings saved elsewhere show here at once (settings.changed).
import { ViewPage } from '../../components/ViewPage.tsx';
import { AppInfoPanel } from './AppInfoPanel.tsx';
import { NotificationSettingsPanel } from './NotificationSettingsPanel.tsx';
import { NotificationsSentPanel } from './NotificationsSentPanel.tsx';
import { RetentionPanel } from './RetentionPanel.tsx';
import { SecretsPanel } from './secrets/SecretsPanel.tsx';
import { ThemePicker } from './ThemePicker.tsx';
import './settings.css';

export function SettingsView() {
  return (
    <ViewPage
      name="settings"
      title="Settings"
      description="Where the data lives, how long it is kept, which notifications to show and which were sent, how the app looks, and the secrets your pipelines use."
    >
      <div className="settings-sections">
        <AppInfoPanel />
        <RetentionPanel />
        <NotificationSettingsPanel />
        <NotificationsSentPanel />
        <section className="panel" aria-labelledby="appearance-title">
          <h2 id="appearance-title" className="panel-title">
            Appearance
          </h2>
          <ThemePicker />
        </section>
        <SecretsPanel />
      </div>
    </ViewPage>
  );
}
