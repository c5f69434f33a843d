// The browser Notification API (Electron implements the same one), wrapped so the rest of the
// window never touches it directly and copes with it being missing or denied.

export type NotificationAccess = NotificationPermission | 'unsupported';

function api(): typeof Notification | null {
  return typeof window !== 'undefined' && 'Notification' in window ? window.Notification : null;
}

export function notificationAccess(): NotificationAccess {
  return api()?.permission ?? 'unsupported';
}

/** Asks once (only ever from a click: browsers ignore or penalise prompts nobody asked for). */
export async function requestNotificationAccess(): Promise<NotificationAccess> {
  const Notification = api();
  if (!Notification) return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

export interface DesktopNotice {
  title: string;
  body: string;
  /** Replaces an earlier notification with the same tag rather than stacking. */
  tag: string;
  onClick: () => void;
}

/** Shows a desktop notification when allowed; returns whether it was shown. */
export function showDesktopNotification({ title, body, tag, onClick }: DesktopNotice): boolean {
  const Notification = api();
  if (!Notification || Notification.permission !== 'granted') return false;
  try {
    const notification = new Notification(title, { body, tag });
    notification.onclick = () => {
      window.focus();
      onClick();
      notification.close();
    };
    return true;
  } catch {
    // Some platforms (or a service-worker-only browser) refuse `new Notification`: the toast remains.
    return false;
  }
}
