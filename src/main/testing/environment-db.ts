// Real migrated SQLite files in temp dirs for the environment store tests, with a project to hang rows on.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { CheckResult } from '../../shared/domain/environment.ts';
import { openDatabase } from '../engine/kernel/store/database.ts';
import { tempDir } from './fixtures.ts';

const open: Database[] = [];

export function testDatabase(): { db: Database; projectId: number } {
  const db = openDatabase(join(tempDir('cockpit-env-store-'), 'cockpit.db'));
  open.push(db);
  const projectId = Number(
    db
      .prepare(
        "INSERT INTO projects (name, path, added_at, config_status, checked_at) VALUES ('shop', ?, 0, 'ok', 0)",
      )
      .run(`/srv/shop-${open.length}`).lastInsertRowid,
  );
  return { db, projectId };
}

/** A check result at `at` in `state`: HTTP 200 after `latencyMs`, without error, version or certificate. */
export function checkResult(
  at: number,
  state: CheckResult['state'],
  latencyMs: number | null = 50,
): CheckResult {
  return {
    at,
    state,
    statusCode: 200,
    latencyMs,
    errorClass: null,
    error: null,
    version: null,
    certExpiresAt: null,
  };
}

/** Closes what testDatabase opened; call from afterEach before cleanupFixtures. */
export function closeTestDatabases(): void {
  while (open.length > 0) open.pop()!.close();
}
