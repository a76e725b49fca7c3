/**
 * One pass over a session's stored events feeding one or more computations (the one fold of
 * stored events, the diagnosis stats), each row parsed at most once, all at once or a slice at
 * a time (pages of ./events.ts, so the connection is free between slices).
 */
import type Database from 'better-sqlite3';
import { eventPage, PAGE_ROWS, type RawEventRow } from './events';

/** A computation fed with a session's events in seq order. */
export interface EventFeed {
  /** Whether it reads events of this type; a row no feed wants is counted but not parsed. */
  wants(type: string): boolean;
  /** The parsed event body (JSON as stored; the store keeps validated events only). */
  add(event: unknown, seq: number): void;
}

const UNPARSED = Symbol('unparsed');
const DAMAGED = Symbol('damaged');

/** Reads one session's events after `afterSeq` up to `upToSeq` into the feeds. */
export class SessionScan {
  /** rows read so far (every type, wanted or not) */
  rows = 0;
  /** rows whose body did not parse (skipped; cannot happen for a row the writer stored) */
  damaged = 0;
  /** seq of the last row read (afterSeq before the first) */
  lastSeq: number;
  done = false;

  constructor(
    private readonly db: Database.Database,
    readonly sessionId: string,
    readonly upToSeq: number,
    private readonly feeds: readonly EventFeed[],
    afterSeq = 0,
  ) {
    this.lastSeq = afterSeq;
    if (upToSeq <= afterSeq) this.done = true;
  }

  /** Read and feed up to `maxRows` more rows; true once every row up to `upToSeq` has been read. */
  step(maxRows = Number.POSITIVE_INFINITY): boolean {
    let budget = maxRows;
    while (!this.done && budget > 0) {
      const limit = Math.min(PAGE_ROWS, budget);
      const page = eventPage(this.db, this.sessionId, this.lastSeq, this.upToSeq, limit);
      for (const row of page) this.feed(row);
      budget -= page.length;
      if (page.length < limit || this.lastSeq >= this.upToSeq) this.done = true;
    }
    return this.done;
  }

  private feed([seq, , type, body]: RawEventRow): void {
    this.rows++;
    this.lastSeq = seq;
    let event: unknown = UNPARSED;
    for (const f of this.feeds) {
      if (!f.wants(type)) continue;
      if (event === UNPARSED) {
        try {
          event = JSON.parse(body);
        } catch {
          event = DAMAGED; // a damaged row is skipped, not fatal
          this.damaged++;
        }
      }
      if (event !== DAMAGED) f.add(event, seq);
    }
  }
}
