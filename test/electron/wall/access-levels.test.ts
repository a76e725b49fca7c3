/**
 * The wall's two levels against the real engine (demo source in-process, a real SQLite file)
 * and real socket.io clients on 127.0.0.1: the view token reads (screens, sessions, settings
 * without the secret, diagnosis, replay state) and every `change` method of the contract
 * answers `forbidden: …` with nothing changed; the admin token changes; no token is refused.
 * Then the failed-attempt throttle (HTTP 429 and the socket's connect_error, even for the right
 * token, until the wait is over), the token length rule of a reachable host, and the level rule
 * itself for a caller that is not on loopback (which a test on one machine cannot be).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { checkCredentials, judge, WallConfigError, type Presented } from '../../../electron/wall/access';
import { AttemptThrottle } from '../../../electron/wall/attempt-throttle';
import { startWallServer, type WallServer } from '../../../electron/wall/server';
import { API_ACCESS, API_METHODS, type ApiMethod } from '../../../shared/api/contract';
import { fakeRenderer, testHost } from './test-host';

const VIEW = 'view-Token-0123456789';
const ADMIN = 'admin-Token-9876543210';
const SOURCE_SECRET = 'the-Source-Secret-42';

/** valid arguments for every `change` method: the refusal must come from the level, not the schema */
const CHANGE_ARGS: Partial<Record<ApiMethod, unknown[]>> = {
  'settings.set': [{ breakEvenRoi: 9, source: 'https://attacker.example' }],
  'sessions.delete': ['some-session'],
  'layout.set': [[]],
  'layout.reset': [],
  'sessions.importBegin': [],
  'sessions.importChunk': ['imp-1', '{}'],
  'sessions.importCommit': ['imp-1'],
  'sessions.importAbort': ['imp-1'],
  'diagnosis.pdf': [{ kind: 'self', window: '7d' }],
  'alerts.rules.set': [[]],
  'relay.start': [{ inputs: ['http'] }],
  'relay.stop': [],
};
const CHANGE_METHODS = API_METHODS.filter((m) => API_ACCESS[m] === 'change');

let engine: Backend;
let wall: WallServer;
const sockets: Socket[] = [];

function open(opts: Parameters<typeof connect>[1]): Promise<{ outcome: string; socket: Socket }> {
  const socket = connect(`${wall.url}/api`, { reconnection: false, transports: ['websocket'], forceNew: true, ...opts });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.on('connect', () => resolve({ outcome: 'connected', socket }));
    socket.on('connect_error', (err) => resolve({ outcome: err.message, socket }));
  });
}

async function call(socket: Socket, method: string, args: unknown[]): Promise<{ ok: boolean; value?: unknown; error?: string }> {
  return socket.timeout(10_000).emitWithAck('call', method, args);
}

beforeAll(async () => {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'luopan-wall-levels-')), 'w.db');
  engine = await createBackend({ dbFile, source: 'demo', demo: { seed: 5, rooms: 1, speed: 60, startAt: Date.UTC(2026, 3, 1, 12) } });
  await engine.handlers['settings.set']({ sourceToken: SOURCE_SECRET });
  wall = await startWallServer({ engine, rendererDir: fakeRenderer().dir, port: 0, token: VIEW, adminToken: ADMIN, throttle: { free: 10_000 } });
}, 30_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  await wall?.close();
  await engine?.close();
});

