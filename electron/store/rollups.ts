/**
 * The `rollups` table: per-session figure sets cached as JSON under a kind ('stats' for the
 * diagnosis, 'figures' for the session list), each keyed by the last seq it was computed from —
 * a rollup with `uptoSeq` below the session's last stored seq is stale.
 */
import type Database from 'better-sqlite3';
import { stmt } from './statements';

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

/** The seq a rollup was computed up to, without reading its body; undefined when there is none. */
export function rollupUptoSeq(db: Database.Database, sessionId: string, kind: string): number | undefined {
  return stmt(db, 'SELECT upto_seq FROM rollups WHERE session_id = ? AND kind = ?').pluck().get(sessionId, kind) as number | undefined;
}

export function putRollup(db: Database.Database, sessionId: string, kind: string, uptoSeq: number, value: unknown): void {
  stmt(
    db,
    `INSERT INTO rollups (session_id, kind, upto_seq, body) VALUES (?, ?, ?, ?)
     ON CONFLICT (session_id, kind) DO UPDATE SET upto_seq = excluded.upto_seq, body = excluded.body`,
  ).run(sessionId, kind, uptoSeq, JSON.stringify(value));
}

export interface StaleSession {
  sessionId: string;
  lastSeq: number;
}

const KIND = /^[a-z][a-z0-9_]*$/;

/**
 * Ended sessions with a rollup of one of `kinds` missing or behind their stored events, oldest end
 * first. With `version`, a rollup of that kind whose body's `version` differs is stale too
 * (slower: json_extract parses each body, so the rollup keeper asks it once, at start).
 */
export function endedSessionsWithStaleRollups(
  db: Database.Database,
  kinds: readonly string[],
  version?: { kind: string; version: number },
): StaleSession[] {
  for (const k of kinds) if (!KIND.test(k)) throw new Error(`bad rollup kind "${k}"`);
  const joins = kinds.map((k, i) => `LEFT JOIN rollups r${i} ON r${i}.session_id = s.session_id AND r${i}.kind = '${k}'`).join('\n');
  const stale = kinds.map((_, i) => `coalesce(r${i}.upto_seq, -1) < s.last_seq`);
  const vi = version ? kinds.indexOf(version.kind) : -1;
  if (version && vi < 0) throw new Error(`rollup kind "${version.kind}" is not among ${kinds.join(', ')}`);
  if (vi >= 0) stale.push(`json_extract(r${vi}.body, '$.version') IS NOT ${Math.trunc(version!.version)}`);
  const sql = `SELECT s.session_id AS sessionId, s.last_seq AS lastSeq FROM sessions s
    ${joins}
    WHERE s.ended_at IS NOT NULL AND (${stale.join(' OR ')}) ORDER BY s.ended_at`;
  return stmt(db, sql).all() as StaleSession[];
}
