/**
 * `luopan relay` as a studio runs it (the built CLI in child processes): bad usage exits 2; the
 * relay killed with SIGKILL while a feed posts to it and started again on the same spool loses
 * nothing it acknowledged and never re-numbers a seq; `luopan record` from the relay stores
 * exactly the events the relay numbered, byte for byte; stdin feeds it too.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { barrage, startFakeTool } from '../relay/capture-fixtures';
import { comment, ndjson, sessionStart } from '../relay/fixtures';
import { tempDb, until } from '../../integration/helpers';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'luopan.mjs');
const children = new Set<ChildProcess>();

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
});
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

function start(args: string[], stdin: 'ignore' | 'pipe' = 'ignore'): ChildProcess & { err: () => string } {
  // no 抖店 / 千川 secrets from the machine the tests run on
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LUOPAN_DOUDIAN_') && !k.startsWith('LUOPAN_QIANCHUAN_')));
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: [stdin, 'pipe', 'pipe'] }) as ChildProcess & { err: () => string };
  children.add(child);
  child.once('exit', () => children.delete(child));
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => (err = (err + d).slice(-8000)));
  child.err = () => err;
  return child;
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

/** The URL the relay prints on stdout. */
function urlOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      out += d;
      const m = /^(http:\/\/\S+)\n/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`relay exited ${code} before printing its URL`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function rows(file: string, sql: string): { seq: number; body: string }[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as { seq: number; body: string }[];
  } finally {
    db.close();
  }
}

const spoolRows = (file: string) => rows(file, "SELECT seq, body FROM spool_events WHERE session_id = 's1' ORDER BY seq");
const storeRows = (file: string) => rows(file, "SELECT seq, body FROM events WHERE session_id = 's1' ORDER BY seq");
const storedLast = (file: string): number => {
  try {
    return (rows(file, "SELECT last_seq AS seq, '' AS body FROM sessions WHERE session_id = 's1'")[0]?.seq ?? 0);
  } catch {
    return 0;
  }
};

