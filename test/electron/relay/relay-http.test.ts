/**
 * The relay in-process with its http input, driven by a real HTTP client (fetch) and a real
 * socket.io client on 127.0.0.1: per-line reasons, the token, the size limit, a full spool
 * (503, nothing stored, accepted again when space returns), and what is served — hello, batches
 * in seq order that acks advance, resume, the rooms filter, 64-bit numbers byte for byte.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { Decoder, Encoder } from 'socket.io-parser';
import { startRelay, type Relay } from '../../../electron/relay/relay';
import { setSpoolMaxPages, spoolPageCount } from '../../../electron/store/spool/spool';
import { tempDb } from '../../integration/helpers';
import { comment, ndjson, sessionStart } from './fixtures';

const relays: Relay[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await Promise.all(relays.splice(0).map((r) => r.close()));
});

async function relay(opts: Partial<Parameters<typeof startRelay>[0]> = {}): Promise<Relay> {
  const r = await startRelay({ db: tempDb('spool.db'), inputs: [{ kind: 'http' }], ...opts });
  relays.push(r);
  return r;
}

function post(r: Relay, body: string, token?: string): Promise<Response> {
  return fetch(`${r.url}/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
}

function connect(url: string, auth: Record<string, unknown> = {}): Socket {
  const socket = io(url + '/live', { auth, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return socket;
}

type Batch = { sessionId: string; events: { seq: number; type: string; text?: string }[] };

describe('luopan relay: http input', () => {
  it('takes the good lines of a body, names each bad one by line, and answers after the commit', async () => {
    const r = await relay();
    const body = [
      JSON.stringify({ sessionId: 's1', ...sessionStart('s1') }),
      '{not json',
      JSON.stringify(comment(1)), // no sessionId
      '',
      JSON.stringify({ sessionId: 's1', ...comment(2) }),
      JSON.stringify({ sessionId: 's1', type: 'like', count: -3 }),
      JSON.stringify({ sessionId: 's9', ...comment(3) }), // a session never started
    ].join('\n');
    const res = await post(r, body);
    expect(res.status).toBe(200);
    const reply = (await res.json()) as { ok: boolean; accepted: number; rejected: { line: number; reason: string }[] };
    expect(reply.ok).toBe(true);
    expect(reply.accepted).toBe(2);
    expect(reply.rejected.map((x) => x.line)).toEqual([2, 3, 6, 7]);
    expect(reply.rejected[0]!.reason).toMatch(/not valid JSON/);
    expect(reply.rejected[1]!.reason).toMatch(/sessionId/);
    expect(reply.rejected[2]!.reason).toMatch(/count/);
    expect(reply.rejected[3]!.reason).toMatch(/no session.start/);
    // durable before the reply: the spool already holds both
    expect(r.intake.session('s1')).toMatchObject({ lastSeq: 2 });
    expect(r.status().inputs.find((i) => i.name === 'http')).toMatchObject({ accepted: 2, rejected: { bad_line: 4 } });

    const none = await post(r, '{"sessionId":"s1"}\n');
    expect(none.status).toBe(400);
    expect(((await none.json()) as { rejected: unknown[] }).rejected).toHaveLength(1);
    expect((await post(r, '\n\n')).status).toBe(400);
    expect((await fetch(`${r.url}/events`)).status).toBe(405);
  });

  it('refuses a body without the token (401) and one over the size limit (413), storing nothing of it', async () => {
    const r = await relay({ token: 'secret-1' });
    const start = ndjson('s1', [sessionStart('s1')]);
    expect((await post(r, start)).status).toBe(401);
    expect((await post(r, start, 'wrong')).status).toBe(401);
    expect((await post(r, start, 'secret-1')).status).toBe(200);
    const line = JSON.stringify({ sessionId: 's1', ...comment(1), text: 'x'.repeat(1000) }) + '\n';
    const huge = line.repeat(Math.ceil((17 * 1024 * 1024) / line.length));
    const res = await post(r, huge, 'secret-1');
    expect(res.status).toBe(413);
    expect(r.intake.session('s1')).toMatchObject({ lastSeq: 1 });
    expect((await fetch(`${r.url}/status`)).status).toBe(401);
    expect((await fetch(`${r.url}/status`, { headers: { authorization: 'Bearer secret-1' } })).status).toBe(200);
  });

  it('answers 503 while the spool cannot grow, stores nothing of that body, and takes it when space returns', async () => {
    const r = await relay();
    expect((await post(r, ndjson('s1', [sessionStart('s1')]))).status).toBe(200);
    setSpoolMaxPages(r.db, spoolPageCount(r.db));
    const body = ndjson('s1', Array.from({ length: 3000 }, (_, i) => ({ ...comment(i), text: `弹幕 ${i} ${'x'.repeat(200)}` })));
    const full = await post(r, body);
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('5');
    expect(((await full.json()) as { error: string }).error).toMatch(/disk is full/);
    expect(r.intake.session('s1')!.lastSeq).toBe(1);
    expect(r.statusLine()).toMatch(/spool refusing/);
    setSpoolMaxPages(r.db, 10_000_000);
    const again = await post(r, body);
    expect(again.status).toBe(200);
    expect(r.intake.session('s1')!.lastSeq).toBe(3001);
  });

  it('serves what was posted: hello, batches in seq order, acks, resume and the rooms filter', async () => {
    const r = await relay();
    await post(r, ndjson('s1', [sessionStart('s1', 'room-a'), ...Array.from({ length: 12_000 }, (_, i) => comment(i))]));
    await post(r, ndjson('s2', [sessionStart('s2', 'room-b'), comment(0)]));
    const socket = connect(r.url);
    const hello = new Promise((resolve) => socket.once('hello', resolve));
    const seen = new Map<string, number[]>();
    const done = new Promise<void>((resolve) => {
      socket.on('batch', (b: Batch, ack: (a: unknown) => void) => {
        expect(b.events.length).toBeLessThanOrEqual(5000);
        const list = seen.get(b.sessionId) ?? [];
        list.push(...b.events.map((e) => e.seq));
        seen.set(b.sessionId, list);
        ack({ ok: true, upTo: b.events.at(-1)!.seq });
        if ((seen.get('s1')?.length ?? 0) === 12_001 && (seen.get('s2')?.length ?? 0) === 2) resolve();
      });
    });
    expect(await hello).toMatchObject({ protocol: 1, source: 'luopan-relay' });
    await done;
    expect(seen.get('s1')).toEqual(Array.from({ length: 12_001 }, (_, i) => i + 1));

    // a client that already holds s1 up to 12,000 and only wants room-b's… and then asks for s1 again
    const second = connect(r.url, { resume: { s1: 12_000 }, rooms: ['room-a'] });
    const first = await new Promise<Batch>((resolve) => second.once('batch', resolve));
    expect(first).toMatchObject({ sessionId: 's1', events: [{ seq: 12_001 }] });
    second.emit('resume', { sessionId: 's1', afterSeq: 11_990 });
    const resumed = await new Promise<Batch>((resolve) => second.once('batch', resolve));
    expect(resumed.events.map((e) => e.seq)).toEqual(Array.from({ length: 11 }, (_, i) => 11_991 + i));

    // new events reach a connected client without it asking
    const live = new Promise<Batch>((resolve) => socket.once('batch', resolve));
    await post(r, ndjson('s2', [comment(1)]));
    expect(await live).toMatchObject({ sessionId: 's2', events: [{ seq: 3 }] });
  });

  it('serves an unacked batch again on a new connection, and refuses a wrong token', async () => {
    const r = await relay({ token: 't0k' });
    await post(r, ndjson('s1', [sessionStart('s1'), comment(1)]), 't0k');
    const refused = connect(r.url, { token: 'nope' });
    expect(await new Promise<Error>((resolve) => refused.once('connect_error', resolve))).toMatchObject({ message: 'unauthorized' });
    const a = connect(r.url, { token: 't0k' });
    expect((await new Promise<Batch>((resolve) => a.once('batch', resolve))).events).toHaveLength(2); // not acked
    a.close();
    const b = connect(r.url, { token: 't0k' });
    expect((await new Promise<Batch>((resolve) => b.once('batch', resolve))).events.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('keeps a 64-bit number of a field it does not know exactly, from the POST to the wire', async () => {
    const r = await relay();
    const line = `{"sessionId":"s1","type":"comment","userId":"7350000000000000001","nickname":"n","text":"t","extra":{"big":7350000000000000001}}`;
    await post(r, ndjson('s1', [sessionStart('s1')]) + line + '\n');
    // the packets' text as it came off the wire, before any JSON.parse could round it
    const frames: string[] = [];
    class RecordingDecoder extends Decoder {
      override add(obj: unknown): void {
        if (typeof obj === 'string') frames.push(obj);
        super.add(obj);
      }
    }
    const socket = io(r.url + '/live', { transports: ['websocket'], reconnection: false, parser: { Encoder, Decoder: RecordingDecoder } });
    sockets.push(socket);
    await new Promise<Batch>((resolve) => socket.once('batch', resolve));
    const batchFrame = frames.find((f) => f.includes('"batch"'))!;
    expect(batchFrame).toContain('"big":7350000000000000001');
    expect(batchFrame).toContain('"userId":"7350000000000000001"');
  });
});
