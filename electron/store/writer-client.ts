/**
 * StoreWriterClient: the main-thread (or engine-thread) proxy of the writer worker. One message
 * per batch; `write` resolves after the worker's COMMIT and rejects with a StoreError (e.g.
 * disk_full) when the transaction failed — nothing of that batch is stored, so the caller
 * withholds the ack and retries; a later write succeeds once the cause is gone.
 *
 * Where the worker is:
 * - bundled (out/node/*.js, esbuild): writer-worker.js next to the bundle — esbuild puts every
 *   Node entry and chunk in out/node, so `new URL('./writer-worker.js', import.meta.url)`.
 * - from TypeScript sources (vitest, tsx): there is no .js next to this file; the worker runs
 *   from writer-worker.ts through tsx (tsBootstrap), so tests always exercise the current
 *   sources and never a stale build. test/electron/store/writer-client.test.ts also runs the
 *   esbuild bundle of the worker (opts.workerFile) to check the built path.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../runtime/worker-entry';
import { StoreError } from './errors';
import type { EventColumns, EventRow, GapRange, RejectRow, WriteResult } from './event-writer';
import type { FromWriter, ToWriter, WireError, WriterWorkerData } from './writer-messages';

export interface StoreWriterOptions {
  /** the worker script (default: writer-worker.js next to this module, else the .ts via tsx) */
  workerFile?: string;
  busyTimeoutMs?: number;
  nativeBinding?: string;
}

function fromWire(e: WireError): Error {
  return e.code ? new StoreError(e.code, e.message) : new Error(e.message);
}

/** A message without its id (distributes over the union). */
type Request = ToWriter extends infer T ? (T extends ToWriter ? Omit<T, 'id'> : never) : never;

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/**
 * Start a writer worker on `file` and make its client once the worker is ready; rejects with its
 * StoreError. `extra` worker data and `make` are how a test-only factory adds its hooks
 * (test/electron/store/writer-test-factory.ts); the app only ever calls StoreWriterClient.open.
 */
export function startWriter<C>(
  file: string,
  opts: StoreWriterOptions,
  extra: Omit<WriterWorkerData, 'file' | 'busyTimeoutMs' | 'nativeBinding'>,
  make: (worker: Worker) => C,
): Promise<C> {
  const entry = workerEntry(import.meta.url, 'writer-worker', opts.workerFile);
  const data: WriterWorkerData = { ...extra, file, busyTimeoutMs: opts.busyTimeoutMs, nativeBinding: opts.nativeBinding };
  const worker = new Worker(entry.script, { workerData: data, eval: entry.eval });
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromWriter) => {
      if (m.id !== 0) return;
      cleanup();
      if ('op' in m && m.op === 'ready') resolve(make(worker));
      else if ('error' in m) {
        reject(fromWire(m.error));
        void worker.terminate();
      }
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new Error(`store writer failed to start: ${err.message}`));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`store writer exited during start-up (exit ${code})`));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

export class StoreWriterClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private dead: Error | null = null;
  private closing: Promise<void> | null = null;

  protected constructor(
    protected readonly worker: Worker,
    readonly file: string,
  ) {
    worker.on('message', (m: FromWriter) => {
      if (m.id === 0) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ('ok' in m && m.ok) p.resolve(m.value);
      else if ('error' in m) p.reject(fromWire(m.error));
    });
    const fail = (err: Error) => {
      this.dead ??= err;
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
    };
    worker.on('error', (err) => fail(new Error(`store writer crashed: ${err.message}`)));
    worker.on('exit', (code) => fail(new Error(`store writer stopped (exit ${code})`)));
  }

  /** Start the writer worker on `file` (opened and migrated there); rejects with its StoreError. */
  static open(file: string, opts: StoreWriterOptions = {}): Promise<StoreWriterClient> {
    return startWriter(file, opts, {}, (worker) => new StoreWriterClient(worker, file));
  }

  protected call<T>(msg: Request): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    if (this.closing && msg.op !== 'close') return Promise.reject(new Error('store writer is closed'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...msg, id } as ToWriter);
    });
  }

  /** Store one batch of one session; resolves after COMMIT. */
  write(sessionId: string, rows: EventRow[], rejects: RejectRow[] = [], gaps: GapRange[] = []): Promise<WriteResult> {
    return this.call<WriteResult>({ op: 'write', sessionId, rows, rejects, gaps });
  }

  /** write() with the rows column by column: cheaper to hand to the worker (the ingest path). */
  writeColumns(sessionId: string, rows: EventColumns, rejects: RejectRow[] = [], gaps: GapRange[] = []): Promise<WriteResult> {
    return this.call<WriteResult>({ op: 'writeColumns', sessionId, rows, rejects, gaps });
  }

  /** Highest contiguous durable seq of every session. */
  lastSeqs(): Promise<Record<string, number>> {
    return this.call<Record<string, number>>({ op: 'lastSeqs' });
  }

  /** Why the worker is gone (crashed or stopped), or null while it runs. */
  get deadReason(): Error | null {
    return this.dead;
  }

  /** Finish the writes already sent, close the connection and stop the worker. Idempotent. */
  close(): Promise<void> {
    if (!this.closing) {
      const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
      this.closing = this.dead
        ? Promise.resolve()
        : this.call<void>({ op: 'close' })
            .catch(() => undefined)
            .then(() => exited);
    }
    return this.closing;
  }
}