describe('luopan relay (CLI)', () => {
  it('exits 2 for bad usage', async () => {
    for (const args of [
      ['relay'], ['relay', '--input', 'carrier-pigeon'], ['relay', '--input', 'http=x'], ['relay', '--input', 'http', '--host', '0.0.0.0'],
      ['relay', '--input', 'barrage'], ['relay', '--input', 'barrage=http://127.0.0.1:8888'], ['relay', '--input', 'douyinlive=ws://127.0.0.1:1088/'],
      ['relay', '--input', 'doudian'], ['relay', '--input', 'qianchuan=x'],
    ]) {
      const child = start([...args, '--db', tempDb('spool.db'), '--port', '0']);
      expect(await exitOf(child), args.join(' ')).toBe(2);
      expect(child.err().trim().split('\n')).toHaveLength(1);
    }
  });

  it('exits 1 with one line for a config file it cannot use', async () => {
    const missing = start(['relay', '--input', 'http', '--config', '/nonexistent/relay.json', '--db', tempDb('spool.db'), '--port', '0']);
    expect(await exitOf(missing)).toBe(1);
    expect(missing.err()).toMatch(/^luopan: --config \/nonexistent\/relay.json: no such file\n$/);
    const file = tempDb('relay.json');
    writeFileSync(file, JSON.stringify({ rooms: [{ match: [] }] }));
    const bad = start(['relay', '--input', 'http', '--config', file, '--db', tempDb('spool.db'), '--port', '0']);
    expect(await exitOf(bad)).toBe(1);
    expect(bad.err()).toMatch(/rooms\.0\.match/);
  });

  it('relays a capture tool\'s room to `luopan record`: the recorder stores exactly what the relay numbered', async () => {
    const tool = await startFakeTool();
    const spool = tempDb('spool.db');
    const store = tempDb('luopan.db');
    const relay = start(['relay', '--input', `barrage=${tool.url}`, '--port', '0', '--db', spool]);
    const url = await urlOf(relay);
    await tool.connected();
    const viewers = Array.from({ length: 50 }, (_, i) => ({ id: `${7350000000000000001n + BigInt(2 * i)}`, nickname: `观众${i}`, gender: i % 3 }));
    for (const [i, v] of viewers.entries()) {
      tool.send(barrage.enter(`${i + 1}1`, v));
      tool.send(barrage.chat(`${i + 1}2`, v, `弹幕${i}`));
    }
    tool.send(barrage.stats('9', 50, 50));
    tool.send(barrage.ended('10'));
    await until(() => {
      try {
        return rows(spool, "SELECT seq, body FROM spool_events WHERE body LIKE '%session.end%'").length === 1;
      } catch {
        return false;
      }
    }, 20_000, 'the relay spooled the show');
    const recorder = start(['record', url, '--db', store, '--idle-exit', '1.5']);
    expect(await exitOf(recorder), recorder.err()).toBe(0);
    relay.kill('SIGTERM');
    expect(await exitOf(relay)).toBe(0);
    await tool.stop();
    const spooled = rows(spool, 'SELECT seq, body FROM spool_events ORDER BY seq');
    const stored = rows(store, 'SELECT seq, body FROM events ORDER BY seq');
    expect(stored).toEqual(spooled);
    expect(stored.map((r) => (JSON.parse(r.body) as { type: string }).type).join(',').replace(/(viewer.enter,comment,)+/, 'N×(enter,comment),')).toBe('session.start,N×(enter,comment),online,session.end');
    expect(stored).toHaveLength(1 + 100 + 1 + 1);
    const enters = stored.map((r) => JSON.parse(r.body) as { type: string; userId?: string }).filter((e) => e.type === 'viewer.enter');
    expect(enters.map((e) => e.userId)).toEqual(viewers.map((v) => v.id)); // 64-bit ids exactly, 50 distinct viewers
  });

  it('killed with SIGKILL while a feed posts, restarted: nothing acknowledged is lost, no seq is numbered twice, the recorder stores what the relay numbered', async () => {
    const spool = tempDb('spool.db');
    const store = tempDb('luopan.db');
    const port = await freePort();
    const args = ['relay', '--input', 'http', '--port', String(port), '--db', spool];
    let relay = start(args);
    const url = await urlOf(relay);
    const recorder = start(['record', url, '--db', store]);

    const acknowledged = new Set<string>();
    let next = 0;
    /** post batches of 40 comments until stopped; remember the texts of every 200 reply */
    async function feed(stop: () => boolean, first: boolean): Promise<void> {
      if (first) expect((await fetch(`${url}/events`, { method: 'POST', body: ndjson('s1', [sessionStart('s1')]) })).status).toBe(200);
      while (!stop()) {
        const batch = Array.from({ length: 40 }, () => comment(next++));
        try {
          const res = await fetch(`${url}/events`, { method: 'POST', body: ndjson('s1', batch) });
          if (res.status === 200) for (const e of batch) acknowledged.add(e.text as string);
        } catch {
          await new Promise((r) => setTimeout(r, 20)); // the relay is down: these were never acknowledged
        }
      }
    }

    let killed = false;
    const before = Promise.all([feed(() => killed, true), feed(() => killed, false)]);
    await until(() => acknowledged.size >= 2000, 30_000, 'acknowledged lines before the kill');
    await new Promise((r) => setTimeout(r, Math.random() * 100));
    relay.kill('SIGKILL');
    await exitOf(relay);
    killed = true;
    await before;
    const atKill = acknowledged.size;

    relay = start(args);
    await urlOf(relay);
    let enough = false;
    await Promise.all([feed(() => enough, false), (async () => {
      await until(() => acknowledged.size >= atKill + 1000, 30_000, 'acknowledged lines after the restart');
      enough = true;
    })()]);
    expect((await fetch(`${url}/events`, { method: 'POST', body: ndjson('s1', [{ type: 'session.end', endedAt: Date.now() }]) })).status).toBe(200);

    const spooled = spoolRows(spool);
    const last = spooled.at(-1)!.seq;
    await until(() => storedLast(store) === last, 30_000, 'the recorder caught up');
    recorder.kill('SIGTERM');
    expect(await exitOf(recorder), recorder.err()).toBe(0);
    relay.kill('SIGTERM');
    expect(await exitOf(relay), relay.err()).toBe(0);

    // the spool: seqs 1..last, each numbered once, every acknowledged line in it exactly once
    expect(spooled.map((r) => r.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    const texts = spooled.map((r) => (JSON.parse(r.body) as { text?: string }).text).filter((t): t is string => t !== undefined && t.startsWith('第'));
    expect(new Set(texts).size).toBe(texts.length);
    for (const t of acknowledged) expect(texts.includes(t), t).toBe(true);
    // the recorder stored exactly what the relay numbered, the events it got before the kill included
    expect(storeRows(store)).toEqual(spooled);
  });

  it('takes NDJSON on stdin and serves it', async () => {
    const spool = tempDb('spool.db');
    const store = tempDb('luopan.db');
    const relay = start(['relay', '--input', 'stdin', '--port', '0', '--db', spool], 'pipe');
    const url = await urlOf(relay);
    relay.stdin!.write(ndjson('s1', [sessionStart('s1'), ...Array.from({ length: 500 }, (_, i) => comment(i))]));
    relay.stdin!.write('this is not json\n');
    relay.stdin!.end(ndjson('s1', [{ type: 'session.end', endedAt: Date.now() }]));
    const recorder = start(['record', url, '--db', store, '--idle-exit', '1.5']);
    expect(await exitOf(recorder), recorder.err()).toBe(0);
    relay.kill('SIGTERM');
    expect(await exitOf(relay)).toBe(0);
    expect(relay.err()).toMatch(/stdin: rejected 1 × bad_line: line 502: not valid JSON/);
    const stored = storeRows(store);
    expect(stored).toHaveLength(502);
    expect(stored).toEqual(spoolRows(spool));
  });
});
