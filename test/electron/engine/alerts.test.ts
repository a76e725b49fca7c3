/**
 * Alerts through the real engine: a scripted socket.io source feeds a session whose like count
 * crosses a rule's threshold → the alert is pushed once, stored in SQLite with the session, and
 * put on the room's trends as a marker; rules persist in kv, a bad list is refused whole with a
 * reason per bad rule, and a restart does not fire again what already fired.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertFired } from '../../../shared/alerts/records';
import type { ViewDelta } from '../../../shared/viewmodel/delta';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { likeEvent, range, startScriptedSource } from './scripted-source';

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c.close();
});

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'luopan-alerts-')), 'e.db');
const DEAD_SOURCE = 'http://127.0.0.1:9';
const T0 = 1_700_000_000_000;
const START = { seq: 1, ts: T0, type: 'session.start', sessionId: 'e1', roomId: 'room-9', title: '直播', startedAt: T0, host: { id: 'h', name: '主播', kind: 'self' }, shop: { id: 'shop', name: '店', category: 'c', tier: 't' } };
const RULE = { id: 'likes-100', metric: 'likes', kind: 'above', threshold: 100, roomId: null, enabled: true };

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function start(dbFile: string, source: string): Promise<Backend> {
  const engine = await createBackend({ dbFile, source });
  closers.push(engine);
  return engine;
}

describe('alerts in the engine', () => {
  it('fires once when the stream crosses the threshold: pushed, stored with the session, marked on the trends', async () => {
    const source = await startScriptedSource();
    closers.push(source);
    const dbFile = tempDb();
    const socketP = source.nextSocket();
    const engine = await start(dbFile, source.url);
    const fired: AlertFired[] = [];
    const deltas: ViewDelta[] = [];
    engine.onPush('alert.fired', (a) => fired.push(a));
    engine.onPush('view.delta', (d) => deltas.push(d));

    // a bad list is refused whole, naming each bad rule, and changes nothing
    await expect(async () => engine.handlers['alerts.rules.set']([RULE, { ...RULE, id: 'x', kind: 'drop_pct' }, { id: 'y' }])).rejects.toThrow(
      'alert rules refused: rule 2 (x): windowMin (minutes) is required for drop_pct; rule 3 (y): metric is required (a glossary metric id or plan_roi:…)',
    );
    expect(await engine.handlers['alerts.rules.get']()).toEqual([]);
    expect(await engine.handlers['alerts.rules.set']([RULE])).toEqual([RULE]);

    const socket = await socketP;
    // 1 + 2×40 = 80 likes: under the threshold
    expect(await source.batch(socket, { sessionId: 'e1', events: [START, ...range(2, 41).map((s) => likeEvent(s, { count: 2 }))] })).toEqual({ ok: true, upTo: 41 });
    await until(() => deltas.some((d) => d.rooms.e1?.figures?.likes === 80));
    await new Promise((r) => setTimeout(r, 250));
    expect(fired).toEqual([]);

    // to 160 likes: crosses 100
    expect(await source.batch(socket, { sessionId: 'e1', events: range(42, 81).map((s) => likeEvent(s, { count: 2 })) })).toEqual({ ok: true, upTo: 81 });
    await until(() => fired.length > 0);
    expect(fired).toHaveLength(1);
    const a = fired[0]!;
    expect(a).toMatchObject({ ruleId: 'likes-100', sessionId: 'e1', roomId: 'room-9', metric: 'likes', kind: 'above', threshold: 100, screen: 'live', planId: null });
    expect(a.value).toBeGreaterThan(100);
    expect(a.value).toBeLessThanOrEqual(160);
    expect(a.message).toBe(`点赞次数高于 100（当前 ${a.value}）`);
    expect(a.ts).toBeGreaterThan(T0);

    const stored = await engine.handlers['alerts.list']('e1');
    expect(stored).toEqual([{ sessionId: 'e1', ts: a.ts, ruleId: 'likes-100', metric: 'likes', value: a.value, threshold: 100, message: a.message, screen: 'live' }]);
    expect(await engine.handlers['alerts.list']('no-such-session')).toEqual([]);

    // the marker goes out with a delta and is in the full view
    await until(() => deltas.some((d) => d.rooms.e1?.markers?.some((m) => m.kind === 'alert')));
    const full = await engine.handlers['view.full']();
    expect(full.rooms.e1!.markers!.filter((m) => m.kind === 'alert')).toEqual([{ ts: a.ts, kind: 'alert', ref: 'likes-100', label: a.message }]);

    // more likes while above: no second alert
    expect(await source.batch(socket, { sessionId: 'e1', events: range(82, 121).map((s) => likeEvent(s, { count: 2 })) })).toEqual({ ok: true, upTo: 121 });
    await until(() => deltas.some((d) => d.rooms.e1?.figures?.likes === 240));
    await new Promise((r) => setTimeout(r, 250));
    expect(fired).toHaveLength(1);

    // restart: the rules are remembered; the rebuilt room is already over the threshold and does not fire again
    await engine.close();
    closers.splice(closers.indexOf(engine), 1);
    const again = await start(dbFile, DEAD_SOURCE);
    const firedAgain: AlertFired[] = [];
    again.onPush('alert.fired', (x) => firedAgain.push(x));
    expect(await again.handlers['alerts.rules.get']()).toEqual([RULE]);
    await new Promise((r) => setTimeout(r, 400));
    expect(firedAgain).toEqual([]);
    expect(await again.handlers['alerts.list']('e1')).toHaveLength(1);
    expect((await again.handlers['displays.list']())).toEqual([{ id: 0, label: 'wall', width: 1920, height: 1080, primary: true }]);
  }, 30_000);
});
