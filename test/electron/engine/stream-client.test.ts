import { afterEach, describe, expect, it } from 'vitest';
import { StreamClient } from '../../../electron/engine/stream-client';
import { MemorySink } from './memory-sink';
import { likeEvent, range, startScriptedSource, type ScriptedSource } from './scripted-source';

const S = 'sess-1';
let source: ScriptedSource | null = null;
let client: StreamClient | null = null;

afterEach(async () => {
  await client?.close();
  await source?.close();
  client = null;
  source = null;
});

async function setup(opts: Partial<ConstructorParameters<typeof StreamClient>[0]> = {}) {
  source = await startScriptedSource();
  const sink = new MemorySink();
  const lines: string[] = [];
  client = new StreamClient({ url: source.url, sink, logger: (l) => lines.push(l), token: 'tok', backoff: { minMs: 20, maxMs: 200 }, ...opts });
  const socketP = source.nextSocket();
  client.start();
  const socket = await socketP;
  return { source, client, sink, socket, lines };
}

const batchOf = (seqs: number[], sessionId = S) => ({ sessionId, events: seqs.map((s) => likeEvent(s)) });

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('StreamClient against a scripted socket.io source', () => {
  it('sends token, rooms and durable resume seqs in auth, and goes live', async () => {
    const { source, client } = await setup({ rooms: ['r1'], lastSeqs: { old: 7 } });
    expect(source.auths[0]).toEqual({ token: 'tok', rooms: ['r1'], resume: { old: 7 } });
    await until(() => client.connectionState().phase === 'live');
  });

  it('stores each seq once and acks the durable seq after commit', async () => {
    const { source, sink, socket, client } = await setup();
    expect(await source.batch(socket, batchOf(range(1, 10)))).toEqual({ ok: true, upTo: 10 });
    expect(await source.batch(socket, batchOf(range(5, 15)))).toEqual({ ok: true, upTo: 15 });
    expect(await source.batch(socket, batchOf(range(1, 15)))).toEqual({ ok: true, upTo: 15 });
    expect(sink.seqs(S)).toEqual(range(1, 15));
    const st = client.connectionState();
    expect(st.rejected.duplicate_seq).toBe(6 + 15);
    expect(st.eventsStored).toBe(15);
    expect(st.lastEventAt).not.toBeNull();
  });

  it('keeps events up to a hole, drops the rest and asks resume after the last contiguous seq', async () => {
    const { source, sink, socket, client } = await setup();
    expect(await source.batch(socket, batchOf([1, 2, 3, 4, 5, 8, 9, 10]))).toEqual({ ok: true, upTo: 5 });
    expect(sink.seqs(S)).toEqual([1, 2, 3, 4, 5]);
    expect(client.connectionState().rejected.seq_hole).toBe(3);
    await until(() => source.resumes.length === 1);
    expect(source.resumes[0]).toEqual({ sessionId: S, afterSeq: 5 });
    // a whole batch beyond the hole: nothing stored, ack says what is durable
    expect(await source.batch(socket, batchOf([9, 10]))).toEqual({ ok: true, upTo: 5 });
    expect(await source.batch(socket, batchOf(range(6, 10)))).toEqual({ ok: true, upTo: 10 });
    expect(sink.seqs(S)).toEqual(range(1, 10));
  });

  it('records a gap so contiguity continues past it, also when announced ahead of time', async () => {
    const { source, sink, socket } = await setup();
    expect(await source.batch(socket, batchOf([1, 2, 3]))).toEqual({ ok: true, upTo: 3 });
    socket.emit('gap', { sessionId: S, from: 4, to: 6 });
    expect(await source.batch(socket, batchOf([7, 8]))).toEqual({ ok: true, upTo: 8 });
    socket.emit('gap', { sessionId: S, from: 10, to: 11 }); // 9 still missing
    expect(await source.batch(socket, batchOf([9, 12]))).toEqual({ ok: true, upTo: 12 });
    expect(sink.seqs(S)).toEqual([1, 2, 3, 7, 8, 9, 12]);
    expect(sink.gaps.map((g) => g.gap)).toEqual([{ from: 4, to: 6 }, { from: 10, to: 11 }]);
    expect(source.resumes).toEqual([]);
  });

  it('records invalid events as rejects whose seq counts as delivered; stores unknown types raw', async () => {
    const { source, sink, socket, client } = await setup();
    const unknown = { seq: 3, ts: 5, type: 'future.thing', nested: { a: [1, 'x'] }, text: '<b>hi</b>' };
    const events = [likeEvent(1), { seq: 2, ts: 1, type: 'comment', userId: 'u', nickname: 'n', text: 42 }, unknown, { ts: 1, type: 'like' }];
    expect(await source.batch(socket, { sessionId: S, events })).toEqual({ ok: true, upTo: 3 });
    expect(sink.seqs(S)).toEqual([1, 3]);
    expect(sink.rows.get(S)!.get(3)!.body).toBe(JSON.stringify(unknown));
    const reasons = sink.rejects.map((r) => [r.reject.seq, r.reject.reason]);
    expect(reasons).toEqual([[2, 'invalid_event'], [null, 'bad_envelope']]);
    const st = client.connectionState();
    expect(st.rejected).toMatchObject({ invalid_event: 1, bad_envelope: 1 });
    expect(source.resumes).toEqual([]);
  });

  it('counts a string frame that is not JSON as not_json and a batch without sessionId as bad_batch', async () => {
    const { source, socket, client, lines } = await setup();
    expect(await source.batch(socket, '{"sessionId": "x", events: [')).toEqual({ ok: false, error: 'not_json' });
    expect(await source.batch(socket, { events: [] })).toEqual({ ok: false, error: 'bad_batch' });
    expect(await source.batch(socket, JSON.stringify(batchOf([1])))).toEqual({ ok: true, upTo: 1 });
    expect(client.connectionState().rejected).toMatchObject({ not_json: 1, bad_batch: 1 });
    expect(lines.some((l) => l.includes('not_json'))).toBe(true);
  });

  it('refuses a batch over 5,000 events whole (batch_too_large); takes 5,000 in writer chunks and acks once after the last', async () => {
    const { source, sink, socket, client } = await setup({ chunkEvents: 1000 });
    expect(await source.batch(socket, batchOf(range(1, 5001)), 20_000)).toEqual({ ok: false, error: 'batch_too_large' });
    expect(client.connectionState().rejected.batch_too_large).toBe(1);
    expect(sink.seqs(S).length).toBe(0);
    const ack = await source.batch(socket, batchOf(range(1, 5000)), 20_000);
    expect(ack).toEqual({ ok: true, upTo: 5000 });
    expect(sink.seqs(S).length).toBe(5000);
    expect(Math.max(...sink.calls.map((c) => c.rows))).toBeLessThanOrEqual(1000);
  });

  it('stores a 100 KB comment intact', async () => {
    const { source, sink, socket } = await setup();
    const text = '评论<script>'.repeat(10_000).slice(0, 100_000);
    const ev = { seq: 1, ts: 1, type: 'comment', userId: 'u1', nickname: 'n', text };
    expect(await source.batch(socket, { sessionId: S, events: [ev] })).toEqual({ ok: true, upTo: 1 });
    expect(JSON.parse(sink.rows.get(S)!.get(1)!.body).text).toBe(text);
  });

  it('withholds the ack while the sink fails, then acks once it commits', async () => {
    const { source, sink, socket, client } = await setup({ retry: { minMs: 20, maxMs: 50 } });
    sink.failing = new Error('disk_full: no space left');
    const ackP = source.batch(socket, batchOf([1, 2, 3]), 5000);
    await until(() => client.stats().writeFailures >= 3);
    expect(client.connectionState().error).toContain('disk_full');
    // another batch of the same session while failing: not taken, not acked
    expect(await source.batch(socket, batchOf([4, 5]), 300)).toBe('timeout');
    expect(client.connectionState().rejected.backpressure).toBe(2);
    sink.failing = null;
    expect(await ackP).toEqual({ ok: true, upTo: 3 });
    await until(() => source.resumes.some((r) => r.afterSeq === 3));
    expect(await source.batch(socket, batchOf([4, 5]))).toEqual({ ok: true, upTo: 5 });
    expect(sink.seqs(S)).toEqual([1, 2, 3, 4, 5]);
  });

  it('hands a session’s next batch to the writer before the previous one committed; acks stay in order', async () => {
    const { source, sink, socket } = await setup();
    sink.hold();
    const order: number[] = [];
    const first = source.batch(socket, batchOf([1, 2, 3]), 5000).then((a) => (order.push(1), a));
    const second = source.batch(socket, batchOf([4, 5]), 5000).then((a) => (order.push(2), a));
    // both writes reach the sink while the first is still uncommitted
    await until(() => sink.started === 2);
    sink.release();
    expect(await first).toEqual({ ok: true, upTo: 3 });
    expect(await second).toEqual({ ok: true, upTo: 5 });
    expect(order).toEqual([1, 2]);
  });

  it('a write that failed while the next one committed is retried first; nothing is acked past the hole before', async () => {
    const { source, sink, socket, client } = await setup({ retry: { minMs: 20, maxMs: 50 } });
    sink.hold();
    const order: number[] = [];
    const first = source.batch(socket, batchOf([1, 2, 3]), 5000).then((a) => (order.push(1), a));
    const second = source.batch(socket, batchOf([4, 5]), 5000).then((a) => (order.push(2), a));
    await until(() => sink.started === 2);
    sink.failOnceAt = 1;
    sink.release();
    // 4 and 5 are stored while 1–3 are not: the store's last contiguous seq is still 0
    await until(() => sink.seqs(S).length === 2);
    expect(sink.seqs(S)).toEqual([4, 5]);
    expect(order).toEqual([]);
    expect(await first).toEqual({ ok: true, upTo: 5 });
    expect(await second).toEqual({ ok: true, upTo: 5 });
    expect(order).toEqual([1, 2]);
    expect(client.stats().writeFailures).toBe(1);
    expect(sink.seqs(S)).toEqual([1, 2, 3, 4, 5]);
  });

  it('bounds what is in flight to the writer: over the bound a batch is withheld and resumed later', async () => {
    const { source, sink, socket, client } = await setup({ maxInFlightEvents: 100 });
    sink.hold();
    const first = source.batch(socket, batchOf(range(1, 100)), 5000);
    await until(() => client.stats().inFlightEvents === 100);
    expect(await source.batch(socket, batchOf(range(101, 150)), 300)).toBe('timeout');
    expect(client.connectionState().rejected.backpressure).toBe(50);
    sink.release();
    expect(await first).toEqual({ ok: true, upTo: 100 });
    await until(() => source.resumes.some((r) => r.afterSeq === 100));
    expect(client.stats().inFlightEvents).toBe(0);
  });

  it('reconnects after a lost transport with the durable seqs in auth.resume', async () => {
    const { source, socket, client } = await setup();
    expect(await source.batch(socket, batchOf(range(1, 20)))).toEqual({ ok: true, upTo: 20 });
    const next = source.nextSocket();
    client.dropTransport();
    await until(() => client.connectionState().phase === 'reconnecting');
    const socket2 = await next;
    expect(source.auths.at(-1)).toMatchObject({ resume: { [S]: 20 } });
    await until(() => client.connectionState().phase === 'live');
    expect(await source.batch(socket2, batchOf(range(15, 25)))).toEqual({ ok: true, upTo: 25 });
  });

  it('stops with "unauthorized" when the source refuses the token', async () => {
    source = await startScriptedSource();
    source.refuseWith = 'unauthorized';
    client = new StreamClient({ url: source.url, sink: new MemorySink(), token: 'bad' });
    client.start();
    await until(() => client!.connectionState().phase === 'stopped');
    expect(client.connectionState().error).toBe('unauthorized');
  });

  it('stops on a protocol it does not speak', async () => {
    source = await startScriptedSource();
    source.hello = { protocol: 2, source: 'x', time: 0 };
    client = new StreamClient({ url: source.url, sink: new MemorySink() });
    client.start();
    await until(() => client!.connectionState().phase === 'stopped');
    expect(client.connectionState().error).toMatch(/unsupported protocol 2/);
  });

  it('keeps reconnecting with backoff while the source is away', async () => {
    source = await startScriptedSource();
    const url = source.url;
    await source.close();
    source = null;
    client = new StreamClient({ url, sink: new MemorySink(), backoff: { minMs: 10, maxMs: 40 } });
    client.start();
    await until(() => client!.connectionState().attempt >= 3);
    expect(client.connectionState().phase).toBe('reconnecting');
  });
});
