/**
 * `luopan record` as a user runs it (the built CLI in a child process): exit codes 0 / 1 / 2,
 * one line on stderr for a failure, the database file untouched when it is refused.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { likeEvent, range, startScriptedSource, type ScriptedSource } from '../engine/scripted-source';
import { tempDb } from '../../integration/helpers';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'luopan.mjs');
let source: ScriptedSource | null = null;

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
});
afterEach(async () => {
  await source?.close();
  source = null;
});

function run(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('luopan record', () => {
  it('exits 2 for bad usage', async () => {
    expect((await run(['record', 'http://127.0.0.1:1'])).code).toBe(2); // no --db
    const badUrl = await run(['record', 'not a url', '--db', tempDb()]);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/<url>/);
    const badIdle = await run(['record', 'http://127.0.0.1:1', '--db', tempDb(), '--idle-exit', 'soon']);
    expect(badIdle.code).toBe(2);
    expect(badIdle.stderr).toMatch(/--idle-exit/);
  });

  it('records from a source, then exits 0 after --idle-exit seconds without events', async () => {
    source = await startScriptedSource();
    const dbFile = tempDb();
    const socketP = source.nextSocket();
    const done = run(['record', source.url, '--db', dbFile, '--idle-exit', '1']);
    const socket = await socketP;
    const events = [{ seq: 1, ts: 1, type: 'session.start', sessionId: 's1', roomId: 'r1', title: 't', startedAt: 1, host: { id: 'h', name: 'h', kind: 'self' }, shop: { id: 'sh', name: 's', category: 'c', tier: 't' } }, ...range(2, 300).map((s) => likeEvent(s))];
    expect(await source.batch(socket, { sessionId: 's1', events })).toEqual({ ok: true, upTo: 300 });
    const { code, stderr } = await done;
    expect(code, stderr).toBe(0);
    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare("SELECT count(*) AS n, max(seq) AS hi FROM events WHERE session_id = 's1'").get()).toEqual({ n: 300, hi: 300 });
    db.close();
  });

  it('exits 1 with one line and leaves a newer database untouched', async () => {
    const dbFile = tempDb();
    const db = new Database(dbFile);
    db.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1)');
    db.pragma('user_version = 999');
    db.close();
    const before = sha(dbFile);
    const r = await run(['record', 'http://127.0.0.1:1', '--db', dbFile]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(sha(dbFile)).toBe(before);
  });

  it('exits 1 with one line and leaves a corrupt file untouched', async () => {
    const dbFile = tempDb();
    writeFileSync(dbFile, 'this is not a database'.repeat(200));
    const before = sha(dbFile);
    const r = await run(['record', 'http://127.0.0.1:1', '--db', dbFile]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(sha(dbFile)).toBe(before);
  });

  it('exits 1 with "unauthorized" when the source refuses the token', async () => {
    source = await startScriptedSource();
    source.refuseWith = 'unauthorized';
    const r = await run(['record', source.url, '--db', tempDb(), '--token', 'wrong']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unauthorized/);
  });
});
