/**
 * StoreWriterClient ↔ writer worker: round trip (resolves after COMMIT: another connection sees
 * the rows when the promise resolves), StoreError across the thread boundary, disk full (not
 * acked, nothing half-written, succeeds once there is room), and the esbuild bundle's worker
 * path (`new URL('./writer-worker.js', import.meta.url)` as in out/node).
 */
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../../electron/store/errors';
import { openStore } from '../../../electron/store/open';
import { columnsOf } from '../../../electron/store/event-columns';
import { StoreWriterClient } from '../../../electron/store/writer-client';
import { commentRows, startRow, tempDb } from './helpers';
import { TestWriterClient, type TestWriterOptions } from './writer-test-factory';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const clients: StoreWriterClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

async function open(file: string, opts: TestWriterOptions = {}): Promise<TestWriterClient> {
  const c = await TestWriterClient.open(file, opts);
  clients.push(c);
  return c;
}

function reader(file: string) {
  return new Database(file, { readonly: true });
}

describe('StoreWriterClient', () => {
  it('round trip: write resolves after COMMIT, lastSeqs, close', async () => {
    const file = tempDb();
    const c = await open(file);
    expect(await c.lastSeqs()).toEqual({});
    const res = await c.write('s1', [startRow('s1'), ...commentRows(2, 1000)], [{ seq: 1001, reason: 'invalid_event', detail: 'd', at: 1 }], [{ from: 1002, to: 1010 }]);
    expect(res).toEqual({ inserted: 1000, duplicates: 0, lastSeq: 1010 });
    const r = reader(file); // another connection sees it the moment the promise resolved
    expect(r.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1000);
    expect(r.prepare('SELECT last_seq FROM sessions').pluck().get()).toBe(1010);
    r.close();
    expect(await c.write('s1', commentRows(500, 1000))).toEqual({ inserted: 0, duplicates: 501, lastSeq: 1010 });
    expect(await c.lastSeqs()).toEqual({ s1: 1010 });
    await c.close();
    await c.close(); // idempotent
    await expect(c.write('s1', commentRows(1, 1))).rejects.toThrow(/closed|stopped/);
    // a new client resumes from the file
    const again = await open(file);
    expect(await again.lastSeqs()).toEqual({ s1: 1010 });
  });

  it('writes keep their order and each resolves with its own result', async () => {
    const c = await open(tempDb());
    const results = await Promise.all([
      c.write('a', [startRow('a')]),
      c.write('a', commentRows(2, 10)),
      c.write('b', [startRow('b')]),
      c.write('a', commentRows(11, 20)),
    ]);
    expect(results.map((r) => r.lastSeq)).toEqual([1, 10, 1, 20]);
  });

  it('writeColumns (the ingest path) resolves after COMMIT, in order with write()', async () => {
    const file = tempDb();
    const c = await open(file);
    const results = await Promise.all([
      c.writeColumns('a', columnsOf([startRow('a'), ...commentRows(2, 10)])),
      c.write('a', commentRows(11, 20)),
      c.writeColumns('a', columnsOf(commentRows(15, 30)), [], [{ from: 31, to: 40 }]),
    ]);
    expect(results).toEqual([
      { inserted: 10, duplicates: 0, lastSeq: 10 },
      { inserted: 10, duplicates: 0, lastSeq: 20 },
      { inserted: 10, duplicates: 6, lastSeq: 40 },
    ]);
    const r = reader(file);
    expect(r.prepare('SELECT body FROM events WHERE seq = 30').pluck().get()).toBe(commentRows(30, 30)[0]!.body);
    r.close();
  });

  it('open fails with the StoreError of the file (newer version), untouched', async () => {
    const file = tempDb();
    const db = openStore(file);
    db.pragma('user_version = 999');
    db.close();
    const err = await StoreWriterClient.open(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('newer_version');
  });

  it('disk full: the write rejects with disk_full, nothing is stored, the same batch succeeds later', async () => {
    const file = tempDb();
    const c = await open(file);
    await c.write('s1', [startRow('s1'), ...commentRows(2, 10)]);
    const r = reader(file);
    const pages = r.prepare('PRAGMA page_count').pluck().get() as number;
    await c.setMaxPageCount(pages + 2);
    const batch = commentRows(11, 5010);
    const err = await c.write('s1', batch).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('disk_full');
    expect(r.prepare('SELECT count(*) FROM events').pluck().get()).toBe(10);
    expect(r.prepare('SELECT last_seq FROM sessions').pluck().get()).toBe(10);
    expect(await c.lastSeqs()).toEqual({ s1: 10 });
    await c.setMaxPageCount(1_073_741_823); // space is back
    expect(await c.write('s1', batch)).toEqual({ inserted: 5000, duplicates: 0, lastSeq: 5010 });
    expect(r.prepare('SELECT count(*) FROM events').pluck().get()).toBe(5010);
    r.close();
  });

  it('the maxPageCount open option (test only) reaches the worker connection', async () => {
    const c = await open(tempDb(), { maxPageCount: 1 });
    const err = await c.write('s1', commentRows(1, 3000)).catch((e: unknown) => e);
    expect((err as StoreError).code).toBe('disk_full');
  });

  it('the bundled client finds writer-worker.js next to itself (the out/node layout)', async () => {
    const dir = join(ROOT, 'node_modules', '.cache', 'luopan-store-test', String(process.pid));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    await build({
      entryPoints: { 'writer-client': join(ROOT, 'electron/store/writer-client.ts'), 'writer-worker': join(ROOT, 'electron/store/writer-worker.ts') },
      outdir: dir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    const mod = (await import(pathToFileURL(join(dir, 'writer-client.js')).href)) as typeof import('../../../electron/store/writer-client');
    const file = tempDb();
    const c = await mod.StoreWriterClient.open(file);
    expect(await c.write('s1', [startRow('s1'), ...commentRows(2, 50)])).toEqual({ inserted: 50, duplicates: 0, lastSeq: 50 });
    await c.close();
    const r = reader(file);
    expect(r.prepare('SELECT count(*) FROM events').pluck().get()).toBe(50);
    r.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
