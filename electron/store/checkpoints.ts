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
    const insert = stmt(db, 'INSERT INTO checkpoints (session_id, seq, version, users, body) VALUES (?, ?, ?, ?, ?)');
    for (const c of checkpoints) insert.run(sessionId, c.seq, version, c.users, c.body);
    stmt(db, 'INSERT INTO checkpoint_users (session_id, count, body) VALUES (?, ?, ?)').run(sessionId, users.count, users.body);
  })();
}

export function deleteCheckpoints(db: Database.Database, sessionId: string): void {
  stmt(db, 'DELETE FROM checkpoints WHERE session_id = ?').run(sessionId);
  stmt(db, 'DELETE FROM checkpoint_users WHERE session_id = ?').run(sessionId);
}

/** seq and user count of a session's checkpoints of `version`, ascending (bodies not read). */
export function checkpointList(db: Database.Database, sessionId: string, version: number): { seq: number; users: number }[] {
  return stmt(db, 'SELECT seq, users FROM checkpoints WHERE session_id = ? AND version = ? ORDER BY seq').all(sessionId, version) as {
    seq: number;
    users: number;
  }[];
}

export function checkpointBody(db: Database.Database, sessionId: string, seq: number): Buffer | undefined {
  return stmt(db, 'SELECT body FROM checkpoints WHERE session_id = ? AND seq = ?').pluck().get(sessionId, seq) as Buffer | undefined;
}

export function checkpointUsers(db: Database.Database, sessionId: string): { count: number; body: Buffer } | undefined {
  return stmt(db, 'SELECT count, body FROM checkpoint_users WHERE session_id = ?').get(sessionId) as { count: number; body: Buffer } | undefined;
}
