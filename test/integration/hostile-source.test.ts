/**
 * A hostile source against the real engine (createBackend on a real SQLite file; the source is a
 * real socket.io server on 127.0.0.1 in a child process, hostile-source.mjs, so its own 150 MB
 * never counts here): a 150 MB frame is dropped by the transport with one log line and its
 * reason, a 400,000-event batch is refused whole (`batch_too_large`), sessions beyond the cap and
 * gaps beyond the cap are refused with their reasons — and the engine's heap after a full GC stays
 * within a bound the source cannot move. Then a source that offers only long-polling is never
 * used (its bodies have no size limit).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Server } from 'socket.io';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { StreamClient } from '../../electron/engine/stream-client';
import { MemorySink } from '../electron/engine/memory-sink';
import { tempDb } from './helpers';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMB = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};

let child: ChildProcess | null = null;
let engine: Backend | null = null;
afterAll(async () => {
  child?.stdin?.end();
  child?.kill();
  await engine?.close();
});

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`${what}: not in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a hostile source', () => {
  it('cannot take the engine down or its memory up', async () => {
    child = spawn(process.execPath, [join(import.meta.dirname, 'hostile-source.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
    const out: string[] = [];
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      out.push(...lines);
    });
    await until(() => out.some((l) => l.startsWith('url ')), 15_000, 'the source started');
    const url = out.find((l) => l.startsWith('url '))!.slice(4);

    const log: string[] = [];
    const before = heapMB();
    engine = await createBackend({ dbFile: tempDb(), source: url, logger: (l) => log.push(l) });
    const settled = heapMB();
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed / 1048576)), 20);
    try {
      await until(() => out.includes('done'), 120_000, 'the source played every step');
    } finally {
      clearInterval(sampler);
    }
    const after = heapMB();
    const state = await engine.handlers['connection.get']();
    console.log(`hostile source: heap ${before.toFixed(1)} MB before the engine, ${settled.toFixed(1)} MB with it, ${after.toFixed(1)} MB after every step (peak seen ${peak.toFixed(1)} MB); rejected ${JSON.stringify(state.rejected)}`);

    // the frame: dropped by the transport, one line saying why, and the client came back
    expect(out).toContain('step huge-frame sent');
    expect(state.rejected.frame_too_large).toBe(1);
    expect(log.filter((l) => /frame_too_large/.test(l))).toEqual([
      'rejected 1 × frame_too_large: the source sent a frame over 16 MiB (the maximum message size); the transport dropped it and the connection (total 1)',
    ]);
    // the batch: refused whole, counted, nothing of it stored
    expect(out).toContain('step big-batch {"ok":false,"error":"batch_too_large"}');
    expect(state.rejected.batch_too_large).toBe(1);
    expect(out).toContain('step first-session {"ok":true,"upTo":1}');
    // sessions: 64 open at most (the first one and 63 more), the rest refused with the reason
    expect(out).toContain('step many-sessions {"ok":63,"too_many_sessions":1937}');
    expect(state.rejected.too_many_sessions).toBe(1937);
    // gaps: 1,000 pending at most
    expect(state.rejected.too_many_gaps).toBe(49_000);
    expect(out).toContain('step many-gaps {"ok":true,"upTo":2}');
    const sessions = await engine.handlers['sessions.list']({});
    expect(sessions.length).toBe(64);
    expect(sessions.find((s) => s.sessionId === 'hostile-1')?.events).toBe(2);
    expect(state.phase).toBe('live');

    // memory: what the engine holds after all of it is bounded by its caps, not by what was sent
    expect(after - settled).toBeLessThan(40);
    // and while it happened: the 12.8 MB batch is parsed once and dropped, the 150 MB frame never
    // buffered (before the bounds, the 400,000-event batch alone took 376 MB resident)
    expect(peak - settled).toBeLessThan(128);
  }, 180_000);

  it('never falls back to long-polling (unbounded bodies): a polling-only source is not used', async () => {
    const http = createServer();
    const io = new Server(http, { transports: ['polling'] });
    let connections = 0;
    io.of('/live').on('connection', () => connections++);
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const port = (http.address() as { port: number }).port;
    const client = new StreamClient({ url: `http://127.0.0.1:${port}`, sink: new MemorySink(), backoff: { minMs: 50, maxMs: 100 } });
    client.start();
    try {
      await until(() => client.connectionState().attempt >= 2, 10_000, 'two attempts');
      expect(connections).toBe(0);
      expect(client.connectionState().phase).toBe('reconnecting');
    } finally {
      await client.close();
      io.close();
    }
  });
});
