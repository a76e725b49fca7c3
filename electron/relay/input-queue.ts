/**
 * The ordered way into the intake for inputs that cannot be told "not now": a capture tool's
 * frames, stdin's lines, a poll's results. Groups are committed in the order they were pushed;
 * when a commit fails (the spool's disk is full) the same groups are tried again every
 * RETRY_MS, in order, until space returns — so a room's session.start is never overtaken by its
 * comments. The queue is bounded: past `maxItems` a push is refused (the input counts what it
 * dropped), and stdin stops reading until there is room (`onRoom`).
 */
import { CommitFailed, type CommitExtras, type Intake, type Outcome, type Submission } from './intake';
import type { InputStats } from './input-stats';

interface Group {
  items: Submission[];
  extras?: CommitExtras;
}

const RETRY_MS = 1000;
const CHUNK_ITEMS = 5000;

export interface InputQueueOptions {
  maxItems?: number;
  /** called with each item's outcome after its commit (stdin reports refused lines) */
  onOutcome?: (item: Submission, outcome: Outcome) => void;
}

export class InputQueue {
  private readonly groups: Group[] = [];
  private items = 0;
  private running = false;
  private waiters: (() => void)[] = [];
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** true while the last commit failed and the queue waits to try again */
  stalled = false;
  readonly maxItems: number;

  constructor(
    private readonly intake: Intake,
    private readonly stats: InputStats,
    private readonly opts: InputQueueOptions = {},
  ) {
    this.maxItems = opts.maxItems ?? 200_000;
  }

  get size(): number {
    return this.items;
  }

  /** Queue a group (events plus the input state they come with); false when the queue is full. */
  push(items: Submission[], extras?: CommitExtras): boolean {
    if (this.closed) return false;
    if (items.length === 0 && !extras) return true;
    if (this.items + items.length > this.maxItems) {
      this.stats.rejects.add('queue_full', items.length, `spool not accepting for a while, ${this.items} events waiting`);
      return false;
    }
    this.groups.push({ items, extras });
    this.items += items.length;
    void this.pump();
    return true;
  }

  /** Resolves once everything pushed so far is committed (or refused by the intake). */
  drained(): Promise<void> {
    if (this.groups.length === 0 && !this.running) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private async pump(): Promise<void> {
    if (this.running || this.retryTimer) return;
    this.running = true;
    try {
      while (this.groups.length && !this.closed) {
        const take: Group[] = [];
        let n = 0;
        while (this.groups.length && (take.length === 0 || n + this.groups[0]!.items.length <= CHUNK_ITEMS)) {
          const g = this.groups.shift()!;
          take.push(g);
          n += g.items.length;
        }
        const items = take.flatMap((g) => g.items);
        const extras = mergeExtras(take);
        let outcomes: Outcome[];
        try {
          outcomes = await this.intake.submit(items, extras);
        } catch (err) {
          if (!(err instanceof CommitFailed)) throw err;
          this.groups.unshift(...take);
          if (!this.stalled) this.stats.log(`spool refused a commit, retrying every ${RETRY_MS / 1000} s: ${err.message}`);
          this.stalled = true;
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            void this.pump();
          }, RETRY_MS);
          return;
        }
        if (this.stalled) this.stats.log('spool accepts again');
        this.stalled = false;
        this.items -= items.length;
        outcomes.forEach((o, i) => {
          if (!o.ok) this.stats.rejects.add('refused', 1, o.reason);
          else if (o.duplicate) this.stats.duplicates++;
          else this.stats.accepted++;
          this.opts.onOutcome?.(items[i]!, o);
        });
      }
    } finally {
      this.running = false;
    }
    if (this.groups.length === 0) for (const w of this.waiters.splice(0)) w();
  }
}

function mergeExtras(groups: Group[]): CommitExtras | undefined {
  const withExtras = groups.filter((g) => g.extras);
  if (withExtras.length === 0) return undefined;
  const out: Required<CommitExtras> = { seen: [], orders: [], state: [], log: [] };
  for (const g of withExtras) {
    out.seen.push(...(g.extras!.seen ?? []));
    out.orders.push(...(g.extras!.orders ?? []));
    out.state.push(...(g.extras!.state ?? []));
    out.log.push(...(g.extras!.log ?? []));
  }
  return out;
}
