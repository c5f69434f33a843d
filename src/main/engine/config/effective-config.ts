// The configuration the cockpit acts on for each project: the file's when it is valid, else the last
// good one — kept in SQLite, so it survives a restart — together with the file's live problems and
// when that last good configuration was written. A typo in cockpit.yml must not blind monitoring, the
// board or the gates. A layer around loadConfig: how the file is parsed stays in load-config.ts.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ConfigProblem } from '../../../shared/domain/project.ts';
import type { Clock } from '../kernel/clock.ts';
import type { Logger } from '../kernel/diagnostics/logger.ts';
import { CONFIG_FILE_NAME, type CockpitConfig } from './cockpit-config.ts';
import { loadConfig, parseConfig, type ConfigResult } from './load-config.ts';
import { requireConfig } from './require-config.ts';

export interface EffectiveConfig {
  /** The file as it is now. */
  status: ConfigResult['status'];
  /** The file's problems as it is now (empty when it is valid or missing). */
  problems: ConfigProblem[];
  /** What monitoring, the board and the gates use: the file's config, else the last good one, else null. */
  config: CockpitConfig | null;
  /** Set when `config` is the last good configuration (the file is invalid): when that file was written. */
  lastGoodAt: number | null;
}

interface Stored {
  text: string;
  writtenAt: number;
  /** The stored text parsed, once; null when it no longer parses (a stricter cockpit since). */
  config?: CockpitConfig | null;
}

export type ConfigSource = ReturnType<typeof createConfigSource>;

export function createConfigSource(deps: { db: Database; clock: Clock; logger: Logger }) {
  const { db, clock, logger } = deps;
  const statements = {
    get: db.prepare<[number], { text: string; written_at: number }>(
      'SELECT text, written_at FROM project_last_good_config WHERE project_id = ?',
    ),
    save: db.prepare<[number, string, number, number]>(
      `INSERT INTO project_last_good_config (project_id, text, written_at, seen_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (project_id) DO UPDATE SET text = excluded.text, written_at = excluded.written_at,
         seen_at = excluded.seen_at`,
    ),
    forget: db.prepare<[number]>('DELETE FROM project_last_good_config WHERE project_id = ?'),
  };
  /** Per project: the stored last good text (undefined until read), and the valid result last saved. */
  const stored = new Map<number, Stored | null>();
  const savedResult = new Map<number, ConfigResult>();

  function storedOf(projectId: number): Stored | null {
    if (!stored.has(projectId)) {
      const row = statements.get.get(projectId);
      stored.set(projectId, row ? { text: row.text, writtenAt: row.written_at } : null);
    }
    return stored.get(projectId)!;
  }

  /** Remembers the file's text as the last good configuration when it differs from the one stored. */
  function remember(projectId: number, file: string, result: ConfigResult) {
    if (savedResult.get(projectId) === result) return; // the same parse as last time: nothing new
    let text: string;
    let writtenAt: number;
    try {
      text = readFileSync(file, 'utf8');
      writtenAt = Math.round(statSync(file).mtimeMs);
    } catch {
      return;
    }
    const known = storedOf(projectId);
    if (known?.text === text) {
      savedResult.set(projectId, result);
      return;
    }
    // The file may have changed since loadConfig read it: only a text that parses is kept.
    const parsed = parseConfig(text, file);
    if (parsed.status !== 'ok') return;
    try {
      statements.save.run(projectId, text, writtenAt, clock.now());
      stored.set(projectId, { text, writtenAt, config: parsed.config });
      savedResult.set(projectId, result);
    } catch (error) {
      // A project removed meanwhile (foreign key), or a busy database: the next read tries again.
      logger.warn('could not keep the last good configuration', { projectId, error });
    }
  }

  function lastGood(projectId: number, file: string): Stored | null {
    // Nothing kept yet here: another process (the app, the CLI) may have kept one since.
    if (stored.get(projectId) === null) stored.delete(projectId);
    const known = storedOf(projectId);
    if (!known) return null;
    if (known.config === undefined) {
      const parsed = parseConfig(known.text, file);
      known.config = parsed.status === 'ok' ? parsed.config : null;
      if (known.config === null) logger.warn('the last good configuration no longer parses', { projectId });
    }
    return known.config ? known : null;
  }

  return {
    /** The configuration to act on for a project, from its folder. */
    load(project: { id: number; path: string }): EffectiveConfig {
      const file = join(project.path, CONFIG_FILE_NAME);
      const result = loadConfig(project.path);
      if (result.status === 'ok') {
        remember(project.id, file, result);
        return { status: 'ok', problems: [], config: result.config, lastGoodAt: null };
      }
      if (result.status === 'missing') {
        // Removing cockpit.yml is deliberate (unlike a typo): the project has no configuration now.
        return { status: 'missing', problems: [], config: null, lastGoodAt: null };
      }
      const kept = lastGood(project.id, file);
      return {
        status: 'invalid',
        problems: result.problems,
        config: kept?.config ?? null,
        lastGoodAt: kept?.writtenAt ?? null,
      };
    },
    /** Forgets a project's last good configuration (it was removed). */
    forget(projectId: number) {
      statements.forget.run(projectId);
      stored.delete(projectId);
      savedResult.delete(projectId);
    },
  };
}

/** "cockpit.yml:12:3" for a problem, relative to the project folder when the file is in it. */
export function problemLocation(problem: ConfigProblem): string {
  const name = problem.file.split(/[\\/]/).pop() ?? problem.file;
  return `${name}:${problem.line}:${problem.col}`;
}

/** The configuration to act on, or the error a client shows (CONFIG_MISSING, CONFIG_INVALID). */
export function requireEffectiveConfig(effective: EffectiveConfig, path: string): CockpitConfig {
  if (effective.config) return effective.config;
  const result: ConfigResult =
    effective.status === 'missing'
      ? { status: 'missing', problems: [] }
      : { status: 'invalid', problems: effective.problems };
  return requireConfig(result, path);
}
