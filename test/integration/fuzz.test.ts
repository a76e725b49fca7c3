/**
 * Fuzz: thousands of malformed frames from a scripted source (random JSON, wrong types, huge
 * strings, control characters, nested garbage, strings that are not JSON, raw frames the
 * socket.io parser refuses), interleaved with valid events. The client lives, every counter
 * equals what was sent, and every valid event around the garbage is stored exactly once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { StreamClient } from '../../electron/engine/stream-client';
import Database from 'better-sqlite3';
import { StoreWriterClient } from '../../electron/store/writer-client';
import { startScriptedSource } from '../electron/engine/scripted-source';
import { integrityCheck, tempDb } from './helpers';
import { mulberry32 } from '../../electron/sim/random';

/** the simulator's seeded generator (mulberry32), so a failing case can be replayed */
const rng = mulberry32;

const FRAMES = Number(process.env.LUOPAN_FUZZ_FRAMES ?? 2000);

describe('fuzzed source', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('rejects and counts every bad frame, never crashes, keeps every valid event', async () => {
    const random = rng(42);
    const pick = <T,>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
    const int = (n: number) => Math.floor(random() * n);
    const controlChars = () => Array.from({ length: 20 }, () => String.fromCharCode(pick([0, 7, 8, 27, 127, 0x202e, 0x2066, 0x2028, 0xfeff]))).join('');
    const junkString = () => pick(['', controlChars(), 'x'.repeat(int(200_000)), '<img src=x onerror=alert(1)>', '\ud800', '🤖'.repeat(50)]);
    const junk = (depth = 0): unknown => {
      const k = int(depth > 3 ? 5 : 8);
      if (k === 0) return null;
      if (k === 1) return random() * 1e20 - 1e19;
      if (k === 2) return junkString();
      if (k === 3) return random() < 0.5;
      if (k === 4) return int(100);
      if (k === 5) return Array.from({ length: int(5) }, () => junk(depth + 1));
      return Object.fromEntries(Array.from({ length: int(5) }, (_, i) => [pick(['seq', 'ts', 'type', '__proto__', 'constructor', `k${i}`]), junk(depth + 1)]));
    };
    const badEnvelope = (): unknown => {
      const base = (typeof junk() === 'object' && junk()) || {};
      const broken = pick<Record<string, unknown>>([
        { seq: pick([undefined, 0, -3, 1.5, '7', null, Number.MAX_VALUE, [], {}]), ts: 1, type: 'like' },
        { seq: 5, ts: pick([undefined, -1, 'now', 1.25, null]), type: 'like' },
        { seq: 5, ts: 1, type: pick([undefined, '', 'x'.repeat(65), 3, null, ['like']]) },
      ]);
      if (Array.isArray(base)) return pick([base, 'a string event', 42, null]);
      const ev = { ...(base as object), ...broken };
      for (const [key, value] of Object.entries(broken)) if (value === undefined) delete (ev as Record<string, unknown>)[key];
      return ev;
    };
    const invalidBody = (seq: number): Record<string, unknown> =>
      pick([
        { seq, ts: 1, type: 'comment', userId: 'u', nickname: 'n', text: 42 },
        { seq, ts: 1, type: 'gift', userId: 'u', value: 'lots' },
        { seq, ts: 1, type: 'online', count: -1 },
        { seq, ts: 1, type: 'order.create', orderId: 'o', userId: 'u', productId: 'p', qty: 0, amount: 1, channel: 'feed', fan: true },
        { seq, ts: 1, type: 'comment', userId: 'u', nickname: 'n', text: 'y'.repeat(100_001) },
        { seq, ts: 1, type: 'review', orderId: 'o', rating: 9 },
      ]);
    const validEvent = (seq: number): Record<string, unknown> =>
      pick<Record<string, unknown>>([
        { seq, ts: 1_700_000_000_000 + seq, type: 'like', count: int(50) },
        { seq, ts: 1_700_000_000_000 + seq, type: 'comment', userId: `u${int(9)}`, nickname: controlChars(), text: junkString().slice(0, 100_000) },
        { seq, ts: 1_700_000_000_000 + seq, type: 'x.future', payload: junk() },
        { seq, ts: 1_700_000_000_000 + seq, type: 'online', count: int(1e6), extraField: junk() },
        ...(seq === 1 ? [] : [{ seq, ts: 1, type: 'viewer.enter', userId: 'u', channel: controlChars() || 'c', fan: false }]),
      ]);

    const source = await startScriptedSource();
    cleanups.push(() => source.close());
    const dbFile = tempDb();
    const sink = await StoreWriterClient.open(dbFile);
    cleanups.push(() => sink.close());
    const client = new StreamClient({ url: source.url, sink, backoff: { minMs: 10, maxMs: 50 } });
    cleanups.push(() => client.close());
    let socket = await (async () => {
      const p = source.nextSocket();
      client.start();
      return p;
    })();

    const expected: Record<string, number> = {};
    const add = (reason: string, n = 1) => (expected[reason] = (expected[reason] ?? 0) + n);
    const sessions = ['fz-a', 'fz-b', 'fz-c'];
    const next: Record<string, number> = Object.fromEntries(sessions.map((s) => [s, 1]));
    const validSeqs: Record<string, number[]> = Object.fromEntries(sessions.map((s) => [s, []]));
    let rawParserFrames = 0;

    for (let f = 0; f < FRAMES; f++) {
      const kind = int(10);
      if (kind === 0) {
        await source.batch(socket, pick(['{', 'not json', '{"sessionId":"fz-a","events":[}', controlChars(), '\u0000'.repeat(10), 'z'.repeat(10_000)]));
        add('not_json');
      } else if (kind === 1) {
        await source.batch(socket, pick<unknown>([null, 42, true, [1, 2], { events: [] }, { sessionId: '', events: [] }, { sessionId: 7, events: [] }, { sessionId: 'x'.repeat(257), events: [] }, { sessionId: 'fz-a', events: 'nope' }, { sessionId: 'fz-a' }, '"just a json string"', '123']));
        add('bad_batch');
      } else if (kind === 2 && rawParserFrames < 3 && f > FRAMES / 2) {
        // a frame the socket.io parser refuses: the client drops the connection and comes back
        rawParserFrames++;
        const back = source.nextSocket();
        socket.conn.send(pick(['9garbage', '2[not json', '2{"a":']));
        socket = await back;
        add('not_json');
      } else {
        const sessionId = pick(sessions);
        const events: unknown[] = [];
        const n = 1 + int(30);
        for (let i = 0; i < n; i++) {
          const k = int(10);
          if (k < 5) {
            const seq = next[sessionId]!++;
            events.push(validEvent(seq));
            validSeqs[sessionId]!.push(seq);
          } else if (k === 5 || k === 6) {
            events.push(badEnvelope());
            add('bad_envelope');
          } else if (k === 7) {
            events.push(invalidBody(next[sessionId]!++));
            add('invalid_event');
          } else if (k === 8 && next[sessionId]! > 1) {
            events.push({ seq: 1 + int(next[sessionId]! - 1), ts: 1, type: 'like', count: 1 });
            add('duplicate_seq');
          } else {
            events.push({ seq: next[sessionId]!++, ts: 1, type: 'session.start', sessionId: 'someone-else', roomId: 'r', title: 't', startedAt: 1, host: { id: 'h', name: 'h', kind: 'self' }, shop: { id: 's', name: 's', category: 'c', tier: 't' } });
            add('session_mismatch');
          }
        }
        const ack = (await source.batch(socket, { sessionId, events, extra: junk() })) as { ok: boolean; upTo?: number };
        expect(ack).toEqual({ ok: true, upTo: next[sessionId]! - 1 });
      }
    }

    const rejected = client.connectionState().rejected;
    expect(rejected).toEqual(expected);
    await client.close();
    const db = new Database(dbFile, { readonly: true });
    for (const s of sessions) {
      const seqs = db.prepare('SELECT seq FROM events WHERE session_id = ? ORDER BY seq').pluck().all(s);
      expect(seqs).toEqual(validSeqs[s]);
    }
    const rejectRows = db.prepare('SELECT count(*) FROM rejects WHERE seq IS NOT NULL').pluck().get();
    expect(rejectRows).toBe((expected.invalid_event ?? 0) + (expected.session_mismatch ?? 0));
    expect(db.prepare('SELECT count(*) FROM rejects WHERE seq IS NULL').pluck().get()).toBe(expected.bad_envelope ?? 0);
    db.close();
    expect(integrityCheck(dbFile)).toBe('ok');
    expect(rawParserFrames).toBe(3);
  });
});
