/**
 * Migration 3: aggregator checkpoints of finished sessions (shared/aggregate/checkpoint.ts), so a
 * replay seek or a review folds from the nearest checkpoint instead of the first event. Only adds
 * tables; they are a cache — deleting their rows loses nothing (they are rebuilt from events).
 *
 * `checkpoints`: one row per checkpoint, `body` the encoded aggregator state after the event
 * `seq` (electron/fold/checkpoint-codec.ts); `base` is the seq of the keyframe a delta is taken
 * on, NULL for a keyframe. `checkpoint_users`: per session, the user ids in the
 * order the fold met them (a checkpoint holds only how many of them it knows).
 */
import type Database from 'better-sqlite3';

export const version = 3;
export const name = 'checkpoints';

export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE checkpoints (
      session_id TEXT    NOT NULL,
      seq        INTEGER NOT NULL,
      version    INTEGER NOT NULL,
      users      INTEGER NOT NULL,
      base       INTEGER,
      body       BLOB    NOT NULL,
      PRIMARY KEY (session_id, seq)
    );
    CREATE TABLE checkpoint_users (
      session_id TEXT    NOT NULL PRIMARY KEY,
      count      INTEGER NOT NULL,
      body       BLOB    NOT NULL
    );
  `);
}
