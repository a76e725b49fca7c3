/**
 * The wall server's file routes against the real engine on a real SQLite file: a session's
 * NDJSON download equals `luopan export`, an upload of it restores a deleted session event for
 * event (twice: nothing stored twice), a corrupt upload names its line and stores nothing, an
 * upload without the page's header is refused, and the printable report/CSV carry the verdicts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { exportNdjson } from '../../../electron/store/ndjson';
import { openStore } from '../../../electron/store/open';
import { startWallServer, type WallServer } from '../../../electron/wall/server';
import { recordShows } from '../history/sim-store';

const dir = mkdtempSync(join(tmpdir(), 'luopan-wall-files-'));
const dbFile = join(dir, 'store.sqlite');
const TOKEN = 'secret-token-1';
let engine: Backend;
let wall: WallServer;
let sessionId: string;
let cliExport = '';

beforeAll(async () => {
  [sessionId] = recordShows(dbFile, [{ roomIndex: 0, daysAgo: 2 }, { roomIndex: 0, daysAgo: 1 }]) as [string];
  const db = openStore(dbFile, { readonly: true });
  await exportNdjson(db, { sessionId }, (c) => void (cliExport += c));
  db.close();
  engine = await createBackend({ dbFile, source: 'http://127.0.0.1:9' });
  wall = await startWallServer({ engine, port: 0, token: TOKEN, rendererDir: dir });
});
afterAll(async () => {
  await wall?.close();
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

const url = (path: string) => `${wall.url}${path}${path.includes('?') ? '&' : '?'}token=${TOKEN}`;
const upload = (body: string, headers: Record<string, string> = { 'X-Luopan-Upload': '1' }) =>
  fetch(url('/files/sessions/import'), { method: 'POST', body, headers });

describe('wall file routes', () => {
  it('refuses without the token', async () => {
    expect((await fetch(`${wall.url}/files/sessions/${sessionId}.ndjson`)).status).toBe(401);
  });

  it('downloads a session as NDJSON equal to luopan export', async () => {
    const res = await fetch(url(`/files/sessions/${encodeURIComponent(sessionId)}.ndjson`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(await res.text()).toBe(cliExport);
    expect((await fetch(url('/files/sessions/nope.ndjson'))).status).toBe(404);
  });

  it('an upload restores a deleted session; a second upload stores nothing twice', async () => {
    expect(await engine.handlers['sessions.delete'](sessionId)).toEqual({ deleted: true });
    const first = await (await upload(cliExport)).json();
    const lines = cliExport.split('\n').length - 1;
    expect(first).toEqual({ ok: true, value: { lines, sessions: 1, inserted: lines, duplicates: 0 } });
    const second = await (await upload(cliExport)).json();
    expect(second.value).toMatchObject({ inserted: 0, duplicates: lines });
    const again = await fetch(url(`/files/sessions/${sessionId}.ndjson`));
    expect(await again.text()).toBe(cliExport);
  });

  it('a corrupt upload names the line and stores nothing; a cross-site upload is refused', async () => {
    const before = (await engine.handlers['sessions.list']({})).map((s) => [s.sessionId, s.events]);
    const bad = cliExport.replace(/^\{"sessionId":"[^"]+"/, '{"sessionId":"other"').split('\n');
    bad.splice(3, 0, 'not json');
    const res = await upload(bad.join('\n'));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/^line 4: not valid JSON.*nothing was imported/);
    expect((await engine.handlers['sessions.list']({})).map((s) => [s.sessionId, s.events])).toEqual(before);
    expect((await upload(cliExport, {})).status).toBe(403);
    expect((await upload(cliExport, { 'X-Luopan-Upload': '1', Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('serves the printable report and the CSV with the verdicts of diagnosis.run', async () => {
    const report = await engine.handlers['diagnosis.run']({ kind: 'self', window: '7d', shopId: 'shop-jujia' });
    const html = await (await fetch(url('/files/diagnosis/report.html?kind=self&window=7d&shop=shop-jujia'))).text();
    expect([...html.matchAll(/data-verdict="(\w*)"/g)].map((m) => m[1])).toEqual(report.indicators.map((i) => i.verdict ?? ''));
    const csv = await fetch(url('/files/diagnosis/report.csv?kind=self&window=7d&shop=shop-jujia'));
    expect(csv.headers.get('content-disposition')).toMatch(/luopan-diagnosis-self-shop-jujia/);
    expect((await csv.text()).split('\r\n').filter(Boolean)).toHaveLength(1 + report.indicators.length);
    expect((await fetch(url('/files/diagnosis/report.html?kind=bogus'))).status).toBe(400);
  });
});
