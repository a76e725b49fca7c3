/**
 * The socket bridge against the real engine (demo source: the simulator in-process, a real
 * SQLite file): a call answers with the engine's value, a bad one with a one-line error, and the
 * engine's view.delta and connection.state pushes reach a connected screen, in version order,
 * so the renderer's applyDelta can follow them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { startWallServer, type WallServer } from '../../../electron/wall/server';
import type { ConnectionState } from '../../../shared/api/contract';
import { applyDelta, type ViewDelta } from '../../../shared/viewmodel/delta';
import type { RoomView } from '../../../shared/viewmodel/room';
import { fakeRenderer } from './test-host';

let engine: Backend;
let wall: WallServer;
let socket: Socket;
const deltas: ViewDelta[] = [];
const states: ConnectionState[] = [];

async function until(cond: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'luopan-wall-engine-')), 'w.db');
  engine = await createBackend({ dbFile, source: 'demo', demo: { seed: 3, rooms: 2, speed: 60, startAt: Date.UTC(2026, 3, 1, 12) } });
  wall = await startWallServer({ engine, rendererDir: fakeRenderer().dir, port: 0, token: 'tok-engine' });
  socket = connect(`${wall.url}/api`, { auth: { token: 'tok-engine' }, transports: ['websocket'], reconnection: false });
  socket.on('view.delta', (d: ViewDelta) => deltas.push(d));
  socket.on('connection.state', (s: ConnectionState) => states.push(s));
  await new Promise<void>((resolve, reject) => {
    socket.on('connect', () => resolve());
    socket.on('connect_error', reject);
  });
}, 30_000);
afterAll(async () => {
  socket?.close();
  await wall?.close();
  await engine?.close();
});

const call = (...args: unknown[]) => socket.timeout(5000).emitWithAck('call', ...args);

describe('socket bridge with the real engine', () => {
  it('answers calls with the engine’s values and bad ones with one line', async () => {
    const settings = (await call('settings.get', [])) as { ok: true; value: { locale: string; source: string } };
    expect(settings).toMatchObject({ ok: true, value: { locale: 'zh-CN' } });
    const info = (await call('app.info', [])) as { ok: true; value: { shell: string; screens: { id: string; url: string }[] } };
    expect(info.value.shell).toBe('wall');
    expect(info.value.screens.find((s) => s.id === 'live')?.url).toBe(wall.screenUrls.live);
    const bad = (await call('settings.set', [{ breakEvenRoi: -1 }])) as { ok: false; error: string };
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatch(/^settings\.set: bad arguments/);
    expect(bad.error).not.toContain('\n');
    const unknown = (await call('engine.stop', [])) as { ok: false; error: string };
    expect(unknown).toEqual({ ok: false, error: 'unknown method: engine.stop' });
  });

  it('pushes the live view: a full view then deltas that apply in order', async () => {
    await until(() => states.some((s) => s.phase === 'live'));
    const full = (await call('view.full', [])) as { ok: true; value: ViewDelta };
    expect(full.ok).toBe(true);
    const views: Record<string, RoomView> = {};
    applyDelta(views, full.value, 0);
    let version = full.value.version;
    await until(() => deltas.filter((d) => d.version > version).length >= 5);
    for (const d of deltas.filter((x) => x.version > version)) {
      expect(applyDelta(views, d, version), `delta ${d.version} after ${version}`).toBe(true);
      version = d.version;
    }
    expect(Object.keys(views).length).toBeGreaterThan(0);
    const sessions = (await call('sessions.list', [{}])) as { ok: true; value: unknown[] };
    expect(sessions.value.length).toBeGreaterThan(0);
    expect(states.at(-1)?.eventsStored).toBeGreaterThan(0);
  });
});
