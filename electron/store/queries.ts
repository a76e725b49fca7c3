/**
 * Reads (and the few small writes that are not the event stream) on a store connection from
 * openStore(). Statements are prepared once per connection and reused.
 */
import type Database from 'better-sqlite3';
import type { EventRow } from './event-writer';

export type { EventRow } from './event-writer';

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

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The connection's prepared statement for `sql` (prepared on first use). */
function stmt(db: Database.Database, sql: string): Database.Statement {
  let map = cache.get(db);
  if (!map) cache.set(db, (map = new Map()));
  let s = map.get(sql);
  if (!s) map.set(sql, (s = db.prepare(sql)));
  return s;
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

export function getSession(db: Database.Database, sessionId: string): SessionRow | null {
  const row = stmt(db, `SELECT ${SESSION_COLUMNS} FROM sessions WHERE session_id = ?`).get(sessionId) as SessionDbRow | undefined;
  return row ? toSessionRow(row) : null;
}

/**
 * A session's stored events in seq order, streamed (not loaded at once). While iterating, the
 * connection is busy: collect what you want to write and write it after the loop.
 */
export function* iterateEvents(
  db: Database.Database,
  sessionId: string,
  opts: { afterSeq?: number; upToSeq?: number } = {},
): IterableIterator<EventRow> {
  const it = stmt(db, 'SELECT seq, ts, type, body FROM events WHERE session_id = ? AND seq > ? AND seq <= ? ORDER BY seq').iterate(
    sessionId,
    opts.afterSeq ?? 0,
    opts.upToSeq ?? Number.MAX_SAFE_INTEGER,
  ) as IterableIterator<EventRow>;
  yield* it;
}

/** Delete a session and everything recorded for it, in one transaction. False if unknown. */
export function deleteSession(db: Database.Database, sessionId: string): boolean {
  return db.transaction(() => {
    let n = 0;
    for (const table of ['events', 'rejects', 'gaps', 'rollups', 'alerts', 'sessions']) {
      n += stmt(db, `DELETE FROM ${table} WHERE session_id = ?`).run(sessionId).changes;
    }
    return n > 0;
  }).immediate();
}

/** A cached figure set: `value` computed from the events up to `uptoSeq` (stale when < lastSeq). */
export function getRollup(db: Database.Database, sessionId: string, kind: string): { uptoSeq: number; value: unknown } | null {
  const row = stmt(db, 'SELECT upto_seq, body FROM rollups WHERE session_id = ? AND kind = ?').get(sessionId, kind) as
    | { upto_seq: number; body: string }
    | undefined;
  if (!row) return null;
  try {
    return { uptoSeq: row.upto_seq, value: JSON.parse(row.body) as unknown };
  } catch {
    return null; // a damaged cache entry is a cache miss
  }
}

export function putRollup(db: Database.Database, sessionId: string, kind: string, uptoSeq: number, value: unknown): void {
  stmt(
    db,
    `INSERT INTO rollups (session_id, kind, upto_seq, body) VALUES (?, ?, ?, ?)
     ON CONFLICT (session_id, kind) DO UPDATE SET upto_seq = excluded.upto_seq, body = excluded.body`,
  ).run(sessionId, kind, uptoSeq, JSON.stringify(value));
}

/** A setting's JSON value; null when missing or not valid JSON. */
export function getKv(db: Database.Database, key: string): unknown {
  const value = stmt(db, 'SELECT value FROM kv WHERE key = ?').pluck().get(key) as string | undefined;
  if (value === undefined) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

export function putKv(db: Database.Database, key: string, value: unknown): void {
  stmt(db, 'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value ?? null),
  );
}
