/**
 * Console export/import on real SQLite files: paged export equals `luopan export` of the same
 * session, a staged upload in odd-sized pieces round-trips into an empty store byte for byte, a
 * second import stores nothing twice, and a corrupt line fails the whole file with its number.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPage, ImportUploads } from '../../../electron/history/transfer';
import { exportNdjson } from '../../../electron/store/ndjson';
import { openStore } from '../../../electron/store/open';
import { eventsOf } from '../../../electron/store/events';
import { listSessions } from '../../../electron/store/sessions';
import { recordShows } from './sim-store';

const dir = mkdtempSync(join(tmpdir(), 'luopan-transfer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = join(dir, 'source.sqlite');
const [sessionA, sessionB] = recordShows(source, [{ roomIndex: 0, daysAgo: 2 }, { roomIndex: 2, daysAgo: 1 }]);

function pagedExport(file: string, sessionId: string, maxEvents: number): { text: string; pages: number } {
  const db = openStore(file, { readonly: true });
  let text = '';
  let pages = 0;
  for (let after = 0, done = false; !done; pages++) {
    const page = exportPage(db, sessionId, after, maxEvents);
    text += page.ndjson;
    after = page.lastSeq;
    done = page.done;
  }
  db.close();
  return { text, pages };
}

/** Upload `text` in pieces of `size` characters and commit. */
async function upload(uploads: ImportUploads, text: string, size: number) {
  const { importId } = uploads.begin();
  for (let i = 0; i < text.length; i += size) uploads.chunk(importId, text.slice(i, i + size));
  return uploads.commit(importId);
}

describe('sessions export/import for the console', () => {
  it('paged export equals the CLI export of the session', async () => {
    const db = openStore(source, { readonly: true });
    let cli = '';
    await exportNdjson(db, { sessionId: sessionA! }, (c) => void (cli += c));
    const events = listSessions(db).find((s) => s.sessionId === sessionA)!.events;
    db.close();
    const { text, pages } = pagedExport(source, sessionA!, 1000);
    expect(text).toBe(cli);
    expect(text.split('\n').length - 1).toBe(events);
    expect(pages).toBe(Math.ceil(events / 1000) + (events % 1000 === 0 ? 1 : 0));
    expect(() => exportPage(openStore(source, { readonly: true }), 'nope', 0)).toThrow(/no session "nope"/);
  });

  it('import of an export reproduces the same events; importing twice stores nothing twice', async () => {
    const target = join(dir, 'target.sqlite');
    openStore(target).close();
    const text = pagedExport(source, sessionA!, 5000).text + pagedExport(source, sessionB!, 5000).text;
    const uploads = new ImportUploads({ dbFile: target });
    const first = await upload(uploads, text, 77_777);
    expect(first.sessions).toBe(2);
    expect(first.duplicates).toBe(0);
    expect(first.inserted).toBe(first.lines);
    const again = await upload(uploads, text, 500_000);
    expect(again).toMatchObject({ inserted: 0, duplicates: first.lines });
    const a = openStore(source, { readonly: true });
    const b = openStore(target, { readonly: true });
    for (const id of [sessionA!, sessionB!]) expect([...eventsOf(b, id)]).toEqual([...eventsOf(a, id)]);
    a.close();
    b.close();
    uploads.close();
  });

  it('a corrupt or truncated file reports the line number and imports nothing of it', async () => {
    const target = join(dir, 'corrupt.sqlite');
    openStore(target).close();
    const lines = pagedExport(source, sessionB!, 5000).text.split('\n');
    const uploads = new ImportUploads({ dbFile: target });
    const corrupt = [...lines.slice(0, 40), '{"sessionId":"x","seq":', ...lines.slice(40)].join('\n');
    await expect(upload(uploads, corrupt, 10_000)).rejects.toThrow(/^line 41: .*nothing was imported/);
    // cut in the middle of a line: the last line is the broken one
    const truncated = lines.slice(0, 100).join('\n') + '\n' + lines[100]!.slice(0, 30);
    await expect(upload(uploads, truncated, 10_000)).rejects.toThrow(/^line 101: /);
    const db = openStore(target, { readonly: true });
    expect(listSessions(db)).toEqual([]);
    expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(0);
    db.close();
    uploads.close();
  });

  it('uploads are bounded: unknown ids, aborts, size limit and idle expiry', () => {
    const uploads = new ImportUploads({ dbFile: join(dir, 'unused.sqlite'), maxBytes: 100, maxOpen: 2, idleMs: 1000 });
    expect(() => uploads.chunk('nope', 'x')).toThrow(/unknown or expired import/);
    const a = uploads.begin(0).importId;
    uploads.chunk(a, 'é'.repeat(10), 0);
    expect(uploads.stagedBytes(a)).toBe(20);
    uploads.begin(0);
    expect(() => uploads.begin(500)).toThrow(/too many imports/);
    expect(() => uploads.chunk(a, 'x'.repeat(90), 500)).toThrow(/larger than/);
    expect(uploads.stagedBytes(a)).toBeNull();
    // the other one idles past idleMs and makes room
    expect(uploads.begin(2000).importId).toMatch(/^[0-9a-f-]{36}$/);
    expect(uploads.abort('nope')).toEqual({ aborted: false });
    uploads.close();
  });
});
