/**
 * Migration 4: operators' notes (场记, issue 15 §3), kept with their session: what was done when
 * (a giveaway, a price change, free text), measured like the stream's actions. Only adds a
 * table; a v3 file opened by this build keeps everything and gains an empty `notes` table.
 *
 * `ts` is the session's event clock when the note was taken (so it lines up with the trends
 * and the impact windows), `created_at` the wall clock.
 */
import type Database from 'better-sqlite3';

export const version = 4;
export const name = 'notes';

export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE notes (
      id         INTEGER PRIMARY KEY,
      session_id TEXT    NOT NULL,
      ts         INTEGER NOT NULL,
      kind       TEXT    NOT NULL,
      text       TEXT    NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX notes_session_ts ON notes (session_id, ts);
  `);
}
