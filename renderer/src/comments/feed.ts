/**
 * The comment feed's pacing: comments arrive in bursts (hundreds a second at a big show) but a
 * person reads a few a second. New comments queue up and are released at a fixed rate; when
 * the queue is longer than a few seconds' worth, the oldest are skipped (and counted), so the
 * feed shows what is being said now rather than falling ever further behind.
 */
import type { CommentRow } from '../../../shared/viewmodel/room';
import { displayText } from '../../../shared/text/sanitize';

export interface FeedOptions {
  /** rows kept on screen */
  visible?: number;
  /** at most this many queued; older ones are skipped */
  maxQueue?: number;
  /** characters of a comment shown (the rest is clipped anyway) */
  maxChars?: number;
}

export interface FeedRow {
  seq: number;
  nickname: string;
  text: string;
}

export class CommentPacer {
  readonly visible: number;
  private readonly maxQueue: number;
  private readonly maxChars: number;
  private queue: FeedRow[] = [];
  private lastSeq = -Infinity;
  private started = false;
  /** newest last */
  shown: FeedRow[] = [];
  skipped = 0;

  constructor(opts: FeedOptions = {}) {
    this.visible = opts.visible ?? 14;
    this.maxQueue = opts.maxQueue ?? 12;
    this.maxChars = opts.maxChars ?? 140;
  }

  private row(c: CommentRow): FeedRow {
    // the aggregator already sanitised these; again here because this is the last step before the screen
    return { seq: c.seq, nickname: displayText(String(c.nickname ?? ''), 24), text: displayText(String(c.text ?? ''), this.maxChars) };
  }

  /** The room's latest comments (newest last); only those not seen before are queued. */
  offer(comments: readonly CommentRow[]): void {
    if (!this.started) {
      // a screen opened mid-show starts with the latest page, not a slow replay of it
      this.started = true;
      const latest = comments.slice(-this.visible);
      this.shown = latest.map((c) => this.row(c));
      this.lastSeq = latest.length > 0 ? latest[latest.length - 1]!.seq : -Infinity;
      return;
    }
    for (const c of comments) {
      if (!(c.seq > this.lastSeq)) continue;
      this.lastSeq = c.seq;
      this.queue.push(this.row(c));
    }
    if (this.queue.length > this.maxQueue) {
      const drop = this.queue.length - this.maxQueue;
      this.queue.splice(0, drop);
      this.skipped += drop;
    }
  }

  /** Release one queued comment onto the screen; false when none was waiting. */
  release(): boolean {
    const next = this.queue.shift();
    if (!next) return false;
    this.shown = [...this.shown.slice(-(this.visible - 1)), next];
    return true;
  }

  /**
   * Start over from `rows` (newest last), shown at once, as if every comment up to `throughSeq`
   * had been seen: the replay after a seek, where the comments before the cursor come from the
   * store and anything the room still holds from before the seek must not be queued.
   */
  restart(rows: readonly CommentRow[], throughSeq: number): void {
    this.reset();
    this.started = true;
    const latest = rows.slice(-this.visible);
    this.shown = latest.map((c) => this.row(c));
    this.lastSeq = Math.max(throughSeq, latest.length > 0 ? latest[latest.length - 1]!.seq : -Infinity);
  }

  /** A different room: start over. */
  reset(): void {
    this.queue = [];
    this.shown = [];
    this.lastSeq = -Infinity;
    this.started = false;
    this.skipped = 0;
  }

  get queued(): number {
    return this.queue.length;
  }
}
