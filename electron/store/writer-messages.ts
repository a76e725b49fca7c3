/** Messages between StoreWriterClient (main/engine thread) and writer-worker.ts. */
import type { StoreErrorCode } from './errors';
import type { EventColumns, EventRow, GapRange, RejectRow, WriteResult } from './event-writer';

export interface WriterWorkerData {
  file: string;
  busyTimeoutMs?: number;
  nativeBinding?: string;
  /**
   * Set only by the test-only factory (test/electron/store/writer-test-factory.ts): the worker
   * then answers `maxPageCount` (PRAGMA max_page_count, a full disk on demand), starting at `maxPageCount`.
   */
  testHooks?: boolean;
  maxPageCount?: number;
}

export type ToWriter =
  | { id: number; op: 'write'; sessionId: string; rows: EventRow[]; rejects: RejectRow[]; gaps: GapRange[] }
  | { id: number; op: 'writeColumns'; sessionId: string; rows: EventColumns; rejects: RejectRow[]; gaps: GapRange[] }
  | { id: number; op: 'lastSeqs' }
  | { id: number; op: 'maxPageCount'; pages: number }
  | { id: number; op: 'close' };

export interface WireError { message: string; code?: StoreErrorCode }

export type FromWriter =
  | { id: 0; op: 'ready' }
  | { id: 0; op: 'failed'; error: WireError }
  | { id: number; ok: true; value: WriteResult | Record<string, number> | null }
  | { id: number; ok: false; error: WireError };
