/**
 * The retention setting (Settings.retentionDays): sessions that ended more than that many days
 * ago are deleted — at engine start and then once a day. A session still live (no ended_at) is
 * never deleted, however old its start; 0 days means keep everything.
 */
import type Database from 'better-sqlite3';
import { deleteSession, listSessions } from '../store/sessions';
import type { Logger } from '../runtime/logger';

const DAY_MS = 86_400_000;

/** Delete every session that ended before `now − days`; returns the deleted session ids. */
export function deleteExpiredSessions(db: Database.Database, retentionDays: number, now: number = Date.now()): string[] {
  if (!Number.isFinite(retentionDays) || retentionDays <= 0) return [];
  const cutoff = now - retentionDays * DAY_MS;
  const deleted: string[] = [];
  // listed first, deleted after: deleteSession writes, and the list is read in one statement
  const expired = listSessions(db).filter((s) => s.endedAt !== null && s.endedAt < cutoff);
  for (const s of expired) if (deleteSession(db, s.sessionId)) deleted.push(s.sessionId);
  return deleted;
}

export interface RetentionOptions {
  /** the current setting, read at every run (the user may change it meanwhile) */
  retentionDays: () => number;
  /** told which sessions a run deleted (the engine drops them from its live view) */
  onDeleted?: (sessionIds: string[]) => void;
  log?: Logger;
  /** between runs; default one day */
  intervalMs?: number;
  now?: () => number;
}

export interface RetentionTimer {
  /** run now (e.g. after the setting changed); returns the deleted ids */
  runNow(): string[];
  stop(): void;
}

/** Run at once, then every `intervalMs`; the timer never keeps the process alive. */
export function startRetention(db: Database.Database, opts: RetentionOptions): RetentionTimer {
  const runNow = (): string[] => {
    let deleted: string[] = [];
    try {
      deleted = deleteExpiredSessions(db, opts.retentionDays(), opts.now?.() ?? Date.now());
    } catch (err) {
      // a locked or full store this time: the next run tries again, nothing is half-deleted
      opts.log?.(`retention: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    }
    if (deleted.length > 0) {
      opts.log?.(`retention: deleted ${deleted.length} session(s) ended more than ${opts.retentionDays()} day(s) ago`);
      opts.onDeleted?.(deleted);
    }
    return deleted;
  };
  runNow();
  const timer = setInterval(runNow, opts.intervalMs ?? DAY_MS);
  timer.unref();
  return { runNow, stop: () => clearInterval(timer) };
}
