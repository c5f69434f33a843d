// Desktop notifications in specs: the browser's Notification API replaced (permission granted) by one
// that records what would have been shown, for the spec to read back.
import type { Page } from '@playwright/test';

export interface ShownNotification {
  title: string;
  body: string;
}

/** Stands in for the browser's Notification API (permission granted), recording what is shown. */
export async function recordNotifications(page: Page) {
  await page.addInitScript(() => {
    const shown: { title: string; body: string; notification: { onclick: (() => void) | null } }[] = [];
    class RecordedNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body ?? '', notification: this });
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordedNotification, configurable: true });
    Object.defineProperty(window, '__notifications', { value: shown });
  });
}

export const shownNotifications = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __notifications: ShownNotification[] }).__notifications.map(
      ({ title, body }) => ({
        title,
        body,
      }),
    ),
  );
