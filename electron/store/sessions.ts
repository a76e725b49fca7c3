/**
 * The `sessions` table: one row per recorded session (filled by the writer from session.start /
 * session.end and the stored seqs), listed, looked up and deleted with everything recorded for it.
 */
import type Database from 'better-sqlite3';
import { stmt } from './statements';

export interface SessionRow {
  sessionId: string;
  /** '' until the session's `session.start` is stored (hasStart false) */
  roomId: string;
  title: string;
  shopId: string;
  hostId: string;
  hostName: string;
  /** 'self' until session.start says otherwise */
  hostKind: 'self' | 'talent';
  /** session.start's startedAt; before it is stored, the ts of the first event written */
  startedAt: number;
  endedAt: number | null;
  /** highest contiguous seq stored, rejected or gap-filled */
  lastSeq: number;
  /** events stored */
  events: number;
  hasStart: boolean;
}

export interface SessionQuery {
  /** case-insensitive substring of the title, room, host name, shop or session id */
  search?: string;
  /** startedAt ≥ from (epoch ms) */
  from?: number;
  /** startedAt < to (epoch ms) */
  to?: number;
  limit?: number;
}

interface SessionDbRow {
  session_id: string;
  room_id: string | null;
  title: string | null;
  shop_id: string | null;
  host_id: string | null;
  host_name: string | null;
  host_kind: string | null;
  started_at: number | null;
  ended_at: number | null;
  last_seq: number;
  events: number;
}

function toSessionRow(r: SessionDbRow): SessionRow {
  return {
    sessionId: r.session_id,
    roomId: r.room_id ?? '',
    title: r.title ?? '',
    shopId: r.shop_id ?? '',
    hostId: r.host_id ?? '',
    hostName: r.host_name ?? '',
    hostKind: r.host_kind === 'talent' ? 'talent' : 'self',
    startedAt: r.started_at ?? 0,
    endedAt: r.ended_at,
    lastSeq: r.last_seq,
    events: r.events,
    hasStart: r.room_id !== null,
  };
}

const SESSION_COLUMNS = 'session_id, room_id, title, shop_id, host_id, host_name, host_kind, started_at, ended_at, last_seq, events';

/** Sessions, newest first. */
export function listSessions(db: Database.Database, q: SessionQuery = {}): SessionRow[] {
  const search = q.search?.trim().toLowerCase() ?? '';
  const rows = stmt(
    db,
    `SELECT ${SESSION_COLUMNS} FROM sessions
     WHERE (:from IS NULL OR started_at >= :from) AND (:to IS NULL OR started_at < :to)
       AND (:search = '' OR instr(lower(coalesce(title, '') || char(31) || coalesce(room_id, '') || char(31) ||
            coalesce(host_name, '') || char(31) || coalesce(shop_id, '') || char(31) || session_id), :search) > 0)
     ORDER BY started_at DESC, session_id
     LIMIT :limit`,
  ).all({ from: q.from ?? null, to: q.to ?? null, search, limit: q.limit ?? -1 }) as SessionDbRow[];
  return rows.map(toSessionRow);
}

/** Ended sessions of one room that started before `before` (epoch ms), newest first, at most `limit` (the ghost curves' references). */
export function endedSessionsOfRoom(db: Database.Database, roomId: string, before: number, limit: number): SessionRow[] {
  const rows = stmt(
    db,
    `SELECT ${SESSION_COLUMNS} FROM sessions
     WHERE room_id = ? AND started_at < ? AND ended_at IS NOT NULL
     ORDER BY started_at DESC, session_id
     LIMIT ?`,
  ).all(roomId, before, limit) as SessionDbRow[];
  return rows.map(toSessionRow);
}

export function getSession(db: Database.Database, sessionId: string): SessionRow | null {
  const row = stmt(db, `SELECT ${SESSION_COLUMNS} FROM sessions WHERE session_id = ?`).get(sessionId) as SessionDbRow | undefined;
  return row ? toSessionRow(row) : null;
}

/** Every table that holds rows of a session; deleting a session clears them all. */
const SESSION_TABLES = ['events', 'rejects', 'gaps', 'rollups', 'alerts', 'checkpoints', 'checkpoint_users', 'notes', 'sessions'] as const;

/** Delete a session and everything recorded for it, in one transaction. False if unknown. */
export function deleteSession(db: Database.Database, sessionId: string): boolean {
  return db.transaction(() => {
    let n = 0;
    for (const table of SESSION_TABLES) n += stmt(db, `DELETE FROM ${table} WHERE session_id = ?`).run(sessionId).changes;
    return n > 0;
  }).immediate();
}
