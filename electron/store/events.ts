/**
 * Reads of the `events` table (the raw store: one row per accepted event, body as received).
 *
 * One reader: every caller reads pages of rows as arrays (`eventPage`), a page per statement
 * run. Profiling the cold diagnosis pass showed half its time in a row iterator — an object per
 * row and a generator resumed per row — and arrays read about 1.5× faster; and because each
 * page is a finished statement, the connection is free between pages, so a background job can
 * read a session a slice at a time on the engine's connection while other queries run on it.
 * `SessionScan` (./session-scan.ts) feeds parsed pages to computations; `eventsOf` wraps the
 * pages as rows for the few callers that want them one by one (export, tests).
 */
import type Database from 'better-sqlite3';
import type { EventRow } from './event-columns';
import { rawStmt, stmt } from './statements';

export type { EventRow } from './event-columns';

/** One stored event as the page reader returns it. */
export type RawEventRow = [seq: number, ts: number, type: string, body: string];

/** Rows per page when the caller does not say. */
export const PAGE_ROWS = 4096;

/** The stored events with afterSeq < seq ≤ upToSeq, in seq order, at most `limit` of them. */
export function eventPage(db: Database.Database, sessionId: string, afterSeq: number, upToSeq: number, limit = PAGE_ROWS): RawEventRow[] {
  return rawStmt(db, 'SELECT seq, ts, type, body FROM events WHERE session_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?').all(
    sessionId,
    afterSeq,
    upToSeq,
    limit,
  ) as RawEventRow[];
}

/**
 * A session's stored events in seq order, a page at a time (memory stays bounded; the
 * connection is free between pages, so writing while iterating is allowed).
 */
export function* eventsOf(
  db: Database.Database,
  sessionId: string,
  opts: { afterSeq?: number; upToSeq?: number } = {},
): IterableIterator<EventRow> {
  let after = opts.afterSeq ?? 0;
  const upTo = opts.upToSeq ?? Number.MAX_SAFE_INTEGER;
  for (;;) {
    const page = eventPage(db, sessionId, after, upTo);
    for (const [seq, ts, type, body] of page) yield { seq, ts, type, body };
    if (page.length < PAGE_ROWS) return;
    after = page[page.length - 1]![0];
  }
}

/** The stored events of the given types, in seq order (a handful per session: lists, explanations). */
export function eventsOfTypes(db: Database.Database, sessionId: string, types: readonly string[]): RawEventRow[] {
  if (types.length === 0) return [];
  const marks = types.map(() => '?').join(', ');
  return rawStmt(db, `SELECT seq, ts, type, body FROM events WHERE session_id = ? AND type IN (${marks}) ORDER BY seq`).all(
    sessionId,
    ...types,
  ) as RawEventRow[];
}

/** How many events are stored for a session, and its lowest and highest seq (null when none). */
export function seqSpan(db: Database.Database, sessionId: string): { count: number; first: number | null; last: number | null } {
  const r = stmt(db, 'SELECT count(*) AS count, min(seq) AS first, max(seq) AS last FROM events WHERE session_id = ?').get(sessionId) as {
    count: number;
    first: number | null;
    last: number | null;
  };
  return r;
}

/** The end of the first contiguous run of stored seqs: a stored seq whose successor is not stored. */
export function endOfFirstRun(db: Database.Database, sessionId: string): number | null {
  return stmt(
    db,
    'SELECT min(e.seq) FROM events e WHERE e.session_id = ? AND NOT EXISTS (SELECT 1 FROM events x WHERE x.session_id = e.session_id AND x.seq = e.seq + 1)',
  )
    .pluck()
    .get(sessionId) as number | null;
}

/**
 * Every stored seq and ts of a session, in seq order (16 bytes per event: the replay's time
 * index). At most `max` of them — rows written while reading are left for the next read.
 */
export function seqIndex(db: Database.Database, sessionId: string, max: number): { seqs: Float64Array; ts: Float64Array; count: number } {
  const seqs = new Float64Array(max);
  const ts = new Float64Array(max);
  let i = 0;
  let after = 0;
  const read = rawStmt(db, 'SELECT seq, ts FROM events WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?');
  while (i < max) {
    const page = read.all(sessionId, after, Math.min(65_536, max - i)) as [number, number][];
    for (const [s, t] of page) {
      seqs[i] = s;
      ts[i] = t;
      i++;
    }
    if (page.length === 0) break;
    after = page[page.length - 1]![0];
  }
  return { seqs, ts, count: i };
}
