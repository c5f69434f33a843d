// A module's statements are prepared once per database connection, on first use, and let go with
// the connection (a connection is used by one thread, so no locking is needed).
import type { Database } from 'better-sqlite3';

/** `prepare`, called at most once per database: later calls with the same database get its result. */
export function preparedOnce<Statements>(
  prepare: (db: Database) => Statements,
): (db: Database) => Statements {
  const prepared = new WeakMap<Database, Statements>();
  return (db) => {
    let statements = prepared.get(db);
    if (statements === undefined) {
      statements = prepare(db);
      prepared.set(db, statements);
    }
    return statements;
  };
}
