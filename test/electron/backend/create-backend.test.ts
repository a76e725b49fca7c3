/**
 * The engine end to end with the built-in demo source (the real simulator in-process) and a
 * real SQLite file: deltas at ≤ 10 Hz, connection state, the API handlers, settings and layout
 * persisted, and the live view rebuilt from the store after a restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../shared/api/contract';
import type { ViewDelta } from '../../../shared/viewmodel/delta';
import { applyDelta } from '../../../shared/viewmodel/delta';
import type { RoomView } from '../../../shared/viewmodel/room';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { createEngineInWorker } from '../../../electron/engine/engine-client';
import { defaultLayout, DEFAULT_SETTINGS, settingsView } from '../../../electron/engine/preferences';
import { likeEvent, range, startScriptedSource } from '../engine/scripted-source';

const engines: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const e of engines.splice(0).reverse()) await e.close();
});

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'luopan-engine-')), 'e.db');
const DEMO = { seed: 1, rooms: 2, speed: 120, startAt: Date.UTC(2026, 3, 1, 12) };
const DEAD_SOURCE = 'http://127.0.0.1:9'; // nothing listens: the engine keeps reconnecting

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function start(opts: Partial<Parameters<typeof createBackend>[0]> & { dbFile: string }): Promise<Backend> {
  const engine = await createBackend({ source: 'demo', demo: DEMO, ...opts });
  engines.push(engine);
  return engine;
}

describe('createBackend with the demo source', () => {
  it('publishes coalesced deltas at ≤ 10 Hz that rebuild the same view as view.full', async () => {
    const engine = await start({ dbFile: tempDb() });
    const deltas: ViewDelta[] = [];
    engine.onPush('view.delta', (d) => deltas.push(d));
    const views: Record<string, RoomView> = {};
    let version = 0;
    const first = await engine.handlers['view.full']();
    applyDelta(views, first, 0);
    version = first.version;
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 2000));
    const elapsed = Date.now() - t0;
    const mine = deltas.filter((d) => d.version > version);
    expect(mine.length).toBeGreaterThan(3);
    expect(mine.length).toBeLessThanOrEqual(Math.ceil((elapsed / 1000) * 10) + 1);
    for (const d of mine) {
      expect(applyDelta(views, d, version)).toBe(true);
      version = d.version;
    }
    const full = await engine.handlers['view.full']();
    expect(Object.keys(views).sort()).toEqual(Object.keys(full.rooms).sort());
    expect(Object.keys(full.rooms).length).toBe(2);
    // everything published so far equals the full view up to what changed since the last flush
    for (const [id, room] of Object.entries(full.rooms)) {
      expect(views[id]!.info.sessionId).toBe(room.info!.sessionId);
      expect(views[id]!.seq).toBeLessThanOrEqual(room.seq!);
    }
    const stats = engine.stats();
    expect(stats.eventsStored).toBeGreaterThan(100);
    expect(stats.acks).toBeGreaterThan(0);
    expect(stats.ackLatencyMs.length).toBeGreaterThan(0);
  });

  it('pushes connection.state and answers connection.get, app.info and sessions.list', async () => {
    const engine = await start({ dbFile: tempDb() });
    const states: ConnectionState[] = [];
    engine.onPush('connection.state', (s) => states.push(s));
    await until(() => engine.stats().eventsStored > 50);
    const st = await engine.handlers['connection.get']();
    expect(st).toMatchObject({ phase: 'live', source: 'demo', error: null });
    expect(st.eventsStored).toBeGreaterThan(50);
    expect(states.length).toBeGreaterThan(0);
    expect(await engine.handlers['app.info']()).toMatchObject({ name: 'luopan', shell: 'wall' });
    const sessions = await engine.handlers['sessions.list']({});
    expect(sessions.length).toBe(2);
    expect(sessions[0]!.events).toBeGreaterThan(0);
    await expect(async () => engine.handlers['sessions.delete'](sessions[0]!.sessionId)).rejects.toThrow(/live/);
  });

  it('persists settings and layout in the store, validated, with defaults', async () => {
    const dbFile = tempDb();
    let engine = await start({ dbFile, source: DEAD_SOURCE });
    expect(await engine.handlers['settings.get']()).toEqual(settingsView(DEFAULT_SETTINGS));
    expect(await engine.handlers['layout.get']()).toEqual(defaultLayout());
    await expect(async () => engine.handlers['settings.set']({ breakEvenRoi: -1 } as never)).rejects.toThrow(/breakEvenRoi/);
    expect(await engine.handlers['settings.set']({ locale: 'en', breakEvenRoi: 3.5 })).toMatchObject({ locale: 'en', breakEvenRoi: 3.5, source: 'demo' });
    const layout = defaultLayout().map((p, i) => ({ ...p, displayId: i, mode: 'fullscreen' as const }));
    expect(await engine.handlers['layout.set'](layout)).toEqual(layout);
    await expect(async () => engine.handlers['layout.set']([{ screen: 'nope' }] as never)).rejects.toThrow(/layout/);
    await engine.close();
    engines.pop();
    engine = await start({ dbFile, source: DEAD_SOURCE });
    expect(await engine.handlers['settings.get']()).toMatchObject({ locale: 'en', breakEvenRoi: 3.5 });
    expect(await engine.handlers['layout.get']()).toEqual(layout);
    expect(await engine.handlers['layout.reset']()).toEqual(defaultLayout());
    expect(await engine.handlers['layout.get']()).toEqual(defaultLayout());
  });

  it('rebuilds the live rooms from the store after a restart', async () => {
    const dbFile = tempDb();
    const first = await start({ dbFile });
    await until(() => first.stats().eventsStored > 500);
    await first.close();
    engines.pop();
    const before = await (async () => {
      const again = await start({ dbFile, source: DEAD_SOURCE });
      const full = await again.handlers['view.full']();
      await again.close();
      engines.pop();
      return full;
    })();
    expect(Object.keys(before.rooms).length).toBe(2);
    for (const room of Object.values(before.rooms)) {
      expect(room.seq).toBeGreaterThan(1);
      expect(room.info!.state).not.toBe('ended');
    }
  });
});

describe('createBackend with a scripted source', () => {
  it('stores, aggregates and publishes what the source sends; a restart redraws the live room from the store', async () => {
    const source = await startScriptedSource();
    engines.push(source);
    const dbFile = tempDb();
    const socketP = source.nextSocket();
    const engine = await start({ dbFile, source: source.url });
    const deltas: ViewDelta[] = [];
    engine.onPush('view.delta', (d) => deltas.push(d));
    const socket = await socketP;
    const startEv = { seq: 1, ts: 1_700_000_000_000, type: 'session.start', sessionId: 'e1', roomId: 'room-9', title: '直播', startedAt: 1_700_000_000_000, host: { id: 'h', name: '主播', kind: 'self' }, shop: { id: 'shop', name: '店', category: 'c', tier: 't' } };
    const events = [startEv, ...range(2, 400).map((s) => likeEvent(s, { count: 2 }))];
    expect(await source.batch(socket, { sessionId: 'e1', events })).toEqual({ ok: true, upTo: 400 });
    await until(() => deltas.some((d) => d.rooms.e1?.figures?.likes === 798));
    expect(deltas[0]!.rooms.e1!.info!.roomId).toBe('room-9');
    const list = await engine.handlers['sessions.list']({});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ sessionId: 'e1', roomId: 'room-9', events: 400, endedAt: null });
    expect(engine.stats()).toMatchObject({ eventsStored: 400, acks: 1, liveRooms: 1 });
    await engine.close();
    engines.splice(engines.indexOf(engine), 1);
    const again = await start({ dbFile, source: DEAD_SOURCE });
    const full = await again.handlers['view.full']();
    expect(full.rooms.e1!.seq).toBe(400);
    expect(full.rooms.e1!.figures!.likes).toBe(798);
    expect((await again.handlers['connection.get']()).phase).not.toBe('live');
  });
});

describe('createEngineInWorker', () => {
  it('runs the engine in a worker thread behind the same handlers and pushes', async () => {
    const source = await startScriptedSource();
    engines.push(source);
    const socketP = source.nextSocket();
    const host = await createEngineInWorker({ dbFile: tempDb(), source: source.url });
    engines.push(host);
    const deltas: ViewDelta[] = [];
    host.onPush('view.delta', (d) => deltas.push(d));
    const socket = await socketP;
    expect(await source.batch(socket, { sessionId: 'w1', events: range(1, 50).map((s) => likeEvent(s)) })).toEqual({ ok: true, upTo: 50 });
    await until(() => deltas.length >= 1);
    const full = await host.handlers['view.full']();
    expect(full.full).toBe(true);
    expect(full.rooms.w1!.seq).toBe(50);
    expect((await host.handlers['connection.get']()).phase).toBe('live');
    await expect(host.handlers['sessions.delete']('' as never)).rejects.toThrow(/bad arguments/);
    expect((await host.stats()).eventsStored).toBe(50);
    await host.close();
    engines.pop();
    expect(await host.exited).toBe(0);
  });

  it('reports a store it cannot open as one line', async () => {
    // a folder where the database file should be: the store refuses it (corrupt)
    const folder = mkdtempSync(join(tmpdir(), 'luopan-engine-dir-'));
    const err = await createEngineInWorker({ dbFile: folder, source: DEAD_SOURCE }).then(
      () => null,
      (e: Error & { code?: string }) => e,
    );
    expect(err?.code).toBe('corrupt');
    expect(err?.message.split('\n')).toHaveLength(1);
  });
});
