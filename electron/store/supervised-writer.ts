/**
 * The writer worker, started again when it dies (a crash in native code, the thread killed out
 * of memory): the recorder goes on instead of withholding every ack until someone restarts the
 * app. Writes that were in flight fail with the cause; the stream client retries them (and acks
 * nothing meanwhile), and they land in the new worker, whose contiguity tracking starts from what
 * is in the file. At most `maxRestarts` in `windowMs`: a worker that keeps dying is left dead, and
 * every write then fails with one line saying so (the source keeps the events: nothing acked).
 */
import { StoreWriterClient, type StoreWriterOptions } from './writer-client';
import type { EventColumns, EventRow, GapRange, RejectRow, WriteResult } from './event-writer';

export interface SupervisedWriterOptions extends StoreWriterOptions {
  logger?: (line: string) => void;
  /** restarts allowed within `windowMs` (default 3 in 5 minutes, as for crashed screens) */
  maxRestarts?: number;
  windowMs?: number;
}

export class SupervisedWriter {
  private restarting: Promise<StoreWriterClient> | null = null;
  private readonly restartTimes: number[] = [];
  private closed = false;
  /** restarts so far */
  restarts = 0;

  private constructor(
    private client: StoreWriterClient,
    readonly file: string,
    private readonly opts: SupervisedWriterOptions,
  ) {}

  static async open(file: string, opts: SupervisedWriterOptions = {}): Promise<SupervisedWriter> {
    return new SupervisedWriter(await StoreWriterClient.open(file, opts), file, opts);
  }

  /** The running worker, started again first if it died. */
  private async live(): Promise<StoreWriterClient> {
    if (this.closed) throw new Error('store writer is closed');
    if (!this.client.deadReason) return this.client;
    this.restarting ??= this.restart().finally(() => (this.restarting = null));
    return this.restarting;
  }

  private async restart(): Promise<StoreWriterClient> {
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
    this.client = await StoreWriterClient.open(this.file, this.opts);
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

  /** TEST ONLY: the current worker, to crash it or change its limits. */
  get current(): StoreWriterClient {
    return this.client;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.restarting?.catch(() => undefined);
    await this.client.close();
  }
}
