/**
 * `luopan serve` and `npm start` as a user runs them (the built CLI in a child process, the real
 * engine with the demo simulator, a SQLite file in a temp dir): screen URLs on stdout, HTTP
 * answering within seconds, a clean exit 0 on SIGTERM/SIGINT, exit 1 for a taken port, exit 2
 * for a reachable host without a token or contradicting options.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SCREEN_IDS } from '../../../shared/api/contract';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'luopan.mjs');
const children: ChildProcess[] = [];

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}, 180_000);
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

const tempDir = () => mkdtempSync(join(tmpdir(), 'luopan-serve-'));

interface Running {
  child: ChildProcess;
  urls: Record<string, string>;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Start a command and wait until it has printed every screen URL. */
function launch(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child = spawn(process.execPath, argv, { cwd: ROOT, env: { ...process.env, ...env } });
  children.push(child);
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no screen URLs in time; stderr: ${stderr}`)), 25_000);
    child.stderr?.on('data', (d) => (stderr += d));
    child.stdout?.on('data', (d) => {
      stdout += d;
      const urls = Object.fromEntries([...stdout.matchAll(/^(\w+)\s+(http\S+)$/gm)].map((m) => [m[1], m[2]]));
      if (SCREEN_IDS.every((id) => urls[id])) {
        clearTimeout(timer);
        resolve({ child, urls: urls as Record<string, string>, stderr: () => stderr, exited });
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before printing the screens; stderr: ${stderr}`));
    });
  });
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    children.push(child);
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d));
    child.on('exit', (code) => resolve({ code, stderr, stdout }));
  });
}

describe('luopan serve', () => {
  it('prints one URL per screen, answers HTTP, and stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const t0 = Date.now();
    const s = await launch([BIN, 'serve', '--db', join(dir, 'wall.db'), '--port', '0']);
    const live = s.urls.live as string;
    expect(live).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/live$/);
    const res = await fetch(live);
    const ms = Date.now() - t0;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    console.log(`luopan serve: command → HTTP 200 in ${ms} ms`);
    expect(s.stderr()).toMatch(/source demo/);
    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(join(dir, 'wall.db'))).toBe(true);
  });

  it('with --token prints token URLs and refuses requests without it; SIGINT stops it', async () => {
    const dir = tempDir();
    const s = await launch([BIN, 'serve', '--db', join(dir, 'w.db'), '--port', '0', '--token', 'T0ken-x', '--demo']);
    expect(s.urls.live).toMatch(/\/\?token=T0ken-x#\/live$/);
    // the token is taken, set as a cookie, and leaves the address (a redirect to the page without it)
    const first = await fetch(s.urls.live as string, { redirect: 'manual' });
    expect(first.status).toBe(303);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect((await fetch(new URL(first.headers.get('location') as string, s.urls.live).href, { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await fetch(new URL(s.urls.live as string).origin)).status).toBe(401);
    s.child.kill('SIGINT');
    expect((await s.exited).code).toBe(0);
  });

  it('--token generate / --admin-token generate: new tokens, the console line alone holds the admin one', async () => {
    const dir = tempDir();
    const s = await launch([BIN, 'serve', '--db', join(dir, 'g.db'), '--host', '0.0.0.0', '--port', '0', '--token', 'generate', '--admin-token', 'generate', '--demo']);
    const view = new URL(s.urls.live as string).searchParams.get('token') as string;
    const admin = new URL(s.urls.console as string).searchParams.get('token') as string;
    expect(view).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(admin).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(admin).not.toBe(view);
    for (const id of ['live', 'product', 'ad', 'traffic']) expect(s.urls[id]).toContain(`?token=${view}#/${id}`);
    for (let i = 0; i < 100 && !/screens at/.test(s.stderr()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(s.stderr()).toMatch(/generated --token and --admin-token: shown only in the URLs above/);
    expect(s.stderr()).not.toContain(view);
    s.child.kill('SIGTERM');
    expect((await s.exited).code).toBe(0);
    const short = await run(['serve', '--db', join(dir, 's.db'), '--host', '0.0.0.0', '--port', '0', '--token', 'too-short']);
    expect(short.code).toBe(2);
    expect(short.stderr.trim()).toBe('luopan: --token: host 0.0.0.0 can be reached from other machines: the token must be at least 16 characters (or: --token generate)');
  });

  it('keeps its database in the user data directory when no --db is given', async () => {
    const data = tempDir();
    const s = await launch([BIN, 'serve', '--port', '0'], { XDG_DATA_HOME: data });
    expect(existsSync(join(data, 'luopan', 'luopan.db'))).toBe(true);
    s.child.kill('SIGTERM');
    expect((await s.exited).code).toBe(0);
  });

  it('exits 1 with one line when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await run(['serve', '--db', join(tempDir(), 'p.db'), '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('luopan:'))).toEqual([`luopan: port ${port} on 127.0.0.1 is already in use`]);
      expect(r.stdout).toBe('');
    } finally {
      blocker.close();
    }
  });

  it('exits 2 with one line for a reachable host without a token, and for bad options', async () => {
    const lan = await run(['serve', '--db', join(tempDir(), 'h.db'), '--host', '0.0.0.0', '--port', '0']);
    expect(lan.code).toBe(2);
    expect(lan.stderr.trim()).toBe('luopan: --host 0.0.0.0 can be reached from other machines: an access token is required (--token, or --token generate)');
    const both = await run(['serve', '--source', 'http://127.0.0.1:9', '--demo']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exclude each other/);
    const badUrl = await run(['serve', '--source', 'ftp://x']);
    expect(badUrl.code).toBe(2);
    const badPort = await run(['serve', '--port', 'http']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/--port/);
  });
});

describe('npm start without Electron', () => {
  it('says in one line why, starts the wall server with the demo and answers HTTP within seconds', async () => {
    const data = tempDir();
    const t0 = Date.now();
    const s = await launch([join(ROOT, 'scripts', 'start.mjs'), '--port', '0'], { LUOPAN_NO_ELECTRON: '1', XDG_DATA_HOME: data });
    const res = await fetch(s.urls.live as string);
    const ms = Date.now() - t0;
    expect(res.status).toBe(200);
    console.log(`npm start (wall fallback): command → HTTP 200 in ${ms} ms`);
    expect(ms).toBeLessThan(15_000);
    const why = s.stderr().split('\n').filter((l) => /Electron runtime is unavailable/.test(l));
    expect(why).toHaveLength(1);
    expect(why[0]).toContain('LUOPAN_NO_ELECTRON=1');
    s.child.kill('SIGTERM');
    expect((await s.exited).code).toBe(0);
  });
});
