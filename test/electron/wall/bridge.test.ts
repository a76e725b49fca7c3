/**
 * The socket bridge with real socket.io clients: calls validated before the engine sees them,
 * one-line errors, pushes to every screen, and a screen that stops reading does not make the
 * server queue deltas without bound (it misses some and sees the version gap instead).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { startWallServer, type WallServer } from '../../../electron/wall/server';
import { PUSH_EVENTS } from '../../../shared/api/contract';
import type { ViewDelta } from '../../../shared/viewmodel/delta';
import { fakeRenderer, testHost, type TestHost } from './test-host';

const renderer = fakeRenderer();
const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function start(host: TestHost, maxBacklog?: number): Promise<WallServer> {
  const wall = await startWallServer({ engine: host, rendererDir: renderer.dir, port: 0, maxBacklog });
  open.push(wall);
  return wall;
}

async function client(wall: WallServer): Promise<Socket> {
  const socket = connect(`${wall.url}/api`, { reconnection: false, transports: ['websocket'], forceNew: true });
  open.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve());
    socket.on('connect_error', reject);
  });
  return socket;
}

const call = (s: Socket, ...args: unknown[]) => s.timeout(5000).emitWithAck('call', ...args);

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('socket bridge', () => {
  it('answers a good call with the value and bad ones with one-line errors the engine never sees', async () => {
    let seen = 0;
    const host = testHost({ 'sessions.delete': (id) => (seen++, { deleted: id === 's1' }) });
    const s = await client(await start(host));
    expect(await call(s, 'sessions.delete', ['s1'])).toEqual({ ok: true, value: { deleted: true } });
    expect(seen).toBe(1);
    const unknown = await call(s, 'fs.readFile', ['/etc/passwd']);
    expect(unknown).toEqual({ ok: false, error: 'unknown method: fs.readFile' });
    const badArgs = [[42], [], ['s1', 'extra'], 'not-an-array', [''], null];
    for (const args of badArgs) {
      const reply = (await call(s, 'sessions.delete', args)) as { ok: boolean; error: string };
      expect(reply.ok, JSON.stringify(args)).toBe(false);
      expect(reply.error, JSON.stringify(args)).toMatch(/^sessions\.delete: bad arguments/);
      expect(reply.error).not.toContain('\n');
    }
    expect(await call(s, 42, [])).toMatchObject({ ok: false, error: expect.stringMatching(/^unknown method/) });
    expect(await call(s, '__proto__', [])).toMatchObject({ ok: false, error: expect.stringMatching(/^unknown method/) });
    expect(await call(s, 'settings.get')).toMatchObject({ ok: false }); // no args array at all
    expect(seen).toBe(1);
  });

  it('turns an engine failure into one line without a stack', async () => {
    const host = testHost({
      'sessions.list': () => {
        throw new Error('database is locked\n    at Object.<anonymous> (/work/main/electron/store/queries.ts:10:5)');
      },
      'layout.reset': async () => Promise.reject(new TypeError('boom')),
    });
    const s = await client(await start(host));
    expect(await call(s, 'sessions.list', [{}])).toEqual({ ok: false, error: 'database is locked' });
    expect(await call(s, 'layout.reset', [])).toEqual({ ok: false, error: 'boom' });
    // the socket is still usable afterwards
    expect(await call(s, 'layout.get', [])).toEqual({ ok: true, value: [] });
  });

  it('says app.info comes from the wall and lists its screen URLs', async () => {
    const wall = await start(testHost());
    const s = await client(wall);
    const reply = (await call(s, 'app.info', [])) as { ok: true; value: { shell: string; screens: { id: string; url: string }[]; name: string } };
    expect(reply.value.shell).toBe('wall');
    expect(reply.value.name).toBe('luopan');
    expect(reply.value.screens.find((x) => x.id === 'live')?.url).toBe(wall.screenUrls.live);
  });

  it('pushes view.delta and connection.state to every connected screen, and stops listening on close', async () => {
    const host = testHost();
    const wall = await start(host);
    const [a, b] = [await client(wall), await client(wall)];
    const got: Record<string, unknown[]> = { a: [], b: [] };
    a.on('view.delta', (d) => got.a?.push(d));
    b.on('view.delta', (d) => got.b?.push(d));
    b.on('connection.state', (st) => got.b?.push(st));
    const delta: ViewDelta = { version: 7, full: false, publishedAt: 1, rooms: { r1: { figures: { gmv: 100 } as never } } };
    host.push('view.delta', delta);
    host.push('connection.state', { phase: 'reconnecting', source: 'demo', attempt: 2, lastEventAt: null, error: 'timeout', rejected: {}, eventsStored: 5 });
    await until(() => got.a?.length === 1 && got.b?.length === 2);
    expect(got.a?.[0]).toEqual(delta);
    expect(got.b?.[1]).toMatchObject({ phase: 'reconnecting', attempt: 2 });
    // one engine listener per push event, shared by every screen
    expect(host.listenerCount()).toBe(PUSH_EVENTS.length);
    await wall.close();
    expect(host.listenerCount()).toBe(0);
  });

  it('refuses the main namespace', async () => {
    const wall = await start(testHost());
    const s = connect(wall.url, { reconnection: false, transports: ['websocket'], forceNew: true });
    open.push(s);
    const err = await new Promise<Error>((resolve) => s.on('connect_error', resolve));
    expect(err.message).toMatch(/use \/api/);
  });

  it('skips a screen that stops reading instead of queueing deltas for it without bound', async () => {
    const host = testHost();
    const wall = await start(host, 8);
    const fast = await client(wall);
    const slow = await client(wall);
    const fastVersions: number[] = [];
    const slowVersions: number[] = [];
    fast.on('view.delta', (d: ViewDelta) => fastVersions.push(d.version));
    slow.on('view.delta', (d: ViewDelta) => slowVersions.push(d.version));
    // stop reading on the slow screen's TCP socket: the server's send buffers fill up
    const tcp = (slow.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): void } } }).ws._socket;
    tcp.pause();
    const big = 'x'.repeat(256 * 1024);
    const N = 200; // 50 MB in all: far more than the kernel buffers of one loopback socket hold
    for (let v = 1; v <= N; v++) {
      host.push('view.delta', { version: v, full: false, publishedAt: Date.now(), rooms: { r: { title: big } as never } });
      await new Promise((r) => setImmediate(r));
    }
    await until(() => fastVersions.length === N, 20_000);
    const { dropped } = wall.stats();
    // everything the slow screen did not get was dropped, not queued: at most the backlog cap,
    // the one flush in flight and what the kernel buffers held went towards it
    expect(dropped).toBeGreaterThan(N / 2);
    tcp.resume();
    await until(() => slowVersions.length >= N - dropped, 20_000);
    expect(slowVersions.length).toBe(N - dropped);
    expect(fastVersions).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    // once it reads again it gets the next delta, and the version gap tells the renderer to ask view.full
    // (pushes keep coming as they would from the engine; the first ones may still meet the draining backlog)
    let v = N;
    const pushing = setInterval(() => host.push('view.delta', { version: ++v, full: false, publishedAt: Date.now(), rooms: {} }), 20);
    try {
      await until(() => slowVersions.some((x) => x > N));
    } finally {
      clearInterval(pushing);
    }
    const gaps = slowVersions.some((v, i) => i > 0 && v !== (slowVersions[i - 1] as number) + 1);
    expect(gaps).toBe(true);
    // and the slow screen can still call
    expect(await call(slow, 'view.full', [])).toMatchObject({ ok: true, value: { full: true } });
  });
});
