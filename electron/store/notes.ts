/**
 * The `notes` table (migration 004): operators' notes (场记) kept with their session — one
 * INSERT per note on the engine's connection, read back when a session's actions are measured
 * (live, after a restart, for `luopan review`), deleted with the session (./sessions.ts).
 */
import type Database from 'better-sqlite3';
import { stmt } from './statements';

export interface NoteRow {
  id: number;
  sessionId: string;
  /** the session's event clock when it was taken */
  ts: number;
  /** an action kind (shared/actions/types.ts): giveaway, coupon, note … */
  kind: string;
  text: string;
  createdAt: number;
}

export const MAX_LISTED_NOTES = 5_000;

export function insertNote(db: Database.Database, n: Omit<NoteRow, 'id'>): NoteRow {
  const info = stmt(db, 'INSERT INTO notes (session_id, ts, kind, text, created_at) VALUES (?, ?, ?, ?, ?)').run(n.sessionId, n.ts, n.kind, n.text, n.createdAt);
  return { id: Number(info.lastInsertRowid), ...n };
}

/** A session's notes in time order (at most MAX_LISTED_NOTES). */
export function listNotes(db: Database.Database, sessionId: string): NoteRow[] {
  const rows = stmt(db, 'SELECT id, session_id, ts, kind, text, created_at FROM notes WHERE session_id = ? ORDER BY ts, id LIMIT ?').all(sessionId, MAX_LISTED_NOTES) as {
    id: number;
    session_id: string;
    ts: number;
    kind: string;
    text: string;
    created_at: number;
  }[];
  return rows.map((r) => ({ id: r.id, sessionId: r.session_id, ts: r.ts, kind: r.kind, text: r.text, createdAt: r.created_at }));
}
