/**
 * Every statement of the relay's spool (migrations/001-spool.ts), as named typed functions.
 * One connection, on the relay's own thread: the relay's rates (a room's messages, a shop's
 * orders) are far below what one synchronous connection commits, and a single writer keeps the
 * seq numbering in one place.
 */
import type Database from 'better-sqlite3';
import { openStore, type StoreSchema } from '../open';
import { stmt } from '../statements';
import { SPOOL_MIGRATIONS } from './migrations/index';

/** PRAGMA application_id of a spool ("LPRS"), so neither a store nor a spool is taken for the other. */
export const SPOOL_APPLICATION_ID = 0x4c505253;

export const SPOOL_SCHEMA: StoreSchema = { migrations: SPOOL_MIGRATIONS, applicationId: SPOOL_APPLICATION_ID, what: 'a Luopan relay spool' };

/** Rows kept in spool_log; older ones are dropped as new ones come. */
const LOG_KEEP = 10_000;

export interface SpoolSession {
  sessionId: string;
  /** the input room this session belongs to (a capture tool's room), '' for a session an HTTP/stdin feed started */
  roomKey: string;
  roomId: string;
  lastSeq: number;
  lastTs: number;
  startedAt: number;
  endedAt: number | null;
}

/** One event to append: its seq is the session's next one, `body` its full JSON text. */
export interface SpoolEventRow {
  sessionId: string;
  seq: number;
  body: string;
}

/** Everything one commit writes, in one transaction. */
export interface SpoolCommit {
  newSessions: SpoolSession[];
  events: SpoolEventRow[];
  /** sessions whose last_seq / last_ts / ended_at moved */
  sessionUpdates: { sessionId: string; lastSeq: number; lastTs: number; endedAt: number | null }[];
  aliases: { alias: string; sessionId: string }[];
  seen: { input: string; key: string }[];
  orders: { orderId: string; sessionId: string; parentId: string }[];
  state: { key: string; value: string }[];
  log: { input: string; kind: string; detail: string }[];
}

export function emptyCommit(): SpoolCommit {
  return { newSessions: [], events: [], sessionUpdates: [], aliases: [], seen: [], orders: [], state: [], log: [] };
}

