/**
 * The replay inside the real engine (demo source running, real SQLite file holding a recorded
 * show): the replay's room arrives as `replay:<sessionId>` in the same gap-free view-delta
 * stream as the live rooms, its figures after a seek equal the live fold, `replay.state` is
 * pushed while playing, and close removes the room.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertAlert } from '../../../electron/store/alerts';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import type { ReplayState } from '../../../shared/api/contract';
import { applyDelta, type ViewDelta } from '../../../shared/viewmodel/delta';
import type { RoomView } from '../../../shared/viewmodel/room';
import { liveFoldAt, recordShow, START, type Recorded } from './recorded';

let rec: Recorded;
let engine: Backend;
const views: Record<string, RoomView> = {};
let version = 0;
let gaps = 0;
const states: ReplayState[] = [];

beforeAll(async () => {
  rec = recordShow(20);
  // an alert that fired while the show was live, 5 minutes in
  insertAlert(rec.db, { sessionId: rec.sessionId, ts: START + 5 * 60_000, ruleId: 'low-online', metric: 'online', value: 10, threshold: 50, message: '在线人数 10 低于 50' });
  rec.db.close();
  engine = await createBackend({ dbFile: rec.dbFile, source: 'demo', demo: { seed: 5, rooms: 1, speed: 1, startAt: Date.now() } });
  engine.onPush('view.delta', (d: ViewDelta) => {
    if (!applyDelta(views, d, version)) gaps++;
    version = d.version;
  });
  engine.onPush('replay.state', (s) => states.push(s));
  const full = await engine.handlers['view.full']();
  applyDelta(views, full, 0);
  version = full.version;
});
afterAll(async () => {
  await engine?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('engine replay', () => {
  it('opens a recorded session as the room replay:<id>', async () => {
    const key = `replay:${rec.sessionId}`;
    const st = await engine.handlers['replay.open'](rec.sessionId);
    expect(st).toMatchObject({ sessionId: rec.sessionId, roomKey: key, playing: false, speed: 1, positionMs: 0, durationMs: 20 * 60_000, seeking: null });
    expect(st.markers.filter((m) => m.kind === 'explain').length).toBeGreaterThan(2);
    expect(st.markers.filter((m) => m.kind === 'alert')).toEqual([{ positionMs: 5 * 60_000, kind: 'alert', ref: 'low-online', label: '在线人数 10 低于 50' }]);
    expect(st.markers.map((m) => m.positionMs)).toEqual(st.markers.map((m) => m.positionMs).sort((a, b) => a - b));
    expect(views[key]?.info.sessionId).toBe(rec.sessionId);
    for (let i = 0; i < 100 && Object.keys(views).length < 2; i++) await sleep(50); // the demo's live room joins
    const full = await engine.handlers['view.full']();
    expect(full.rooms[key]?.info?.sessionId).toBe(rec.sessionId);
    expect(Object.keys(full.rooms).length).toBe(2);
    expect(Object.keys(views).sort()).toEqual(Object.keys(full.rooms).sort());
  });

  it('seek: the screen-side view equals the live fold at minute M', async () => {
    const key = `replay:${rec.sessionId}`;
    for (const m of [9, 4, 15]) {
      const st = await engine.handlers['replay.seek'](m);
      expect(st.positionMs).toBe(m * 60_000);
      expect(st.seeking).toBeNull();
      const live = liveFoldAt(rec.events, rec.sessionId, m * 60_000);
      // the alert fired at minute 5 is on the room from minute 5 on, as the live engine marked it
      if (m > 5) live.markers = [...live.markers, { ts: START + 5 * 60_000, kind: 'alert', ref: 'low-online', label: '在线人数 10 低于 50' }];
      expect(views[key]).toEqual(live);
      expect(views[key]!.markers.some((mk) => mk.kind === 'alert')).toBe(m > 5);
    }
    expect(gaps).toBe(0);
  });

  it('plays at 16×, pushes replay.state, pauses', async () => {
    await engine.handlers['replay.speed'](16);
    states.length = 0;
    const t0 = Date.now();
    await engine.handlers['replay.play']();
    await sleep(1200);
    const paused = await engine.handlers['replay.pause']();
    const elapsed = Date.now() - t0;
    expect(paused.playing).toBe(false);
    const played = paused.positionMs - 15 * 60_000;
    expect(played).toBeGreaterThan(16 * 1000);
    expect(played).toBeLessThanOrEqual(16 * elapsed + 1);
    expect(states.filter((s) => s.playing).length).toBeGreaterThanOrEqual(3);
    const key = `replay:${rec.sessionId}`;
    expect(views[key]?.seq).toBeGreaterThan(liveFoldAt(rec.events, rec.sessionId, 15 * 60_000).seq);
    const after = (await engine.handlers['replay.state']()).positionMs;
    await sleep(300);
    expect((await engine.handlers['replay.state']()).positionMs).toBe(after);
    expect(gaps).toBe(0);
  });

  it('refuses an unknown session and bad speeds with one line', async () => {
    await expect(async () => engine.handlers['replay.open']('nope')).rejects.toThrow('no session "nope" in the store');
    // a bad speed never reaches the handler: the bridges validate with API_ARGS
    const { parseApiCall } = await import('../../../shared/api/contract');
    expect(parseApiCall('replay.speed', [3])).toMatchObject({ ok: false });
    expect(parseApiCall('replay.seek', [-1])).toMatchObject({ ok: false });
  });

  it('close removes the room from the stream and the full view', async () => {
    const key = `replay:${rec.sessionId}`;
    const st = await engine.handlers['replay.close']();
    expect(st.sessionId).toBeNull();
    expect(views[key]).toBeUndefined();
    expect((await engine.handlers['view.full']()).rooms[key]).toBeUndefined();
    await expect(async () => engine.handlers['replay.play']()).rejects.toThrow(/no replay is open/);
    expect(gaps).toBe(0);
  });

  it('deleting the session being replayed ends its replay', async () => {
    const other = recordShow(2, { seed: 8, roomIndex: 1, dbFile: rec.dbFile, keepEvents: false });
    other.db.close();
    const key = `replay:${other.sessionId}`;
    await engine.handlers['replay.open'](other.sessionId);
    expect(views[key]).toBeDefined();
    await engine.handlers['sessions.delete'](other.sessionId);
    expect((await engine.handlers['replay.state']()).sessionId).toBeNull();
    expect(views[key]).toBeUndefined();
    expect(gaps).toBe(0);
  });
});
