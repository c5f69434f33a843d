// Environment alerts as the person at the screen sees them: a toast for every alert, and a desktop
// notification for production ones when they have allowed it (asked only from a button, once) and
// the project's notification settings keep "production down" on.
import type { EventPayload } from '../../../../shared/protocol.ts';
import {
  notificationAccess,
  requestNotificationAccess,
  showDesktopNotification,
  type NotificationAccess,
} from '../../lib/desktop-notifications.ts';
import { notificationEnabled } from '../../lib/notification-rules.ts';
import type { SliceCreator } from '../slice.ts';
import type { NoticesSlice } from '../app/notices-slice.ts';
import type { SettingsSlice } from '../settings/settings-slice.ts';
import type { UiSlice } from '../app/ui-slice.ts';

export type EnvironmentAlert = EventPayload<'environments.alert'>;

export interface EnvironmentAlertsSlice {
  notificationAccess: NotificationAccess;
  /** Asks the browser (or Electron) for permission; call from a click only. */
  enableNotifications: () => Promise<void>;
  onEnvironmentAlert: (alert: EnvironmentAlert) => void;
}

/** What this slice reads or calls from other slices. */
type Uses = Pick<NoticesSlice, 'notify'> & Pick<SettingsSlice, 'settings'> & Pick<UiSlice, 'openEnvironment'>;

export const createEnvironmentAlertsSlice: SliceCreator<EnvironmentAlertsSlice, Uses> = () => (set, get) => ({
  notificationAccess: notificationAccess(),

  async enableNotifications() {
    const access = await requestNotificationAccess();
    set({ notificationAccess: access });
    if (access === 'denied') {
      get().notify('warning', 'Desktop notifications are blocked; allow them in the browser settings.');
    } else if (access === 'granted') {
      get().notify('success', 'Desktop notifications are on for production environments.');
    }
  },

  onEnvironmentAlert(alert) {
    const tone = alert.kind === 'recovered' ? 'success' : alert.tier === 'production' ? 'error' : 'warning';
    // The engine's message names the environment and project already ("… recovered after 4 m 12 s");
    // one toast per environment, so the recovery replaces the "is down" one.
    get().notify(tone, alert.message, `environment-${alert.environmentId}`);
    if (alert.tier !== 'production') return;
    const prefs = get().settings?.notifications ?? null;
    if (!notificationEnabled(prefs, alert.projectId, 'production_down')) return;
    // The permission may have changed in the browser's settings since the window opened.
    set({ notificationAccess: notificationAccess() });
    showDesktopNotification({
      title: alert.kind === 'down' ? `${alert.environment} is down` : `${alert.environment} recovered`,
      body: `${alert.projectName}: ${alert.message}${alert.owners.length ? ` Owners: ${alert.owners.join(', ')}.` : ''}`,
      tag: `environment-${alert.environmentId}`,
      onClick: () => get().openEnvironment(alert.environmentId),
    });
  },
});
