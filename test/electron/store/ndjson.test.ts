/**
 * NDJSON export/import on real SQLite files: export of an import gives the same events back
 * (byte-identical bodies), a truncated or corrupt line names its line number and stores nothing,
 * importing twice stores nothing twice, unknown event types are kept.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventWriter, type EventRow } from '../../../electron/store/event-writer';
import { exportNdjson, importNdjson, NdjsonLineError } from '../../../electron/store/ndjson';
import { openStore } from '../../../electron/store/open';
import { eventsOf } from '../../../electron/store/events';
import { getSession, listSessions } from '../../../electron/store/sessions';
import { commentRows, startRow, T0, tempDb, tempDir } from './helpers';

async function exportAll(db: ReturnType<typeof openStore>, sessionId?: string): Promise<string> {
  let out = '';
  await exportNdjson(db, { sessionId }, (chunk) => {
    out += chunk;
  });
  return out;
}

const unknownRow: EventRow = { seq: 0, ts: T0, type: 'future.thing', body: '' };
function unknownAt(seq: number): EventRow {
  return { ...unknownRow, seq, body: JSON.stringify({ seq, ts: T0, type: 'future.thing', nested: { a: [1, 2, { b: '引号"与\\反斜杠' }] } }) };
}

/** A store with two sessions, a hole, an unknown event type and odd characters. */
function sampleStore(): { file: string; rows: Record<string, EventRow[]> } {
  const file = tempDb();
  const db = openStore(file);
  const w = new EventWriter(db);
  const a = [startRow('a'), ...commentRows(2, 3000), unknownAt(3001)];
  const b = [startRow('b'), ...commentRows(2, 10), ...commentRows(15, 20)]; // 11..14 missing
  w.writeBatch('a', a, [{ seq: 3002, reason: 'invalid_event', detail: 'x', at: T0 }]);
  w.writeBatch('b', b);
  db.close();
  return { file, rows: { a, b } };
}