/** Open (creating and migrating when needed) a spool file; StoreError with a one-line message otherwise. */
export function openSpool(file: string, opts: { maxPageCount?: number; nativeBinding?: string } = {}): Database.Database {
  const db = openStore(file, { schema: SPOOL_SCHEMA, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  if (opts.maxPageCount !== undefined) setSpoolMaxPages(db, opts.maxPageCount);
  return db;
}

/** Cap the spool's size (PRAGMA max_page_count): past it a commit fails as disk_full, as on a full disk. */
export function setSpoolMaxPages(db: Database.Database, pages: number): void {
  db.pragma(`max_page_count = ${Math.max(1, Math.floor(pages))}`);
}

export function spoolPageSize(db: Database.Database): number {
  return db.pragma('page_size', { simple: true }) as number;
}

export function spoolPageCount(db: Database.Database): number {
  return db.pragma('page_count', { simple: true }) as number;
}

interface SessionDbRow {
  session_id: string;
  room_key: string;
  room_id: string;
  last_seq: number;
  last_ts: number;
  started_at: number;
  ended_at: number | null;
}

function toSession(r: SessionDbRow): SpoolSession {
  return { sessionId: r.session_id, roomKey: r.room_key, roomId: r.room_id, lastSeq: r.last_seq, lastTs: r.last_ts, startedAt: r.started_at, endedAt: r.ended_at };
}

/** Every session of the spool, oldest first. */
export function listSpoolSessions(db: Database.Database): SpoolSession[] {
  return (stmt(db, 'SELECT * FROM spool_sessions ORDER BY started_at, session_id').all() as SessionDbRow[]).map(toSession);
}

/** Write one commit in one transaction; throws (StoreError-translatable) and writes nothing on failure. */
export function commitSpool(db: Database.Database, c: SpoolCommit): void {
  const insertSession = stmt(db, 'INSERT INTO spool_sessions (session_id, room_key, room_id, last_seq, last_ts, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertEvent = stmt(db, 'INSERT INTO spool_events (session_id, seq, body) VALUES (?, ?, ?)');
  const updateSession = stmt(db, 'UPDATE spool_sessions SET last_seq = ?, last_ts = ?, ended_at = ? WHERE session_id = ?');
  const insertAlias = stmt(db, 'INSERT OR IGNORE INTO spool_room_aliases (alias, session_id) VALUES (?, ?)');
  const insertSeen = stmt(db, 'INSERT OR IGNORE INTO spool_seen (input, key, at) VALUES (?, ?, ?)');
  const insertOrder = stmt(db, 'INSERT OR REPLACE INTO spool_orders (order_id, session_id, parent_id) VALUES (?, ?, ?)');
  const putState = stmt(db, 'INSERT INTO spool_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const insertLog = stmt(db, 'INSERT INTO spool_log (at, input, kind, detail) VALUES (?, ?, ?, ?)');
  const trimLog = stmt(db, 'DELETE FROM spool_log WHERE id <= (SELECT max(id) FROM spool_log) - ?');
  const now = Date.now();
  db.transaction(() => {
    for (const s of c.newSessions) insertSession.run(s.sessionId, s.roomKey, s.roomId, s.lastSeq, s.lastTs, s.startedAt, s.endedAt);
    for (const e of c.events) insertEvent.run(e.sessionId, e.seq, e.body);
    for (const u of c.sessionUpdates) updateSession.run(u.lastSeq, u.lastTs, u.endedAt, u.sessionId);
    for (const a of c.aliases) insertAlias.run(a.alias, a.sessionId);
    for (const s of c.seen) insertSeen.run(s.input, s.key, now);
    for (const o of c.orders) insertOrder.run(o.orderId, o.sessionId, o.parentId);
    for (const s of c.state) putState.run(s.key, s.value);
    for (const l of c.log) insertLog.run(now, l.input, l.kind, l.detail);
    if (c.log.length) trimLog.run(LOG_KEEP);
  })();
}

/** A session's events after `afterSeq`, in seq order, at most `limit`, as the JSON text served. */
export function readSpoolEvents(db: Database.Database, sessionId: string, afterSeq: number, limit: number): { seq: number; body: string }[] {
  return stmt(db, 'SELECT seq, body FROM spool_events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?').all(sessionId, afterSeq, limit) as { seq: number; body: string }[];
}

/** The lowest seq the spool still holds of a session (null: none). */
export function firstSpoolSeq(db: Database.Database, sessionId: string): number | null {
  const row = stmt(db, 'SELECT min(seq) AS lo FROM spool_events WHERE session_id = ?').get(sessionId) as { lo: number | null };
  return row.lo;
}

/** Sessions whose room is known by `alias`, newest first. */
export function sessionsByAlias(db: Database.Database, alias: string): string[] {
  return stmt(db, `SELECT a.session_id AS id FROM spool_room_aliases a JOIN spool_sessions s USING (session_id)
                   WHERE a.alias = ? ORDER BY s.started_at DESC`).pluck().all(alias) as string[];
}

export function hasSeen(db: Database.Database, input: string, key: string): boolean {
  return stmt(db, 'SELECT 1 FROM spool_seen WHERE input = ? AND key = ?').get(input, key) !== undefined;
}

/** The session an order was created in, by the order's own id or its parent's. */
export function orderSession(db: Database.Database, orderId: string): string | null {
  const row = stmt(db, 'SELECT session_id AS s FROM spool_orders WHERE order_id = ? OR parent_id = ? LIMIT 1').get(orderId, orderId) as { s: string } | undefined;
  return row?.s ?? null;
}

/** The sku orders recorded under a parent order (or the order itself). */
export function ordersOf(db: Database.Database, orderId: string): { orderId: string; sessionId: string }[] {
  return stmt(db, 'SELECT order_id AS orderId, session_id AS sessionId FROM spool_orders WHERE parent_id = ? OR order_id = ? ORDER BY order_id').all(orderId, orderId) as {
    orderId: string;
    sessionId: string;
  }[];
}

export function getSpoolState(db: Database.Database, key: string): string | null {
  const row = stmt(db, 'SELECT value FROM spool_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

/** The newest log rows, newest first. */
export function recentSpoolLog(db: Database.Database, limit: number): { at: number; input: string; kind: string; detail: string }[] {
  return stmt(db, 'SELECT at, input, kind, detail FROM spool_log ORDER BY id DESC LIMIT ?').all(limit) as { at: number; input: string; kind: string; detail: string }[];
}

/**
 * Delete sessions that ended before `endedBefore` (and what belongs to them), and the handled
 * keys (spool_seen) older than that: a platform re-push comes within hours, not weeks. Returns
 * how many sessions. Live sessions are never deleted.
 */
export function pruneSpool(db: Database.Database, endedBefore: number): number {
  stmt(db, 'DELETE FROM spool_seen WHERE at < ?').run(endedBefore);
  const ids = stmt(db, 'SELECT session_id FROM spool_sessions WHERE ended_at IS NOT NULL AND ended_at < ?').pluck().all(endedBefore) as string[];
  if (ids.length === 0) return 0;
  const delEvents = stmt(db, 'DELETE FROM spool_events WHERE session_id = ?');
  const delAliases = stmt(db, 'DELETE FROM spool_room_aliases WHERE session_id = ?');
  const delOrders = stmt(db, 'DELETE FROM spool_orders WHERE session_id = ?');
  const delSession = stmt(db, 'DELETE FROM spool_sessions WHERE session_id = ?');
  db.transaction(() => {
    for (const id of ids) {
      delEvents.run(id);
      delAliases.run(id);
      delOrders.run(id);
      delSession.run(id);
    }
  })();
  return ids.length;
}
