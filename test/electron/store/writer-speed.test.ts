/**
 * Write speed of the store, 5,000-row batches of ~200-byte bodies (the protocol's largest batch):
 * EventWriter directly and through the worker (StoreWriterClient: clone + post + COMMIT + reply).
 * Prints rows/s (alone on this machine ≈190k direct / ≈170k via the worker under vitest, ≈65k
 * each when the whole suite shares the 2 cores). The floor (10k rows/s) only catches gross
 * regressions (e.g. fsync per row); it is kept low so a busy shared box does not flake.
 */
import { describe, expect, it } from 'vitest';
import { EventWriter } from '../../../electron/store/event-writer';
import { openStore } from '../../../electron/store/open';
import { StoreWriterClient } from '../../../electron/store/writer-client';
import { commentRows, tempDb } from './helpers';

const BATCH = 5000;
const BATCHES = 40; // 200,000 rows
const SESSIONS = 4;

function batches() {
  const all = [];
  for (let b = 0; b < BATCHES / SESSIONS; b++) {
    for (let s = 0; s < SESSIONS; s++) all.push({ sessionId: `speed-${s}`, rows: commentRows(b * BATCH + 1, (b + 1) * BATCH) });
  }
  return all;
}

describe('write speed', () => {
  it('bodies are ~200 bytes', () => {
    const sizes = commentRows(1, 1000).map((r) => Buffer.byteLength(r.body));
    const avg = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(avg).toBeGreaterThan(180);
    expect(avg).toBeLessThan(230);
  });

  it('EventWriter directly', () => {
    const db = openStore(tempDb());
    const w = new EventWriter(db);
    const work = batches();
    const t0 = performance.now();
    for (const { sessionId, rows } of work) w.writeBatch(sessionId, rows);
    const rowsPerSec = (BATCH * BATCHES) / ((performance.now() - t0) / 1000);
    console.log(`EventWriter direct: ${Math.round(rowsPerSec).toLocaleString('en')} rows/s`);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(BATCH * BATCHES);
    expect(rowsPerSec).toBeGreaterThan(10_000);
    db.close();
  });

  it('through the worker (one message per batch, reply after COMMIT)', async () => {
    const c = await StoreWriterClient.open(tempDb());
    const work = batches();
    const t0 = performance.now();
    // the engine keeps a few batches in flight; the worker still commits them one by one
    const inFlight: Promise<unknown>[] = [];
    for (const { sessionId, rows } of work) {
      inFlight.push(c.write(sessionId, rows));
      if (inFlight.length >= 4) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const rowsPerSec = (BATCH * BATCHES) / ((performance.now() - t0) / 1000);
    console.log(`StoreWriterClient (worker): ${Math.round(rowsPerSec).toLocaleString('en')} rows/s`);
    expect(Object.values(await c.lastSeqs())).toEqual(Array(SESSIONS).fill((BATCHES / SESSIONS) * BATCH));
    expect(rowsPerSec).toBeGreaterThan(10_000);
    await c.close();
  });
});
