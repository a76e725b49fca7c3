/**
 * `luopan sim --replay FILE.ndjson` and `luopan sim --db FILE --session ID` as a user runs them:
 * a recorded show served over socket.io and recorded by `luopan record` into a second database
 * reproduces exactly the same events; bad input is one line and the right exit code.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportNdjson } from '../../../electron/store/ndjson';
import { recordShow, tempDbFile, type Recorded } from '../replay/recorded';

const root = join(__dirname, '../../..');
const BIN = join(root, 'bin/luopan.mjs');
let rec: Recorded;
let ndjson: string;

beforeAll(async () => {
  expect(spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--if-needed'], { stdio: 'inherit' }).status).toBe(0);
  rec = recordShow(6, { keepEvents: false });
  // a second session in the same store, so --session has something to leave out
  recordShow(3, { seed: 4, roomIndex: 1, dbFile: rec.dbFile, keepEvents: false }).db.close();
  let text = '';
  await exportNdjson(rec.db, { sessionId: rec.sessionId }, (chunk) => {
    text += chunk;
  });
  ndjson = join(tempDbFile(), '..', 'show.ndjson');
  writeFileSync(ndjson, text);
  rec.db.close();
}, 60_000);

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', resolve));

function rows(file: string, sessionId: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT seq, ts, type, body FROM events WHERE session_id = ? ORDER BY seq').raw().all(sessionId) as unknown[][]).map((r) => JSON.stringify(r));
  } finally {
    db.close();
  }
}

/** Serve with `sim <args>` at full speed, record into a fresh database; the recorded file. */
async function serveAndRecord(args: string[]): Promise<string> {
  const sim = spawn(process.execPath, [BIN, 'sim', '--port', '0', '--speed', 'max', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let simErr = '';
  sim.stderr!.on('data', (d: Buffer) => (simErr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    sim.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
    sim.once('exit', (code) => reject(new Error(`sim exited ${code}: ${simErr}`)));
  });
  const out = tempDbFile();
  const recorder = spawn(process.execPath, [BIN, 'record', url, '--db', out, '--idle-exit', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const [simCode, recCode] = await Promise.all([exited(sim), exited(recorder)]);
  expect(simErr).toContain('luopan-replay');
  expect(simCode).toBe(0); // exits by itself once every event was acked
  expect(recCode).toBe(0);
  return out;
}

describe('luopan sim serving recorded sessions', () => {
  it('--replay FILE.ndjson → record reproduces exactly the same events', async () => {
    const out = await serveAndRecord(['--replay', ndjson]);
    const original = rows(rec.dbFile, rec.sessionId);
    expect(original.length).toBeGreaterThan(5_000);
    expect(rows(out, rec.sessionId)).toEqual(original);
  }, 30_000);

  it('--db FILE --session ID → record reproduces exactly that session, nothing else', async () => {
    const out = await serveAndRecord(['--db', rec.dbFile, '--session', rec.sessionId]);
    expect(rows(out, rec.sessionId)).toEqual(rows(rec.dbFile, rec.sessionId));
    const db = new Database(out, { readonly: true });
    expect((db.prepare('SELECT count(DISTINCT session_id) AS n FROM events').get() as { n: number }).n).toBe(1);
    db.close();
  }, 30_000);

  it.each([
    ['a missing file', () => ['--replay', '/nonexistent/show.ndjson'], 1, /\/nonexistent\/show\.ndjson: no such file/],
    ['a truncated NDJSON file', () => {
      const text = readFileSync(ndjson, 'utf8');
      const cut = join(tempDbFile(), '..', 'cut.ndjson');
      writeFileSync(cut, text.slice(0, text.length - 30));
      return ['--replay', cut];
    }, 1, /cut\.ndjson: line \d+: not valid JSON.*nothing served/],
    ['a missing session', () => ['--db', rec.dbFile, '--session', 'nope'], 1, /no session "nope" in /],
    ['a missing database', () => ['--db', '/nonexistent/x.db'], 1, /x\.db/],
    ['--replay with --db', () => ['--replay', ndjson, '--db', rec.dbFile], 2, /either --replay or --db/],
    ['--session alone', () => ['--session', 'x'], 2, /--session needs/],
  ])('%s: one line and the exit code', (_what, args, code, message) => {
    const r = spawnSync(process.execPath, [BIN, 'sim', '--port', '0', ...args()], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(code);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
  });
});
