/**
 * Migration 2: fired alerts, kept with their session (shared/alerts). Only adds a table;
 * the tables of migration 1 are untouched, so a v1 file opened by this build keeps every
 * event and simply gains an empty `alerts` table.
 *
 * `value` is what was compared with `threshold` (the figure, or the drop in percent for a
 * drop_pct rule); `ts` is the event time of the firing, so alerts line up with the trends.
 */
import type Database from 'better-sqlite3';

export const version = 2;
export const name = 'alerts';

export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE alerts (
      session_id TEXT    NOT NULL,
      ts         INTEGER NOT NULL,
      rule_id    TEXT    NOT NULL,
      metric     TEXT    NOT NULL,
      value      REAL    NOT NULL,
      threshold  REAL    NOT NULL,
      message    TEXT    NOT NULL
    );
    CREATE INDEX alerts_session_ts ON alerts (session_id, ts);
  `);
}
