/**
 * 0 events lost or duplicated across disconnects, source restarts and writer-worker crashes: the
 * REAL simulator (startSimServer) → StreamClient → the REAL store writer (SupervisedWriter over
 * the writer worker, SQLite in a temp dir). After the shows finished, every seq 1..N the simulator generated is in SQLite exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StreamClient } from '../../electron/engine/stream-client';
import { startSimServer, type SimServer } from '../../electron/sim/server';
import { SupervisedWriter } from '../../electron/store/supervised-writer';
import { TestWriterClient } from '../electron/store/writer-test-factory';
import { checkSessions, exactlyOnce, integrityCheck, tempDb } from './helpers';

const START_AT = Date.UTC(2026, 2, 1, 12, 0, 0);
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

async function recorder(url: string, dbFile: string) {
  const writer = await SupervisedWriter.open(dbFile, { start: (file) => TestWriterClient.open(file) });
  const client = new StreamClient({ url, sink: writer, lastSeqs: await writer.lastSeqs(), backoff: { minMs: 20, maxMs: 300 } });
  cleanups.push(async () => {
    await client.close();
    await writer.close();
  });
  client.start();
  return { client, writer };
}

function report(label: string, stored: number, ms: number): void {
  console.log(`${label}: ${stored} events in ${(ms / 1000).toFixed(1)} s = ${Math.round((stored * 1000) / ms)} events/s`);
}

describe('no loss, no duplicates (real simulator, real store)', () => {
  it('survives random disconnects', async () => {
    const dbFile = tempDb();
    // a paced source (20 show-minutes in ≈ 3 s), so the show lasts long enough for many drops
    // however fast the recorder gets (at full speed it was over before the fourth drop)
    const sim = await startSimServer({ port: 0, seed: 11, rooms: 2, speed: 400, durationMin: 20, startAt: START_AT });
    cleanups.push(() => sim.close());
    const t0 = Date.now();
    const { client } = await recorder(sim.url, dbFile);
    let drops = 0;
    let done = false;
    void sim.finished.then(() => (done = true));
    // force-close the transport at random moments while the shows run
    while (!done && Date.now() - t0 < 25_000) {
      await new Promise((r) => setTimeout(r, 30 + Math.random() * 150));
      if (!done) {
        client.dropTransport();
        drops++;
      }
    }
    await sim.finished;
    await client.close();
    const emitted = sim.sessions();
    report(`disconnects (${drops} drops)`, client.connectionState().eventsStored, Date.now() - t0);
    expect(drops).toBeGreaterThan(8);
    expect(emitted.length).toBe(2);
    const checks = checkSessions(dbFile, emitted);
    for (const c of checks) expect(c, c.sessionId).toSatisfy(exactlyOnce);
    expect(integrityCheck(dbFile)).toBe('ok');
  });

  it('survives the writer worker crashing mid-ingest: started again, nothing acked is lost', async () => {
    const dbFile = tempDb();
    const sim = await startSimServer({ port: 0, seed: 13, rooms: 2, speed: 400, durationMin: 20, startAt: START_AT });
    cleanups.push(() => sim.close());
    const t0 = Date.now();
    const { client, writer } = await recorder(sim.url, dbFile);
    let done = false;
    void sim.finished.then(() => (done = true));
    let crashes = 0;
    // two crashes while the shows run (within the default 3 restarts in 5 minutes)
    while (!done && crashes < 2) {
      await new Promise((r) => setTimeout(r, 400 + Math.random() * 300));
      // crash a running worker only: a crash before the restart of the previous one would hit the dead one again
      while (!done && writer.restarts < crashes) await new Promise((r) => setTimeout(r, 20));
      if (!done) {
        await writer.current.crashForTest();
        crashes++;
      }
    }
    await sim.finished;
    await client.close();
    const emitted = sim.sessions();
    report(`writer crashes (${crashes})`, client.connectionState().eventsStored, Date.now() - t0);
    expect(crashes).toBe(2);
    expect(writer.restarts).toBe(2);
    for (const c of checkSessions(dbFile, emitted)) expect(c, c.sessionId).toSatisfy(exactlyOnce);
    expect(integrityCheck(dbFile)).toBe('ok');
  });

  it('survives a source restart on the same port (same seed and startAt)', async () => {
    const dbFile = tempDb();
    // paced (20 show-minutes in ≈ 3 s) so the restart falls mid-show however fast the recorder is
    const opts = { seed: 12, rooms: 2, speed: 400, durationMin: 20, startAt: START_AT } as const;
    let sim: SimServer = await startSimServer({ port: 0, ...opts });
    const port = sim.port;
    const t0 = Date.now();
    const { client } = await recorder(sim.url, dbFile);
    cleanups.push(() => sim.close());
    // let part of the show through, then kill the source and start it again
    const firstPart = () => sim.sessions().reduce((a, s) => a + s.acked, 0);
    while (firstPart() < 2000) await new Promise((r) => setTimeout(r, 20));
    const beforeRestart = sim.sessions();
    await sim.close();
    await new Promise((r) => setTimeout(r, 300));
    sim = await startSimServer({ port, ...opts });
    await sim.finished;
    await client.close();
    const emitted = sim.sessions();
    report('source restart', client.connectionState().eventsStored, Date.now() - t0);
    expect(beforeRestart.some((s) => !s.ended)).toBe(true); // the restart really was mid-show
    const checks = checkSessions(dbFile, emitted);
    for (const c of checks) expect(c, c.sessionId).toSatisfy(exactlyOnce);
    expect(integrityCheck(dbFile)).toBe('ok');
  });
});
