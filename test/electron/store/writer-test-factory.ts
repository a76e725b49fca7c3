/**
 * The writer worker with test-only hooks, kept out of the product: a client that can crash its
 * worker as a native crash would, and cap the database size on the worker's own connection
 * (PRAGMA max_page_count, a full disk on demand). Only this factory sets the worker's
 * `testHooks`, so the app's writer never answers those operations.
 */
import type { Worker } from 'node:worker_threads';
import { startWriter, StoreWriterClient, type StoreWriterOptions } from '../../../electron/store/writer-client';

export interface TestWriterOptions extends StoreWriterOptions {
  /** PRAGMA max_page_count from the start */
  maxPageCount?: number;
}

export class TestWriterClient extends StoreWriterClient {
  static override open(file: string, opts: TestWriterOptions = {}): Promise<TestWriterClient> {
    return startWriter(file, opts, { testHooks: true, maxPageCount: opts.maxPageCount }, (worker: Worker) => new TestWriterClient(worker, file));
  }

  /** Change PRAGMA max_page_count on the writer's connection. */
  setMaxPageCount(pages: number): Promise<void> {
    return this.call<void>({ op: 'maxPageCount', pages });
  }

  /** Stop the worker thread as a crash would (pending writes fail). */
  async crashForTest(): Promise<void> {
    await this.worker.terminate();
  }
}
