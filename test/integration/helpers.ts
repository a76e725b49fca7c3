/**
 * Shared checks of the integration tests: what the simulator says it emitted against what
 * SQLite holds — every seq 1..N of every session exactly once (stored, recorded as a reject,
 * or inside a recorded gap), nothing twice.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDb(name = 'luopan.db'): string {
  return join(mkdtempSync(join(tmpdir(), 'luopan-int-')), name);
}

export interface Emitted { sessionId: string; generated: number; acked?: number }

export interface SessionCheck {
  sessionId: string;
  generated: number;
  stored: number;
  maxSeq: number | null;
  minSeq: number | null;
  rejectedSeqs: number;
  gapSeqs: number;
  lastSeq: number | null;
}

export function checkSessions(dbFile: string, emitted: Emitted[]): SessionCheck[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return emitted.map((s) => {
      const ev = db.prepare('SELECT count(*) AS n, min(seq) AS lo, max(seq) AS hi FROM events WHERE session_id = ?').get(s.sessionId) as { n: number; lo: number | null; hi: number | null };
      const rej = db.prepare('SELECT count(DISTINCT seq) AS r FROM rejects WHERE session_id = ? AND seq IS NOT NULL').get(s.sessionId) as { r: number };
      const gap = db.prepare('SELECT coalesce(sum(to_seq - from_seq + 1), 0) AS g FROM gaps WHERE session_id = ?').get(s.sessionId) as { g: number };
      const sess = db.prepare('SELECT last_seq AS l FROM sessions WHERE session_id = ?').get(s.sessionId) as { l: number } | undefined;
      return {
        sessionId: s.sessionId,
        generated: s.generated,
        stored: ev.n,
        maxSeq: ev.hi,
        minSeq: ev.lo,
        rejectedSeqs: rej.r,
        gapSeqs: gap.g,
        lastSeq: sess?.l ?? null,
      };
    });
  } finally {
    db.close();
  }
}

/** Every seq 1..generated accounted for exactly once. */
export function exactlyOnce(c: SessionCheck): boolean {
  return c.minSeq === 1 && c.stored + c.rejectedSeqs + c.gapSeqs === c.generated && c.lastSeq === c.generated;
}

export function integrityCheck(dbFile: string): string {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
  } finally {
    db.close();
  }
}

export async function until(cond: () => boolean, ms: number, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
