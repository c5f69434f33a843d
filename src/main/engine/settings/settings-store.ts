// The app's settings in SQLite (one JSON value per key), shared by the app, the web host and the CLI.
// Unknown or invalid stored values fall back to the defaults; nothing is ever lost by reading.
import type { Database } from 'better-sqlite3';
import { settingsSchema, type Settings } from '../../../shared/domain/insights.ts';
import { badRequest } from '../../../shared/errors.ts';
import type { EventBus } from '../kernel/events.ts';

export const defaultSettings: Settings = {
  runRetentionDays: 180,
  checkRetentionDays: 14,
  changeFailureWindowHours: 24,
  notifications: {
    '*': { pipeline_failed: true, production_down: true, approval_requested: true, deploy_finished: true },
  },
};

export type SettingsStore = ReturnType<typeof createSettingsStore>;

export function createSettingsStore(db: Database, events: EventBus) {
  const select = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
  const upsert = db.prepare<[string, string]>(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  function get(): Settings {
    const stored: Record<string, unknown> = {};
    for (const row of select.all()) {
      try {
        stored[row.key] = JSON.parse(row.value);
      } catch {
        // A damaged value reads as its default.
      }
    }
    const merged: Record<string, unknown> = { ...defaultSettings };
    for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
      if (!(key in stored)) continue;
      const candidate = settingsSchema.shape[key].safeParse(stored[key]);
      if (candidate.success) merged[key] = candidate.data;
    }
    return merged as Settings;
  }

  return {
    get,
    set(changes: Partial<Settings>): Settings {
      const next = { ...get(), ...changes };
      const checked = settingsSchema.safeParse(next);
      if (!checked.success) {
        throw badRequest(
          `Invalid settings: ${checked.error.issues[0]?.message ?? 'rejected'}`,
          checked.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
        );
      }
      db.transaction(() => {
        for (const [key, value] of Object.entries(changes)) upsert.run(key, JSON.stringify(value));
      })();
      events.emit('settings.changed', {});
      return get();
    },
  };
}
