/**
 * A StreamSink keeping rows in memory with the store's contiguity rule (lastSeq = highest seq
 * such that every seq up to it is a stored row, a recorded reject with a seq, or inside a gap).
 * It can be made to fail (as a full disk would) or to hold its commits until released, so the
 * tests can watch the client's ack and back-pressure behaviour.
 */
import type { EventRow, GapRange, RejectRow, StreamSink } from '../../../electron/engine/stream-client';

export class MemorySink implements StreamSink {
  readonly rows = new Map<string, Map<number, EventRow>>();
  readonly rejects: { sessionId: string; reject: RejectRow }[] = [];
  readonly gaps: { sessionId: string; gap: GapRange }[] = [];
  readonly calls: { sessionId: string; rows: number }[] = [];
  private readonly delivered = new Map<string, Set<number>>();
  private readonly last = new Map<string, number>();
  failing: Error | null = null;
  /** the next write whose first row has this seq fails once (a write that failed while later ones commit) */
  failOnceAt: number | null = null;
  /** writes handed to the sink so far (counted on arrival, before any hold) */
  started = 0;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }
  release(): void {
    this.openGate?.();
    this.gate = null;
  }

  async write(sessionId: string, rows: EventRow[], rejects: RejectRow[], gaps: GapRange[]): Promise<{ lastSeq: number; inserted: number }> {
    this.started++;
    if (this.gate) await this.gate;
    await new Promise((r) => setImmediate(r));
    if (this.failing) throw this.failing;
    if (this.failOnceAt !== null && rows[0]?.seq === this.failOnceAt) {
      this.failOnceAt = null;
      throw new Error('disk_full: no space left (once)');
    }
    this.calls.push({ sessionId, rows: rows.length });
    const stored = this.rows.get(sessionId) ?? new Map<number, EventRow>();
    this.rows.set(sessionId, stored);
    const seen = this.delivered.get(sessionId) ?? new Set<number>();
    this.delivered.set(sessionId, seen);
    let inserted = 0;
    for (const row of rows) {
      if (stored.has(row.seq)) continue;
      stored.set(row.seq, row);
      seen.add(row.seq);
      inserted++;
    }
    for (const reject of rejects) {
      this.rejects.push({ sessionId, reject });
      if (reject.seq !== null) seen.add(reject.seq);
    }
    for (const gap of gaps) {
      this.gaps.push({ sessionId, gap });
      for (let s = gap.from; s <= gap.to; s++) seen.add(s);
    }
    let last = this.last.get(sessionId) ?? 0;
    while (seen.has(last + 1)) last++;
    this.last.set(sessionId, last);
    return { lastSeq: last, inserted };
  }

  seqs(sessionId: string): number[] {
    return [...(this.rows.get(sessionId)?.keys() ?? [])].sort((a, b) => a - b);
  }
}
