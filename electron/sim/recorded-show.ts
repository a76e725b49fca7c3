/**
 * A recorded session as a ShowSource of the simulator's socket.io server (./server.ts),
 * so `luopan sim --db FILE [--session ID]` and `luopan sim --replay FILE.ndjson` serve stored
 * events with the simulator's own transport (hello, batch/ack, resume, gap, pacing by --speed).
 *
 * Pacing: an event is due at its show time, ts − startedAt; events after `session.end` (the
 * after-sale, days of event time later) are due at once, as the simulator delivers them by
 * default. Events go out in seq order, so one whose ts runs slightly ahead holds the next ones
 * back until its time. Bodies are read from SQLite in slices (memory stays bounded) and sent
 * as stored.
 *
 * Only a contiguous run of seqs can be served (the server numbers its buffer by seq): a session
 * with a hole is served up to the hole, and `hole` says where it is.
 */
import type Database from 'better-sqlite3';
import type { ShowSource, SimEvent } from './show-source';
import { endOfFirstRun, eventsOf, seqSpan } from '../store/events';
import { getSession } from '../store/sessions';

const READ_SLICE = 5000;

export class RecordedShow implements ShowSource {
  readonly sessionId: string;
  readonly roomId: string;
  /** first seq missing from the store before its last event, or null */
  readonly hole: number | null;
  private readonly startedAt: number;
  private readonly endSeq: number;
  private taken = 0;
  private read = 0;
  private ahead: SimEvent[] = [];
  private at = 0;
  private showMs = 0;
  private afterEnd = false;

  constructor(
    private readonly db: Database.Database,
    sessionId: string,
  ) {
    const session = getSession(db, sessionId);
    if (!session) throw new Error(`no session "${sessionId.slice(0, 80)}" in the store`);
    this.sessionId = sessionId;
    this.roomId = session.roomId;
    this.startedAt = session.startedAt;
    const { count: n, first, last } = seqSpan(db, sessionId);
    if (n === 0) throw new Error(`session "${sessionId.slice(0, 80)}" has no stored events`);
    if (first !== 1) throw new Error(`session "${sessionId.slice(0, 80)}" lacks its first events (seq 1–${first! - 1} not stored)`);
    if (n === last) {
      this.endSeq = last;
      this.hole = null;
    } else {
      // the end of the first contiguous run: a stored seq whose successor is not stored
      const end = endOfFirstRun(db, sessionId)!;
      this.endSeq = end;
      this.hole = end + 1;
    }
  }

  get lastSeq(): number {
    return this.taken;
  }
  get done(): boolean {
    return this.taken >= this.endSeq;
  }
  get showSeconds(): number {
    return Math.floor(this.showMs / 1000);
  }

  advanceTo(showMs: number, maxEvents = Infinity): SimEvent[] {
    return this.take(maxEvents, showMs);
  }

  advanceBy(count: number): SimEvent[] {
    return this.take(count, Infinity);
  }

  private take(count: number, untilMs: number): SimEvent[] {
    const out: SimEvent[] = [];
    while (out.length < count && !this.done) {
      if (this.at >= this.ahead.length) this.readSlice();
      const next = this.ahead[this.at];
      if (!next) break;
      const due = this.afterEnd ? 0 : next.ts - this.startedAt;
      if (due > untilMs) break;
      this.at++;
      out.push(next);
      this.taken = next.seq;
      if (due > this.showMs) this.showMs = due;
      if (next.type === 'session.end') this.afterEnd = true;
    }
    return out;
  }

  private readSlice(): void {
    const upTo = Math.min(this.endSeq, this.read + READ_SLICE);
    const events: SimEvent[] = [];
    for (const row of eventsOf(this.db, this.sessionId, { afterSeq: this.read, upToSeq: upTo })) {
      events.push(JSON.parse(row.body) as SimEvent);
    }
    this.read = upTo;
    this.ahead = events;
    this.at = 0;
  }
}
