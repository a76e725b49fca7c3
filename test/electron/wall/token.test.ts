/**
 * The access token against a real server and real socket.io clients: refused page without it,
 * accepted through ?token=, Authorization: Bearer and the cookie set on the first good request;
 * sockets refused with connect_error 'unauthorized'; a reachable host refused without a token;
 * a socket from another origin refused even with no token configured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startWallServer, type WallServer } from '../../../electron/wall/server';
import { isLoopbackHost, tokenMatches, WallConfigError } from '../../../electron/wall/access';
import { fakeRenderer, testHost } from './test-host';

const TOKEN = 'wall-secret-Token_42';
let wall: WallServer;
const renderer = fakeRenderer();

beforeAll(async () => {
  // these tests fail on purpose many times from 127.0.0.1: the throttle has its own test (access-levels.test.ts)
  wall = await startWallServer({ engine: testHost(), rendererDir: renderer.dir, port: 0, token: TOKEN, throttle: { free: 10_000 } });
});
afterAll(() => wall.close());

/** connect to /api and report how it went: 'connected' or the connect_error message */
function tryConnect(url: string, opts: Parameters<typeof connect>[1] = {}): Promise<{ outcome: string; socket: Socket }> {
  const socket = connect(`${url}/api`, { reconnection: false, transports: ['websocket'], forceNew: true, ...opts });
  return new Promise((resolve) => {
    socket.on('connect', () => resolve({ outcome: 'connected', socket }));
    socket.on('connect_error', (err) => resolve({ outcome: err.message, socket }));
  });
}

describe('wall server access token', () => {
  it('puts the token in every screen URL, before the hash', () => {
    expect(wall.screenUrls.live).toBe(`http://127.0.0.1:${wall.port}/?token=${TOKEN}#/live`);
    expect(wall.indexUrl).toBe(`http://127.0.0.1:${wall.port}/?token=${TOKEN}#/`);
  });

  it('refuses every HTTP request without it with a 401 page in Chinese and English', async () => {
    for (const path of ['/', '/index.html', '/assets/index-AbC123.js', '/screens.json', '/nope']) {
      const res = await fetch(`${wall.url}${path}`);
      expect(res.status, path).toBe(401);
      const page = await res.text();
      expect(page).toContain('需要访问令牌');
      expect(page).toContain('Access token required');
      expect(page).not.toContain('罗盘";'); // none of the asset's content
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('content-security-policy')).toBeTruthy();
    }
  });

  it('refuses a wrong token, a wrong-length token and a wrong cookie', async () => {
    for (const headers of [{ Authorization: `Bearer ${TOKEN}x` }, { Authorization: "Bearer w" }, { Cookie: "luopan_token=nope" }, { Authorization: TOKEN }] as Record<string, string>[]) {
      expect((await fetch(`${wall.url}/`, { headers })).status).toBe(401);
    }
    expect((await fetch(`${wall.url}/?token=${TOKEN.slice(0, -1)}`)).status).toBe(401);
  });

  it('accepts ?token=, sets an HttpOnly, SameSite=Strict cookie and redirects to the page without the token', async () => {
    const page = await fetch(`${wall.url}/?token=${encodeURIComponent(TOKEN)}&room=r1`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/?room=r1');
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^luopan_token=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const asset = await fetch(`${wall.url}/assets/index-AbC123.js`, { headers: { Cookie: cookie.split(';')[0] as string } });
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain('罗盘');
    const again = await fetch(`${wall.url}/?room=r1`, { headers: { Cookie: cookie.split(';')[0] as string } });
    expect(again.status).toBe(200);
  });

  it('accepts Authorization: Bearer', async () => {
    const res = await fetch(`${wall.url}/screens.json`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { screens: { url: string }[] };
    expect(body.screens[0]?.url).toContain(`?token=${TOKEN}#/live`);
  });

  it('refuses a socket without the right token with connect_error "unauthorized"', async () => {
    const none = await tryConnect(wall.url);
    expect(none.outcome).toBe('unauthorized');
    none.socket.close();
    const wrong = await tryConnect(wall.url, { auth: { token: 'nope' } });
    expect(wrong.outcome).toBe('unauthorized');
    wrong.socket.close();
  });

  it('lets a socket with auth.token call the engine', async () => {
    const { outcome, socket } = await tryConnect(wall.url, { auth: { token: TOKEN } });
    expect(outcome).toBe('connected');
    const reply = await socket.timeout(5000).emitWithAck('call', 'settings.get', []);
    expect(reply).toMatchObject({ ok: true, value: { locale: 'zh-CN' } });
    socket.close();
  });

  it('lets a socket in with the cookie of a page already let in', async () => {
    const { outcome, socket } = await tryConnect(wall.url, { extraHeaders: { Cookie: `luopan_token=${encodeURIComponent(TOKEN)}` } });
    expect(outcome).toBe('connected');
    socket.close();
  });

  it('refuses a socket opened by a page of another origin, token or not', async () => {
    const { outcome, socket } = await tryConnect(wall.url, { auth: { token: TOKEN }, extraHeaders: { Origin: 'http://evil.example' } });
    expect(outcome).not.toBe('connected');
    socket.close();
  });

  it('refuses to start on a reachable host without a token, in one line', async () => {
    const start = startWallServer({ engine: testHost(), rendererDir: renderer.dir, host: '0.0.0.0', port: 0 });
    await expect(start).rejects.toBeInstanceOf(WallConfigError);
    await expect(start).rejects.toThrow(/^host 0\.0\.0\.0 can be reached from other machines: an access token is required \(--token, or --token generate\)$/);
    await expect(startWallServer({ engine: testHost(), rendererDir: renderer.dir, host: '0.0.0.0', token: 'has space' })).rejects.toThrow(/printable ASCII/);
  });

  it('starts on a reachable host with a token and shows a usable address', async () => {
    const lan = await startWallServer({ engine: testHost(), rendererDir: renderer.dir, host: '0.0.0.0', port: 0, token: TOKEN });
    try {
      expect(lan.url).not.toContain('0.0.0.0');
      const res = await fetch(`http://127.0.0.1:${lan.port}/index.html`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${lan.port}/`)).status).toBe(401);
    } finally {
      await lan.close();
    }
  });

  it('tells loopback from reachable hosts and compares tokens exactly', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.20', 'example.com', '10.0.0.1', 'localhost.example.com']) expect(isLoopbackHost(h), h).toBe(false);
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(`${TOKEN} `, TOKEN)).toBe(false);
    expect(tokenMatches('', TOKEN)).toBe(false);
    expect(tokenMatches(undefined, TOKEN)).toBe(false);
    expect(tokenMatches(42, TOKEN)).toBe(false);
  });
});