describe('view and admin access on the wall', () => {
  it('classifies every method of the contract, and the test has arguments for each change', () => {
    expect(CHANGE_METHODS.sort()).toEqual(Object.keys(CHANGE_ARGS).sort());
    for (const m of ['settings.set', 'sessions.delete', 'alerts.rules.set', 'layout.set', 'layout.reset', 'relay.start', 'relay.stop', 'sessions.importBegin'] as const) {
      expect(API_ACCESS[m], m).toBe('change');
    }
  });

  it('refuses a socket without a token', async () => {
    expect((await open({})).outcome).toBe('unauthorized');
  });

  it('view token: reads are answered, settings.get holds no secret', async () => {
    const { outcome, socket } = await open({ auth: { token: VIEW } });
    expect(outcome).toBe('connected');
    for (const [method, args] of [['view.full', []], ['sessions.list', [{}]], ['diagnosis.shops', []], ['replay.state', []], ['alerts.rules.get', []], ['layout.get', []], ['connection.get', []]] as const) {
      expect((await call(socket, method, [...args])).ok, method).toBe(true);
    }
    const settings = await call(socket, 'settings.get', []);
    expect(settings).toMatchObject({ ok: true, value: { hasSourceToken: true, source: 'demo' } });
    expect(JSON.stringify(settings)).not.toContain(SOURCE_SECRET);
    const info = await call(socket, 'app.info', []);
    expect(info).toMatchObject({ ok: true, value: { canChange: false } });
    // the URLs a screen is told never hold the admin token
    expect(JSON.stringify(info)).not.toContain(ADMIN);
    expect(JSON.stringify(info)).toContain(VIEW);
  });

  it('view token: every change method answers forbidden and nothing changes', async () => {
    const { socket } = await open({ auth: { token: VIEW } });
    const before = { settings: await engine.handlers['settings.get'](), layout: await engine.handlers['layout.get'](), rules: await engine.handlers['alerts.rules.get'](), relay: await engine.handlers['relay.state']() };
    for (const method of CHANGE_METHODS) {
      const reply = await call(socket, method, CHANGE_ARGS[method]!);
      expect(reply.ok, method).toBe(false);
      expect(reply.error, method).toMatch(new RegExp(`^forbidden: ${method.replace('.', '\\.')} changes the wall; it needs the admin token`));
    }
    expect(await engine.handlers['settings.get']()).toEqual(before.settings);
    expect(await engine.handlers['layout.get']()).toEqual(before.layout);
    expect(await engine.handlers['alerts.rules.get']()).toEqual(before.rules);
    expect(await engine.handlers['relay.state']()).toEqual(before.relay);
    expect(engine.sourceUrl()).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it('view cookie: an NDJSON upload is refused before its body is read', async () => {
    const res = await fetch(`${wall.url}/files/sessions/import`, {
      method: 'POST',
      headers: { Cookie: `luopan_token=${VIEW}`, 'X-Luopan-Upload': '1' },
      body: '{"sessionId":"x","seq":1}\n',
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/^forbidden: sessions\.importBegin/);
    // a download is a read
    const sessions = await engine.handlers['sessions.list']({});
    const dl = await fetch(`${wall.url}/files/sessions/${encodeURIComponent(sessions[0]!.sessionId)}.ndjson`, { headers: { Cookie: `luopan_token=${VIEW}` } });
    expect(dl.status).toBe(200);
  });

  it('admin token (auth or its cookie): changes are made', async () => {
    const { outcome, socket } = await open({ auth: { token: ADMIN } });
    expect(outcome).toBe('connected');
    expect(await call(socket, 'app.info', [])).toMatchObject({ ok: true, value: { canChange: true } });
    expect(await call(socket, 'settings.set', [{ breakEvenRoi: 4.5 }])).toMatchObject({ ok: true, value: { breakEvenRoi: 4.5, hasSourceToken: true } });
    expect(await call(socket, 'layout.reset', [])).toMatchObject({ ok: true });
    const byCookie = await open({ extraHeaders: { Cookie: `luopan_admin=${ADMIN}` } });
    expect(await call(byCookie.socket, 'alerts.rules.set', [[]])).toMatchObject({ ok: true, value: [] });
    expect((await engine.handlers['settings.get']()).breakEvenRoi).toBe(4.5);
  });

  it('prints the console with the admin token; serves every URL with the view token only', async () => {
    expect(wall.adminConsoleUrl).toBe(`${wall.url}/?token=${ADMIN}#/console`);
    for (const url of Object.values(wall.screenUrls)) expect(url).toContain(`?token=${VIEW}#/`);
    const res = await fetch(`${wall.url}/screens.json`, { headers: { Cookie: `luopan_admin=${ADMIN}` } });
    const text = await res.text();
    expect(text).not.toContain(ADMIN);
    expect(text).toContain(VIEW);
  });

  it('an admin ?token= sets the admin cookie and redirects; a stale cookie is cleared', async () => {
    const res = await fetch(`${wall.url}/?token=${ADMIN}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.getSetCookie().some((c) => c.startsWith(`luopan_admin=${ADMIN};`) && c.includes('HttpOnly'))).toBe(true);
    const stale = await fetch(`${wall.url}/`, { headers: { Cookie: `luopan_token=${VIEW}; luopan_admin=old-admin-token` } });
    expect(stale.status).toBe(200); // the view cookie still opens the page
    expect(stale.headers.getSetCookie()).toContain('luopan_admin=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
  });
});

describe('the level rule', () => {
  const p = (value: string, via: Presented['via'] = 'auth'): Presented[] => [{ value, via }];
  it('without --admin-token: the view token changes from loopback only', () => {
    const creds = { view: VIEW };
    expect(judge(p(VIEW), creds, true).level).toBe('admin');
    expect(judge(p(VIEW), creds, false).level).toBe('view');
    expect(judge(p('wrong'), creds, true)).toMatchObject({ level: null, failed: true });
    expect(judge([], creds, true)).toMatchObject({ level: null, failed: false });
  });
  it('with --admin-token: only the admin token changes, from anywhere', () => {
    const creds = { view: VIEW, admin: ADMIN };
    expect(judge(p(VIEW), creds, true).level).toBe('view');
    expect(judge(p(ADMIN), creds, false).level).toBe('admin');
    // a guess of the admin token beside a good view cookie is still a failed attempt
    expect(judge([...p(VIEW, 'cookie-view'), ...p('guess')], creds, false)).toMatchObject({ level: 'view', failed: true });
  });
  it('no view token (a loopback-only wall): anyone addressed to it reads, loopback changes unless an admin token is set', () => {
    expect(judge([], {}, true).level).toBe('admin');
    expect(judge([], { admin: ADMIN }, true).level).toBe('view');
    expect(judge(p(ADMIN), { admin: ADMIN }, true).level).toBe('admin');
  });
});

describe('token length on a reachable host', () => {
  it('needs ≥ 16 characters for each token, and two different tokens', async () => {
    expect(() => checkCredentials('0.0.0.0', 'short-token', undefined)).toThrow(/--token: host 0\.0\.0\.0 .* at least 16 characters/);
    expect(() => checkCredentials('0.0.0.0', VIEW, 'short')).toThrow(/--admin-token: .* at least 16 characters/);
    expect(() => checkCredentials('192.168.1.5', VIEW, VIEW)).toThrow(/must differ/);
    expect(checkCredentials('0.0.0.0', VIEW, ADMIN)).toEqual({ view: VIEW, admin: ADMIN });
    // loopback keeps any length (only this machine can try)
    expect(checkCredentials('127.0.0.1', 'x', undefined)).toEqual({ view: 'x', admin: undefined });
    await expect(startWallServer({ engine: testHost(), rendererDir: fakeRenderer().dir, host: '0.0.0.0', port: 0, token: 'x' })).rejects.toBeInstanceOf(WallConfigError);
  });
});

describe('failed attempts are slowed per address', () => {
  it('waits 1 s, 2 s, 4 s … after the free ones, at most the cap, and forgets', () => {
    let now = 0;
    const t = new AttemptThrottle({ free: 2, baseMs: 1000, maxMs: 4000, forgetMs: 60_000, now: () => now });
    t.failed('a');
    t.failed('a');
    expect(t.waitMs('a')).toBe(1000);
    expect(t.waitMs('b')).toBe(0);
    now = 1000;
    expect(t.waitMs('a')).toBe(0);
    t.failed('a');
    expect(t.waitMs('a')).toBe(2000);
    for (let i = 0; i < 10; i++) t.failed('a');
    expect(t.waitMs('a')).toBe(4000);
    now += 60_000;
    expect(t.waitMs('a')).toBe(0);
    const many = new AttemptThrottle({ maxAddresses: 100 });
    for (let i = 0; i < 1000; i++) many.failed(`10.0.${i >> 8}.${i & 255}`);
    expect(many.size).toBe(100);
  });

  it('answers 429 and refuses sockets — even with the right token — until the wait is over', async () => {
    const guarded = await startWallServer({ engine: testHost(), rendererDir: fakeRenderer().dir, port: 0, token: VIEW, throttle: { free: 3, baseMs: 1500 } });
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(`${guarded.url}/?token=guess-${i}`)).status).toBe(401);
      const slowed = await fetch(`${guarded.url}/index.html?token=${VIEW}`);
      expect(slowed.status).toBe(429);
      expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const socket = connect(`${guarded.url}/api`, { reconnection: false, transports: ['websocket'], forceNew: true, auth: { token: VIEW } });
      sockets.push(socket);
      expect(await new Promise((r) => socket.on('connect_error', (e) => r(e.message)).on('connect', () => r('connected')))).toBe('too many failed attempts');
      // no credential at all guesses nothing: still the plain refusal page, not a wait
      expect((await fetch(`${guarded.url}/`)).status).toBe(401);
      await new Promise((r) => setTimeout(r, 1600));
      expect((await fetch(`${guarded.url}/index.html?token=${VIEW}`, { redirect: 'manual' })).status).toBe(303);
    } finally {
      await guarded.close();
    }
  });
});
