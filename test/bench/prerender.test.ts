/**
 * Pre-rendered shows (bench:ingest's source): the same events as the simulator for the seed, and
 * on the wire the very same packet text as a normally encoded batch — read off the engine.io
 * packets a real socket.io client receives from two servers, one pre-rendered, one not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PrerenderedShow, prerenderTransport, textFrameHeader } from '../../bench/prerender';
import { startSimServer, type SimServer } from '../../electron/sim/server';
import { createShows, type SimEvent } from '../../electron/sim/show';

const startAt = Date.UTC(2026, 10, 1, 12);
const servers: SimServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function allEvents(show: { done: boolean; advanceBy(n: number): SimEvent[] }, step: number): SimEvent[] {
  const out: SimEvent[] = [];
  while (!show.done) out.push(...show.advanceBy(step));
  return out;
}

/** Every batch packet's text as received (type, namespace and ack id included), acking each batch. */
async function receiveAll(prerender: boolean): Promise<{ texts: string[]; server: SimServer }> {
  const server = await startSimServer({ seed: 3, rooms: 1, durationMin: 20, speed: Infinity, startAt, ...(prerender ? { transport: prerenderTransport } : {}) });
  servers.push(server);
  const socket = io(server.url + '/live', { transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  const texts: string[] = [];
  socket.io.on('open', () => {
    socket.io.engine.on('packet', (p: { type: string; data?: unknown }) => {
      if (p.type === 'message' && typeof p.data === 'string' && p.data.includes('["batch",')) texts.push(p.data);
    });
  });
  socket.on('batch', (b: { events: { seq: number }[] }, ack: (a: unknown) => void) => ack({ ok: true, upTo: b.events.at(-1)!.seq }));
  await server.finished;
  return { texts, server };
}

describe('PrerenderedShow', () => {
  it('hands out exactly the events the simulator generates for the seed', () => {
    const [plain] = createShows({ seed: 5, rooms: 1, startAt, durationMin: 6 });
    const [source] = createShows({ seed: 5, rooms: 1, startAt, durationMin: 6 });
    const pre = new PrerenderedShow(source!, 1000);
    expect(pre.lastSeq).toBe(0);
    const expected = allEvents(plain!, 777);
    expect(expected.length).toBeGreaterThan(3000);
    const got = allEvents(pre, 1000);
    expect(got).toEqual(expected);
    expect(pre.lastSeq).toBe(expected.length);
    expect(pre.done).toBe(true);
  });

  it('renders a batch only for a block it holds: other ranges are encoded live and counted', () => {
    const [source] = createShows({ seed: 5, rooms: 1, startAt, durationMin: 10 });
    const pre = new PrerenderedShow(source!, 1000);
    const text = pre.renderedBatch(1001, 1000)?.text;
    expect(JSON.parse(text!)).toMatchObject({ sessionId: pre.sessionId, events: expect.any(Array) });
    expect((JSON.parse(text!) as { events: { seq: number }[] }).events.map((e) => e.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => 1001 + i));
    expect(pre.renderedBatch(1002, 999)).toBeUndefined();
    expect(pre.renderedBatch(1001, 999)).toBeUndefined();
    expect({ rendered: pre.rendered, live: pre.live }).toEqual({ rendered: 1, live: 2 });
  });
});

describe('startSimServer({ transport: prerenderTransport })', () => {
  it('puts the same packets on the wire as a normally encoded batch, ack ids included, each as one pre-built frame', async () => {
    const plain = await receiveAll(false);
    const pre = await receiveAll(true);
    expect(pre.texts.length).toBeGreaterThan(1);
    expect(pre.texts[1]).toMatch(/^2\/live,\d+\["batch",\{/);
    expect(pre.texts).toEqual(plain.texts);
    const [session] = pre.server.sessions();
    expect(session).toMatchObject({ batchesPrerendered: pre.texts.length, batchesEncodedLive: 0, batchesFramed: pre.texts.length });
  });

  it('needs a show duration', async () => {
    await expect(startSimServer({ transport: prerenderTransport, speed: Infinity })).rejects.toThrow(/durationMin/);
  });
});

// ws (engine.io's WebSocket library) frames this way; its types do not declare Sender
const wsSender = (WebSocket as unknown as { Sender: { frame(data: Buffer, o: Record<string, boolean | number>): Buffer[] } }).Sender;

describe('textFrameHeader', () => {
  it('is the header ws itself writes for an unmasked final text frame, at each length encoding', () => {
    for (const n of [0, 125, 126, 65535, 65536, 600_000]) {
      const [header] = wsSender.frame(Buffer.alloc(n), { fin: true, opcode: 1, mask: false, readOnly: false, rsv1: false });
      expect(textFrameHeader(n)).toEqual(header);
    }
  });
});
