// Settings: facts about this installation (with copy buttons), the theme, and each project's secrets.
import { ViewHeader } from '../../components/ViewHeader.tsx';
import { AppInfoPanel } from './AppInfoPanel.tsx';
import { SecretsPanel } from './secrets/SecretsPanel.tsx';
import { ThemePicker } from './ThemePicker.tsx';
import './settings.css';

export function SettingsView() {
  return (
    <section className="view" aria-labelledby="settings-title">
      <ViewHeader
        id="settings-title"
        title="Settings"
        description="About this installation, how the app looks, and the secrets your pipelines use."
      />
      <div className="settings-sections">
        <AppInfoPanel />
        <section className="panel" aria-labelledby="appearance-title">
          <h2 id="appearance-title" className="panel-title">
            Appearance
          </h2>
          <ThemePicker />
        </section>
        <SecretsPanel />
      </div>
    </section>
  );
}
