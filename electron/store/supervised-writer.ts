/**
 * The writer worker, started again when it dies (a crash in native code, the thread killed out
 * of memory): the recorder goes on instead of withholding every ack until someone restarts the
 * app. Writes that were in flight fail with the cause; the stream client retries them (and acks
 * nothing meanwhile), and they land in the new worker, whose contiguity tracking starts from what
 * is in the file. At most `maxRestarts` in `windowMs`: a worker that keeps dying is left dead, and
 * every write then fails with one line saying so (the source keeps the events: nothing acked).
 */
import { StoreWriterClient, type StoreWriterOptions } from './writer-client';

/** How a worker is started (StoreWriterClient.open; a test passes its own factory's). */
export type StartWriter<C extends StoreWriterClient> = (file: string, opts: StoreWriterOptions) => Promise<C>;
import type { EventColumns, EventRow, GapRange, RejectRow, WriteResult } from './event-writer';
import type { Logger } from '../runtime/logger';

export interface SupervisedWriterOptions<C extends StoreWriterClient = StoreWriterClient> extends StoreWriterOptions {
  start?: StartWriter<C>;
  logger?: Logger;
  /** restarts allowed within `windowMs` (default 3 in 5 minutes, as for crashed screens) */
  maxRestarts?: number;
  windowMs?: number;
}

export class SupervisedWriter<C extends StoreWriterClient = StoreWriterClient> {
  private restarting: Promise<C> | null = null;
  private readonly restartTimes: number[] = [];
  private closed = false;
  /** restarts so far */
  restarts = 0;

  private constructor(
    private client: C,
    readonly file: string,
    private readonly opts: SupervisedWriterOptions<C>,
    private readonly start: StartWriter<C>,
  ) {}

  static async open<C extends StoreWriterClient = StoreWriterClient>(file: string, opts: SupervisedWriterOptions<C> = {}): Promise<SupervisedWriter<C>> {
    const start = opts.start ?? (StoreWriterClient.open as unknown as StartWriter<C>);
    return new SupervisedWriter(await start(file, opts), file, opts, start);
  }

  /** The running worker, started again first if it died. */
  private async live(): Promise<C> {
    if (this.closed) throw new Error('store writer is closed');
    if (!this.client.deadReason) return this.client;
    this.restarting ??= this.restart().finally(() => (this.restarting = null));
    return this.restarting;
  }

  private async restart(): Promise<C> {
    const cause = this.client.deadReason?.message ?? 'stopped';
    const max = this.opts.maxRestarts ?? 3;
    const windowMs = this.opts.windowMs ?? 5 * 60_000;
    const now = Date.now();
    while (this.restartTimes.length && now - this.restartTimes[0]! >= windowMs) this.restartTimes.shift();
    if (this.restartTimes.length >= max) {
      throw new Error(`store writer died ${max + 1} times within ${Math.round(windowMs / 60_000)} min; not restarted (last: ${cause})`);
    }
    this.restartTimes.push(now);
    this.opts.logger?.(`store: writer worker died (${cause}); starting it again`);
    this.client = await this.start(this.file, this.opts);
    this.restarts++;
    return this.client;
  }

  async write(sessionId: string, rows: EventRow[], rejects: RejectRow[] = [], gaps: GapRange[] = []): Promise<WriteResult> {
    return (await this.live()).write(sessionId, rows, rejects, gaps);
  }

  async writeColumns(sessionId: string, rows: EventColumns, rejects: RejectRow[] = [], gaps: GapRange[] = []): Promise<WriteResult> {
    return (await this.live()).writeColumns(sessionId, rows, rejects, gaps);
  }

  async lastSeqs(): Promise<Record<string, number>> {
    return (await this.live()).lastSeqs();
  }

  /** The running worker (tests started with their factory's `start` crash it through this). */
  get current(): C {
    return this.client;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.restarting?.catch(() => undefined);
    await this.client.close();
  }
}
