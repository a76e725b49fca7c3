/**
 * Rejection counters by reason (validate.ts REJECT_REASONS) plus a rate-limited log: the first
 * rejection of a kind is logged at once, then at most one line per kind every `intervalMs`
 * saying how many more arrived, so a hostile source cannot flood the log.
 */
import type { Logger } from '../runtime/logger';

export class RejectLog {
  readonly counts: Record<string, number> = {};
  private readonly lastLogAt = new Map<string, number>();
  private readonly unlogged = new Map<string, number>();

  constructor(
    private readonly logger: Logger | undefined,
    private readonly intervalMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  add(reason: string, n = 1, detail?: string): void {
    if (n <= 0) return;
    this.counts[reason] = (this.counts[reason] ?? 0) + n;
    if (!this.logger) return;
    const pending = (this.unlogged.get(reason) ?? 0) + n;
    const last = this.lastLogAt.get(reason);
    const t = this.now();
    if (last !== undefined && t - last < this.intervalMs) {
      this.unlogged.set(reason, pending);
      return;
    }
    this.lastLogAt.set(reason, t);
    this.unlogged.set(reason, 0);
    const what = detail ? `: ${oneLine(detail)}` : '';
    this.logger(`rejected ${pending} × ${reason}${what} (total ${this.counts[reason]})`);
  }

  snapshot(): Record<string, number> {
    return { ...this.counts };
  }
}

function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ').slice(0, 160);
}
