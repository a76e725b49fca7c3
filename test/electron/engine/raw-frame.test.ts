/**
 * raw-frame.ts: the text each event of a batch arrived as, as spans of its UTF-8 bytes. The
 * spans must name exactly the elements JSON.parse built (or be null, and the bodies are serialised again); through a real
 * socket.io connection the stream client must store the very text the source sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eventSpans, RAW_TEXT } from '../../../electron/engine/raw-frame';
import { StreamClient } from '../../../electron/engine/stream-client';
import type { EventColumns, EventRow, GapRange, RejectRow } from '../../../electron/engine/stream-client';
import { bodyAt } from '../../../electron/store/event-columns';
import { startScriptedSource, type ScriptedSource } from './scripted-source';
import { mulberry32 } from '../../../electron/sim/random';

/** A payload as RawTextDecoder leaves it: parsed from `data`, with the packet text attached. */
function decoded(packet: string): { payload: { events?: unknown } } {
  const data = JSON.parse(packet.slice(packet.indexOf('['))) as unknown[];
  const payload = data[1] as { events?: unknown };
  Object.defineProperty(payload, RAW_TEXT, { value: packet, enumerable: false });
  return { payload };
}

function texts(packet: string): string[] | null {
  const { payload } = decoded(packet);
  const events = Array.isArray(payload.events) ? payload.events : [];
  const r = eventSpans(payload, events.length);
  if (!r) return null;
  return Array.from({ length: events.length }, (_, i) => Buffer.from(r.bytes).toString('utf8', r.spans[2 * i], r.spans[2 * i + 1]));
}

/** the simulator's seeded generator (mulberry32), so a failing case can be replayed */
const rng = mulberry32;

/** A JSON text of a random value, with random (legal) whitespace and escapes. */
function randomJson(r: () => number, depth = 0): string {
  const ws = () => [' ', '', '\n', '\t', '  ', '\r\n'][Math.floor(r() * 6)]!;
  const str = () => {
    const parts = ['a', '中', '"', '\\', '[', ']', '{', '}', ',', ':', '\u2028', '😀', 'x'];
    let s = '';
    for (let i = Math.floor(r() * 6); i > 0; i--) s += parts[Math.floor(r() * parts.length)]!;
    return r() < 0.3 ? JSON.stringify(s).replace(/a/g, '\\u0061') : JSON.stringify(s);
  };
  const k = depth > 3 ? Math.floor(r() * 3) : Math.floor(r() * 6);
  if (k === 0) return str();
  if (k === 1) return ['0', '-1.5e3', '42', '1E2', '-0'][Math.floor(r() * 5)]!;
  if (k === 2) return ['true', 'false', 'null'][Math.floor(r() * 3)]!;
  if (k === 3) return `[${ws()}${Array.from({ length: Math.floor(r() * 4) }, () => randomJson(r, depth + 1)).join(`${ws()},${ws()}`)}${ws()}]`;
  return `{${ws()}${Array.from({ length: Math.floor(r() * 4) }, () => `${str()}${ws()}:${ws()}${randomJson(r, depth + 1)}`).join(`${ws()},`)}${ws()}}`;
}

