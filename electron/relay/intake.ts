/**
 * The relay's intake: every input hands its events here; they are numbered, validated and
 * committed to the spool in one transaction per flush (group commit, at most every FLUSH_MS),
 * and only then is the submitter answered — an HTTP reply, a capture-tool queue moving on. The
 * numbering happens inside the flush from the committed state, so a failed commit (disk full)
 * hands out no seq, and a restart continues after the last durable one: no seq is ever re-used.
 *
 * Per event:
 *  - a session starts with its `session.start` (whose sessionId must be the session's); a line
 *    of a session the spool does not know, that is not its start, is refused;
 *  - `seq` absent: the session's next seq. `seq` given (a feed numbering its own events, so it
 *    can re-send safely): ≤ the last one is a duplicate (answered as stored, not stored again),
 *    the next one is taken, beyond it is refused (it would leave a hole);
 *  - `ts` absent: receipt time;
 *  - the protocol's validation (shared/protocol) — the relay never serves what a client would refuse.
 */
import type Database from 'better-sqlite3';
import { validateEvent } from '../../shared/protocol/validate';
import { commitSpool, emptyCommit, listSpoolSessions, type SpoolCommit, type SpoolSession } from '../store/spool/spool';
import { stringifyLossless } from './lossless';

/** One event for one session, as an input built it. */
export interface Submission {
  sessionId: string;
  event: Record<string, unknown>;
  /** the capture-tool room a new session belongs to (default '') */
  roomKey?: string;
  /** more ids the session's room is known by (the platform's room id) */
  aliases?: string[];
}

/** What an input's own durable state adds to the commit of its events. */
export type CommitExtras = Partial<Pick<SpoolCommit, 'seen' | 'orders' | 'state' | 'log'>>;

export type Outcome = { ok: true; seq: number; duplicate: boolean } | { ok: false; reason: string };

/** Thrown to every submitter of a flush whose commit failed (e.g. StoreError disk_full): nothing of it is stored. */
export class CommitFailed extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

interface Pending {
  items: Submission[];
  extras: CommitExtras | undefined;
  resolve: (o: Outcome[]) => void;
  reject: (e: CommitFailed) => void;
}

const FLUSH_MS = 10;

export interface IntakeOptions {
  /** called after each commit with the sessions that got events */
  onCommitted?: (sessionIds: Set<string>) => void;
  now?: () => number;
}

export class Intake {
  private readonly sessions = new Map<string, SpoolSession>();
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly now: () => number;
  /** commits that failed since start (disk full …) */
  commitFailures = 0;
  lastCommitError: string | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly opts: IntakeOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    for (const s of listSpoolSessions(db)) this.sessions.set(s.sessionId, s);
  }

  /** The committed state of a session (null: unknown). */
  session(sessionId: string): Readonly<SpoolSession> | null {
    return this.sessions.get(sessionId) ?? null;
  }

  allSessions(): SpoolSession[] {
    return [...this.sessions.values()];
  }

  /** Submit events (in order) and extras; resolves after the commit with one outcome per item. */
  submit(items: Submission[], extras?: CommitExtras): Promise<Outcome[]> {
    if (this.closed) return Promise.reject(new CommitFailed(new Error('the relay is closing')));
    return new Promise((resolve, reject) => {
      this.queue.push({ items, extras, resolve, reject });
      this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
    });
  }

  /** Commit what is queued now (also called by the timer). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const queue = this.queue;
    this.queue = [];
    if (queue.length === 0) return;
    const work = new Map<string, SpoolSession>();
    const commit = emptyCommit();
    const outcomes = queue.map((p) => {
      const out = p.items.map((item) => this.take(item, work, commit));
      if (p.extras) {
        commit.seen.push(...(p.extras.seen ?? []));
        commit.orders.push(...(p.extras.orders ?? []));
        commit.state.push(...(p.extras.state ?? []));
        commit.log.push(...(p.extras.log ?? []));
      }
      return out;
    });
    // new sessions are inserted first in the transaction, so their final state is an update too
    for (const s of work.values()) commit.sessionUpdates.push({ sessionId: s.sessionId, lastSeq: s.lastSeq, lastTs: s.lastTs, endedAt: s.endedAt });
    try {
      commitSpool(this.db, commit);
    } catch (err) {
      this.commitFailures++;
      this.lastCommitError = err instanceof Error ? err.message : String(err);
      for (const p of queue) p.reject(new CommitFailed(err));
      return;
    }
    this.lastCommitError = null;
    for (const s of work.values()) this.sessions.set(s.sessionId, s);
    queue.forEach((p, i) => p.resolve(outcomes[i]!));
    if (commit.events.length) this.opts.onCommitted?.(new Set(commit.events.map((e) => e.sessionId)));
  }

  /** Stop taking submissions; what is queued is committed now. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private take(item: Submission, work: Map<string, SpoolSession>, commit: SpoolCommit): Outcome {
    const { sessionId, event } = item;
    const type = event.type;
    let s = work.get(sessionId) ?? this.sessions.get(sessionId);
    const given = event.seq;
    if (given !== undefined && (typeof given !== 'number' || !Number.isInteger(given) || given < 1)) return { ok: false, reason: 'seq must be an integer ≥ 1' };
    if (s && typeof given === 'number' && given <= s.lastSeq) return { ok: true, seq: given, duplicate: true };
    if (!s && type !== 'session.start') return { ok: false, reason: `session "${sessionId.slice(0, 80)}" has no session.start yet` };
    if (s && type === 'session.start' && given === undefined) return { ok: false, reason: `session "${sessionId.slice(0, 80)}" has already started` };
    if (type === 'session.start' && event.sessionId !== sessionId) return { ok: false, reason: 'session.start names another sessionId than its line' };
    const seq = (s?.lastSeq ?? 0) + 1;
    if (given !== undefined && given !== seq) return { ok: false, reason: `seq ${String(given)} would leave a hole after ${seq - 1}` };
    const ts = event.ts ?? this.now();
    const { seq: _s, ts: _t, type: _ty, ...rest } = event;
    const full = { seq, ts, type, ...rest };
    const verdict = validateEvent(full);
    if (!verdict.ok) return { ok: false, reason: verdict.detail };
    const tsNum = ts as number;
    if (!s) {
      const start = full as unknown as { roomId: string; startedAt: number };
      s = { sessionId, roomKey: item.roomKey ?? '', roomId: start.roomId, lastSeq: 0, lastTs: tsNum, startedAt: start.startedAt, endedAt: null };
      commit.newSessions.push({ ...s, lastSeq: 0 });
      commit.aliases.push({ alias: start.roomId, sessionId });
    } else {
      s = { ...s };
    }
    s.lastSeq = seq;
    s.lastTs = Math.max(s.lastTs, tsNum);
    if (type === 'session.end') s.endedAt = (full as unknown as { endedAt: number }).endedAt;
    work.set(sessionId, s);
    for (const alias of item.aliases ?? []) commit.aliases.push({ alias, sessionId });
    commit.events.push({ sessionId, seq, body: stringifyLossless(full) });
    return { ok: true, seq, duplicate: false };
  }
}
