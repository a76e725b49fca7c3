/**
 * The store's single writer thread: owns one connection, runs EventWriter, answers each message
 * after its transaction COMMITted (so the client's promise — and the ack it gates — never runs
 * ahead of durability). Messages are handled one at a time, in arrival order.
 * Built to out/node/writer-worker.js (scripts/build.mjs NODE_ENTRIES).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { isStoreErrorCode, StoreError } from './errors';
import { EventWriter } from './event-writer';
import { openStore } from './open';
import type { FromWriter, ToWriter, WireError, WriterWorkerData } from './writer-messages';

const port = parentPort;
if (!port) throw new Error('writer-worker.ts must run in a worker thread');

function wire(err: unknown): WireError {
  if (err instanceof StoreError) return { message: err.message, code: err.code };
  const e = err as { message?: unknown; code?: unknown };
  return { message: typeof e?.message === 'string' ? e.message : String(err), ...(isStoreErrorCode(e?.code) ? { code: e.code } : {}) };
}

const post = (m: FromWriter) => port.postMessage(m);
const setMaxPageCount = (pages: number) => db.pragma(`max_page_count = ${Math.max(1, Math.floor(pages))}`);
const data = workerData as WriterWorkerData;
let db: Database.Database;
let writer: EventWriter;
try {
  db = openStore(data.file, { busyTimeoutMs: data.busyTimeoutMs, nativeBinding: data.nativeBinding });
  if (data.testHooks && data.maxPageCount !== undefined) setMaxPageCount(data.maxPageCount);
  writer = new EventWriter(db);
  post({ id: 0, op: 'ready' });
} catch (err) {
  post({ id: 0, op: 'failed', error: wire(err) });
  port.close();
}

port.on('message', (m: ToWriter) => {
  try {
    switch (m.op) {
      case 'write':
        post({ id: m.id, ok: true, value: writer.writeBatch(m.sessionId, m.rows, m.rejects, m.gaps) });
        break;
      case 'writeColumns':
        post({ id: m.id, ok: true, value: writer.writeColumns(m.sessionId, m.rows, m.rejects, m.gaps) });
        break;
      case 'lastSeqs':
        post({ id: m.id, ok: true, value: writer.lastSeqs() });
        break;
      case 'maxPageCount':
        if (!data.testHooks) throw new Error('maxPageCount is a test-only operation');
        setMaxPageCount(m.pages);
        post({ id: m.id, ok: true, value: null });
        break;
      case 'close':
        db.close();
        post({ id: m.id, ok: true, value: null });
        port.close();
        break;
    }
  } catch (err) {
    post({ id: m.id, ok: false, error: wire(err) });
  }
});