describe('NDJSON', () => {
  it('export: one line per stored event, {"sessionId":…, …event}, session by session in seq order', async () => {
    const { file, rows } = sampleStore();
    const db = openStore(file, { readonly: true });
    const text = await exportAll(db);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(rows.a!.length + rows.b!.length);
    expect(text.endsWith('\n')).toBe(true);
    const parsed = lines.map((l) => JSON.parse(l) as { sessionId: string; seq: number; type: string });
    expect(parsed.map((p) => p.sessionId)).toEqual([...rows.a!.map(() => 'a'), ...rows.b!.map(() => 'b')]);
    expect(parsed.filter((p) => p.sessionId === 'b').map((p) => p.seq)).toEqual(rows.b!.map((r) => r.seq));
    expect(parsed[0]).toEqual({ sessionId: 'a', ...(JSON.parse(rows.a![0]!.body) as object) });
    expect(lines[1]).toBe(`{"sessionId":"a",${rows.a![1]!.body.slice(1)}`);
    expect(parsed.some((p) => p.seq === 3002)).toBe(false); // the rejected event is not stored
    expect(await exportAll(db, 'b')).toBe(lines.slice(rows.a!.length).join('\n') + '\n');
    await expect(exportAll(db, 'nope')).rejects.toThrow(/no session "nope"/);
    db.close();
  });

  it('export of an import gives the same events back, byte for byte', async () => {
    const { file, rows } = sampleStore();
    const src = openStore(file, { readonly: true });
    const text = await exportAll(src);
    src.close();
    const nd = join(tempDir(), 'sessions.ndjson');
    writeFileSync(nd, text);
    const db = openStore(tempDb());
    const progress: number[] = [];
    const r = await importNdjson(nd, db, (p) => progress.push(p.lines));
    expect(r).toEqual({ lines: rows.a!.length + rows.b!.length, sessions: 2, inserted: rows.a!.length + rows.b!.length, duplicates: 0 });
    expect(progress.at(-1)).toBe(r.lines);
    expect([...eventsOf(db, 'a')]).toEqual(rows.a);
    expect([...eventsOf(db, 'b')]).toEqual(rows.b);
    expect(getSession(db, 'a')).toMatchObject({ roomId: 'room-a', hostKind: 'talent', startedAt: T0, lastSeq: 3001, events: 3001 });
    expect(getSession(db, 'b')).toMatchObject({ lastSeq: 10, events: 16 }); // the hole stays a hole
    expect(await exportAll(db)).toBe(text);
    db.close();
  });

  it('importing the same file twice stores nothing twice', async () => {
    const { file } = sampleStore();
    const src = openStore(file, { readonly: true });
    const nd = join(tempDir(), 'x.ndjson');
    writeFileSync(nd, await exportAll(src));
    src.close();
    const db = openStore(tempDb());
    const first = await importNdjson(nd, db);
    const second = await importNdjson(nd, db);
    expect(second).toEqual({ ...first, inserted: 0, duplicates: first.inserted });
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(first.inserted);
    expect(listSessions(db).map((s) => s.events).sort()).toEqual([16, 3001]);
    db.close();
  });

  it('a truncated file: the error names the last line and nothing is stored', async () => {
    const { file } = sampleStore();
    const src = openStore(file, { readonly: true });
    const text = await exportAll(src);
    src.close();
    const total = text.trimEnd().split('\n').length;
    const nd = join(tempDir(), 'cut.ndjson');
    writeFileSync(nd, text.slice(0, text.length - 25)); // cut in the middle of the last line
    const db = openStore(tempDb());
    const err = await importNdjson(nd, db).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NdjsonLineError);
    expect((err as Error).message).toMatch(new RegExp(`^line ${total}: not valid JSON`));
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it.each([
    ['not JSON', '{"sessionId":"a","seq":3,', /^line 3: not valid JSON/],
    ['not an object', '[1,2,3]', /^line 3: not a JSON object/],
    ['no sessionId', '{"seq":3,"ts":1,"type":"comment","userId":"u","nickname":"n","text":"t"}', /^line 3: no sessionId/],
    ['bad envelope', '{"sessionId":"a","seq":"three","ts":1,"type":"comment"}', /^line 3: bad_envelope: seq/],
    ['invalid known event', '{"sessionId":"a","seq":3,"ts":1,"type":"comment","userId":"u"}', /^line 3: invalid_event: comment/],
  ])('a bad line in the middle (%s) fails the whole file with its line number', async (_name, bad, message) => {
    const good = (seq: number) => `{"sessionId":"a","seq":${seq},"ts":${T0},"type":"comment","userId":"u","nickname":"n","text":"t"}`;
    const nd = join(tempDir(), 'bad.ndjson');
    writeFileSync(nd, [good(1), good(2), bad, good(4)].join('\n') + '\n');
    const db = openStore(tempDb());
    await expect(importNdjson(nd, db)).rejects.toThrow(message);
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    db.close();
  });

  it('accepts CRLF line ends, blank lines, unknown types and lines written by other tools', async () => {
    const nd = join(tempDir(), 'hand.ndjson');
    const lines = [
      startRow('h').body, // session.start carries its own sessionId
      '',
      `{"seq":2,"ts":${T0},"type":"future.thing","sessionId":"h","x":1}`, // sessionId not first
      `{"sessionId":"h"  ,"seq":3,"ts":${T0},"type":"another.unknown"}`,
    ];
    writeFileSync(nd, lines.join('\r\n'));
    const db = openStore(tempDb());
    expect((await importNdjson(nd, db)).inserted).toBe(3);
    const stored = [...eventsOf(db, 'h')];
    expect(stored[0]!.body).toBe(startRow('h').body);
    expect(JSON.parse(stored[1]!.body)).toEqual({ seq: 2, ts: T0, type: 'future.thing', x: 1 });
    expect(stored[2]!.type).toBe('another.unknown');
    expect(getSession(db, 'h')).toMatchObject({ hasStart: true, lastSeq: 3 });
    db.close();
  });

  it('a missing file is a one-line error', async () => {
    const db = openStore(tempDb());
    await expect(importNdjson('/nonexistent/x.ndjson', db)).rejects.toThrow(/no such file/);
    db.close();
  });

  it('export: a session.start body is written verbatim (no duplicate sessionId key)', async () => {
    const { file } = sampleStore();
    const db = openStore(file, { readonly: true });
    const first = (await exportAll(db, 'a')).split('\n')[0]!;
    expect(first).toBe(startRow('a').body);
    expect(first.match(/"sessionId"/g)).toHaveLength(1);
    expect(readFileSync(file).length).toBeGreaterThan(0);
    db.close();
  });
});
