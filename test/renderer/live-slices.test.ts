/**
 * The live store's per-key slices against the real engine (scripted socket.io source → SQLite →
 * LiveView deltas), reached through the desktop bridge shape (call/on): a delta that changes
 * some keys of the room triggers exactly those slices, and the slices end equal to the engine's
 * full view.
 */
import { createPinia, setActivePinia } from 'pinia';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watch } from 'vue';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bridge } from '../../shared/api/contract';
import type { RoomViewKey } from '../../shared/viewmodel/room';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { createIpcBridge } from '../../renderer/src/bridge/ipc-bridge';
import { useLiveStore } from '../../renderer/src/stores/live';
import { likeEvent, range, startScriptedSource } from '../electron/engine/scripted-source';

const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of closing.splice(0).reverse()) await c.close();
});

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function bridgeOf(engine: Backend): Bridge {
  return {
    call: (async (method: string, ...args: unknown[]) => (engine.handlers as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!(...args)) as Bridge['call'],
    on: ((event: 'view.delta' | 'connection.state', listener: (p: never) => void) => engine.onPush(event, listener as never)) as Bridge['on'],
  };
}

const START = { seq: 1, ts: 1_700_000_000_000, type: 'session.start', sessionId: 's1', roomId: 'room-1', title: '直播', startedAt: 1_700_000_000_000, host: { id: 'h', name: '主播', kind: 'self' }, shop: { id: 'shop', name: '店', category: 'c', tier: 't' } };
const KEYS: RoomViewKey[] = ['info', 'figures', 'recent', 'comments', 'portrait', 'products', 'channels', 'ads', 'quadrants'];

describe('live store slices', () => {
  it('a delta triggers the slices of the keys it changed, and only those; a paced slice keeps its pace', async () => {
    const source = await startScriptedSource();
    closing.push(source);
    const socketP = source.nextSocket();
    const engine = await createBackend({ dbFile: join(mkdtempSync(join(tmpdir(), 'luopan-slices-')), 'e.db'), source: source.url });
    closing.push(engine);
    const socket = await socketP;

    setActivePinia(createPinia());
    const live = useLiveStore();
    const fired: Partial<Record<RoomViewKey, number>> = {};
    for (const key of KEYS) watch(live.slice(key), () => (fired[key] = (fired[key] ?? 0) + 1), { flush: 'sync' });
    live.start(createIpcBridge(bridgeOf(engine)));

    expect(await source.batch(socket, { sessionId: 's1', events: [START, ...range(2, 20).map((s) => likeEvent(s))] })).toEqual({ ok: true, upTo: 20 });
    await until(() => live.slice('figures').value?.likes === 19);
    await new Promise((r) => setTimeout(r, 300));
    for (const key of KEYS) fired[key] = 0;

    // likes only: figures and the series move; the room's identity, comments, portrait and products do not
    expect(await source.batch(socket, { sessionId: 's1', events: range(21, 60).map((s) => likeEvent(s)) })).toEqual({ ok: true, upTo: 60 });
    await until(() => live.slice('figures').value?.likes === 59);
    await new Promise((r) => setTimeout(r, 300));
    expect(fired.figures).toBeGreaterThanOrEqual(1);
    expect(fired.recent).toBeGreaterThanOrEqual(1);
    expect({ info: fired.info, comments: fired.comments, portrait: fired.portrait, products: fired.products, channels: fired.channels, ads: fired.ads }).toEqual({
      info: 0, comments: 0, portrait: 0, products: 0, channels: 0, ads: 0,
    });

    // a comment: the comments slice now fires too
    const comment = { seq: 61, ts: 1_700_000_000_061, type: 'comment', userId: 'u1', nickname: '观众', text: '多少钱' };
    expect(await source.batch(socket, { sessionId: 's1', events: [comment] })).toEqual({ ok: true, upTo: 61 });
    await until(() => (live.slice('comments').value?.length ?? 0) === 1);
    expect(fired.comments).toBe(1);

    // a paced slice passes the latest value on at most once per interval, and never loses the last one
    const paced = live.slice('figures', { everyMs: 400 });
    let pacedFired = 0;
    watch(paced, () => pacedFired++, { flush: 'sync' });
    fired.figures = 0;
    const t0 = Date.now();
    for (let seq = 62; seq < 62 + 12; seq++) {
      expect(await source.batch(socket, { sessionId: 's1', events: [likeEvent(seq)] })).toEqual({ ok: true, upTo: seq });
      await new Promise((r) => setTimeout(r, 100));
    }
    await until(() => paced.value?.likes === 71);
    const elapsed = Date.now() - t0;
    expect(fired.figures).toBeGreaterThan(pacedFired);
    expect(pacedFired).toBeLessThanOrEqual(Math.ceil(elapsed / 400) + 1);
    expect(paced.value).toBe(live.slice('figures').value);

    // every slice equals the engine's own view of the room
    const full = await engine.handlers['view.full']();
    for (const key of KEYS) expect(live.slice(key).value, key).toEqual(full.rooms.s1![key]);
  });
});
