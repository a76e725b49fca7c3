/**
 * The `checkpoints` and `checkpoint_users` tables (migration 3): a finished session's aggregator
 * checkpoints as encoded bytes (electron/fold/checkpoint-codec.ts encodes them; the store only
 * keeps them) and the session's user ids in the order the fold met them.
 */
import type Database from 'better-sqlite3';
import { stmt } from './statements';

export interface StoredCheckpoint {
  seq: number;
  users: number;
  /** the keyframe's seq for a delta; null for a keyframe */
  base: number | null;
  body: Buffer;
}

/** Replace every checkpoint of a session and its user ids, in one transaction. */
export function putCheckpoints(
  db: Database.Database,
  sessionId: string,
  version: number,
  checkpoints: readonly StoredCheckpoint[],
  users: { count: number; body: Buffer },
): void {
  db.transaction(() => {
    deleteCheckpoints(db, sessionId);
    const insert = stmt(db, 'INSERT INTO checkpoints (session_id, seq, version, users, base, body) VALUES (?, ?, ?, ?, ?, ?)');
    for (const c of checkpoints) insert.run(sessionId, c.seq, version, c.users, c.base, c.body);
    stmt(db, 'INSERT INTO checkpoint_users (session_id, count, body) VALUES (?, ?, ?)').run(sessionId, users.count, users.body);
  })();
}

export function deleteCheckpoints(db: Database.Database, sessionId: string): void {
  stmt(db, 'DELETE FROM checkpoints WHERE session_id = ?').run(sessionId);
  stmt(db, 'DELETE FROM checkpoint_users WHERE session_id = ?').run(sessionId);
}

/** seq, user count and keyframe of a session's checkpoints of `version`, ascending (bodies not read). */
export function checkpointList(db: Database.Database, sessionId: string, version: number): Omit<StoredCheckpoint, 'body'>[] {
  return stmt(db, 'SELECT seq, users, base FROM checkpoints WHERE session_id = ? AND version = ? ORDER BY seq').all(sessionId, version) as Omit<
    StoredCheckpoint,
    'body'
  >[];
}

export function checkpointBody(db: Database.Database, sessionId: string, seq: number): Buffer | undefined {
  return stmt(db, 'SELECT body FROM checkpoints WHERE session_id = ? AND seq = ?').pluck().get(sessionId, seq) as Buffer | undefined;
}

export function checkpointUsers(db: Database.Database, sessionId: string): { count: number; body: Buffer } | undefined {
  return stmt(db, 'SELECT count, body FROM checkpoint_users WHERE session_id = ?').get(sessionId) as { count: number; body: Buffer } | undefined;
}

/** bytes of a session's stored checkpoints (bodies and user ids) */
export function checkpointBytes(db: Database.Database, sessionId: string): number {
  return stmt(
    db,
    `SELECT (SELECT coalesce(sum(length(body)), 0) FROM checkpoints WHERE session_id = ?)
          + (SELECT coalesce(sum(length(body)), 0) FROM checkpoint_users WHERE session_id = ?)`,
  ).pluck().get(sessionId, sessionId) as number;
}
