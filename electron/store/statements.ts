/**
 * Prepared statements, once per connection: every module of the store asks `stmt(db, sql)` and
 * gets the statement prepared the first time that SQL text was used on that connection.
 */
import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The connection's prepared statement for `sql` (prepared on first use). */
export function stmt(db: Database.Database, sql: string): Database.Statement {
  let map = cache.get(db);
  if (!map) cache.set(db, (map = new Map()));
  let s = map.get(sql);
  if (!s) map.set(sql, (s = db.prepare(sql)));
  return s;
}

/** The same, returning rows as arrays (`raw()`): no object per row on the hot reads. */
export function rawStmt(db: Database.Database, sql: string): Database.Statement {
  return stmt(db, `${sql} /* raw */`).raw(true);
}
