/**
 * The simulator as a socket.io source, driven by a real socket.io client on 127.0.0.1: hello
 * first, ascending batches, acks advance it, unacked events come again after a reconnect,
 * resume, token refusal, the rooms filter, and a full-speed show that finishes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { startSimServer, type SimServer } from '../../../electron/sim/server';

const servers: SimServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function sim(opts: Parameters<typeof startSimServer>[0]) {
  const s = await startSimServer({ startAt: Date.UTC(2026, 10, 1, 12), ...opts });
  servers.push(s);
  return s;
}
function connect(url: string, auth: Record<string, unknown> = {}) {
  const socket = io(url + '/live', { auth, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return socket;
}
type Batch = { sessionId: string; events: { seq: number; type: string }[] };

describe('startSimServer', () => {
  it('says hello, then sends ascending batches of ≤ 5,000 events that acks advance', async () => {
    const s = await sim({ speed: Infinity, durationMin: 5 });
    const socket = connect(s.url);
    const hello = new Promise((resolve) => socket.once('hello', resolve));
    let next = 1;
    socket.on('batch', (b: Batch, ack: (a: unknown) => void) => {
      expect(b.events.length).toBeLessThanOrEqual(5000);
      for (const e of b.events) expect(e.seq).toBe(next++);
      ack({ ok: true, upTo: b.events.at(-1)!.seq });
    });
    expect(await hello).toMatchObject({ protocol: 1 });
    await s.finished;
    const [session] = s.sessions();
    expect(session).toMatchObject({ ended: true });
    expect(session!.acked).toBe(session!.generated);
    expect(next - 1).toBe(session!.generated);
  });

  it('sends unacked events again after a reconnect and honours auth.resume', async () => {
    const s = await sim({ speed: Infinity, durationMin: 3 });
    const first = connect(s.url);
    const got = await new Promise<Batch>((resolve) => first.once('batch', (b: Batch) => resolve(b))); // never acked
    first.close();
    const second = connect(s.url, { resume: {} });
    const again = await new Promise<Batch>((resolve) => second.once('batch', (b: Batch) => resolve(b)));
    expect(again.events[0]!.seq).toBe(got.events[0]!.seq);
    second.close();
    const third = connect(s.url, { resume: { [got.sessionId]: 100 } });
    const resumed = await new Promise<Batch>((resolve) => third.once('batch', (b: Batch) => resolve(b)));
    expect(resumed.events[0]!.seq).toBe(101);
  });

  it('answers resume with the events after afterSeq', async () => {
    const s = await sim({ speed: Infinity, durationMin: 3 });
    const socket = connect(s.url);
    const firstBatch = await new Promise<Batch>((resolve) => socket.once('batch', (b: Batch, ack: (a: unknown) => void) => {
      ack({ ok: true, upTo: 10 });
      resolve(b);
    }));
    const batches: Batch[] = [];
    socket.on('batch', (b: Batch) => batches.push(b));
    socket.emit('resume', { sessionId: firstBatch.sessionId, afterSeq: 10 });
    await new Promise((r) => setTimeout(r, 300));
    expect(batches.some((b) => b.events[0]!.seq === 11)).toBe(true);
  });

  it('refuses a wrong token with connect_error "unauthorized"', async () => {
    const s = await sim({ token: 'secret' });
    const err = await new Promise<Error>((resolve) => connect(s.url, { token: 'nope' }).once('connect_error', resolve));
    expect(err.message).toBe('unauthorized');
    const ok = connect(s.url, { token: 'secret' });
    await new Promise((resolve) => ok.once('hello', resolve));
  });

  it('serves only the rooms asked for', async () => {
    const s = await sim({ rooms: 3, speed: 60 });
    const socket = connect(s.url, { rooms: ['room-8802'] });
    const seen = new Set<string>();
    socket.on('batch', (b: Batch) => seen.add(b.sessionId));
    await new Promise((r) => setTimeout(r, 600));
    const wanted = s.sessions().find((x) => x.roomId === 'room-8802')!.sessionId;
    expect([...seen]).toEqual([wanted]);
  });
});