describe('eventSpans', () => {
  it('finds each event of a socket.io batch packet, with or without namespace and ack id', () => {
    const events = [{ seq: 1, ts: 2, type: 'comment', text: 'a "quoted" ] } 中文 \\ \u0000' }, { seq: 2, ts: 3, type: 'x', deep: [[{}], { a: [1] }] }];
    const body = JSON.stringify(['batch', { sessionId: 's', events }]);
    for (const packet of [`2${body}`, `2/live,${body}`, `2/live,17${body}`, `217${body}`]) {
      expect(texts(packet)).toEqual(events.map((e) => JSON.stringify(e)));
    }
  });

  it('on thousands of random packets: the spans parse to exactly the events JSON.parse built, or are refused', () => {
    const r = rng(7);
    let found = 0;
    for (let n = 0; n < 3000; n++) {
      const events = Array.from({ length: Math.floor(r() * 6) }, () => randomJson(r));
      const members = [`"sessionId":"s${n}"`, `"events":[${events.join(' , ')}]`];
      if (r() < 0.3) members.splice(Math.floor(r() * 3), 0, `"other":${randomJson(r)}`);
      if (r() < 0.1) members.push(`"ev\\u0065nts":[${events.slice(1).join(',')}]`); // JSON.parse takes this one
      const packet = `2/live,${n}[ "batch" ,\n{ ${members.join(' ,\t')} } ]`;
      const { payload } = decoded(packet);
      const parsed = payload.events as unknown[];
      const got = texts(packet);
      if (got === null) continue;
      found++;
      expect(got.map((t) => JSON.parse(t))).toEqual(parsed);
    }
    expect(found).toBeGreaterThan(2500);
  });

  it('is null when the text is missing or does not match what was parsed', () => {
    expect(eventSpans({ events: [] }, 0)).toBeNull(); // no RAW_TEXT (e.g. a binary packet)
    expect(eventSpans(null, 0)).toBeNull();
    // the escaped key is the one JSON.parse keeps: the first array must not be used
    const trap = '2["batch",{"events":[{"seq":1}],"ev\\u0065nts":[{"seq":2}]}]';
    expect(texts(trap)).toEqual(['{"seq":2}']);
    const { payload } = decoded('2["batch",{"events":[1,2]}]');
    expect(eventSpans(payload, 3)).toBeNull(); // count disagrees
    expect(texts('2["batch",{"sessionId":"s","events":{"0":1}}]')).toBeNull(); // events not an array
  });
});

class ColumnSink {
  readonly bodies: string[] = [];
  textForm = 0;
  async write(_s: string, rows: EventRow[], _r: RejectRow[], _g: GapRange[]) {
    for (const row of rows) this.bodies.push(row.body);
    return { lastSeq: rows.at(-1)?.seq ?? 0, inserted: rows.length };
  }
  async writeColumns(_s: string, rows: EventColumns, _r: RejectRow[], _g: GapRange[]) {
    if (!Array.isArray(rows.bodies)) {
      this.textForm++;
      // only its own bytes: a view would post the whole underlying buffer to the worker
      expect(rows.bodies.bytes.byteOffset).toBe(0);
      expect(rows.bodies.bytes.buffer.byteLength).toBe(rows.bodies.spans.at(-1));
    }
    for (let i = 0; i < rows.seqs.length; i++) this.bodies.push(bodyAt(rows.bodies, i));
    return { lastSeq: rows.seqs.at(-1) ?? 0, inserted: rows.seqs.length };
  }
}

let source: ScriptedSource | null = null;
let client: StreamClient | null = null;
afterEach(async () => {
  await client?.close();
  await source?.close();
  client = source = null;
});

describe('StreamClient with the raw-text decoder', () => {
  it('stores the text each event arrived as, handed to the writer as the bytes of the packet', async () => {
    source = await startScriptedSource();
    const sink = new ColumnSink();
    client = new StreamClient({ url: source.url, sink });
    const socketP = source.nextSocket();
    client.start();
    const socket = await socketP;
    const events = [
      { seq: 1, ts: 1, type: 'comment', userId: 'u', nickname: '昵称', text: '"]}\\ 😀 \u2028' },
      { seq: 2, ts: 2, type: 'hologram.start', future: { a: [1, 2] } },
      { seq: 3, ts: 3, type: 'online', count: -1 }, // invalid: recorded as a reject, not stored
      { seq: 4, ts: 4, type: 'like', count: 3 },
    ];
    expect(await source.batch(socket, { sessionId: 's', events })).toEqual({ ok: true, upTo: 4 });
    expect(sink.textForm).toBe(1);
    expect(sink.bodies).toEqual([events[0], events[1], events[3]].map((e) => JSON.stringify(e)));
  });

  it('a batch larger than a write is written in chunks, each with its own part of the bytes', async () => {
    source = await startScriptedSource();
    const sink = new ColumnSink();
    client = new StreamClient({ url: source.url, sink, chunkEvents: 2000 });
    const socketP = source.nextSocket();
    client.start();
    const socket = await socketP;
    // the protocol's largest batch, 5,000 events, in writes of 2,000
    const events = Array.from({ length: 5000 }, (_, i) => ({ seq: i + 1, ts: i, type: 'comment', userId: `u${i}`, nickname: '甲', text: `第${i}条` }));
    expect(await source.batch(socket, { sessionId: 's', events, after: 'x'.repeat(1000) })).toEqual({ ok: true, upTo: 5000 });
    expect(sink.textForm).toBe(3);
    expect(sink.bodies).toEqual(events.map((e) => JSON.stringify(e)));
  });
});
