/**
 * The live store's delta handling (LiveModel, pure) on views built by the real RoomAggregator
 * from a seeded event stream, published through the real LiveView of the engine.
 */
import { describe, expect, it } from 'vitest';
import { LiveView } from '../../electron/engine/live-view';
import { validateEvent } from '../../shared/protocol/validate';
import type { ViewDelta } from '../../shared/viewmodel/delta';
import { LiveModel, MAX_HELD, pickRoom } from '../../renderer/src/stores/live-model';
import { makeShow, SESSION } from './show';

/** The show's events fed to a LiveView in slices, collecting every delta it publishes. */
function publish(slices: number) {
  const deltas: ViewDelta[] = [];
  let now = 1_700_000_000_000;
  const view = new LiveView((d) => deltas.push(structuredClone(d)), { now: () => now });
  const show = makeShow(3, 1_700_000_000_000, 10);
  const accepted = show.events.map((raw) => {
    const v = validateEvent(raw);
    if (!v.ok) throw new Error(v.detail);
    return { event: v.event, known: v.known };
  });
  const per = Math.ceil(accepted.length / slices);
  const fulls: ViewDelta[] = [];
  for (let i = 0; i < accepted.length; i += per) {
    view.apply(SESSION, accepted.slice(i, i + per));
    now += 100;
    view.flush();
    fulls.push(structuredClone(view.full()));
  }
  return { deltas, fulls, final: structuredClone(view.full()) };
}

describe('LiveModel', () => {
  it('a full view then every delta in order gives exactly the engine’s final view', () => {
    const { deltas, final } = publish(20);
    const m = new LiveModel();
    expect(m.receive({ version: 0, full: true, publishedAt: 0, rooms: {} })).toBe('applied');
    for (const d of deltas) expect(m.receive(d)).toBe('applied');
    expect(m.version).toBe(final.version);
    expect(JSON.parse(JSON.stringify(m.views))).toEqual(final.rooms);
    expect(m.views[SESSION]!.figures.gmv).toBeGreaterThan(0);
  });

  it('holds deltas that arrive before the full view and replays those newer than it', () => {
    const { deltas, fulls, final } = publish(20);
    const m = new LiveModel();
    // the full view answered at version 5 arrives after deltas 3..20 were pushed
    for (const d of deltas.slice(2)) expect(m.receive(d)).toBe('held');
    const full5 = fulls[4]!;
    expect(full5.version).toBe(5);
    expect(m.receive(full5)).toBe('applied');
    expect(m.version).toBe(final.version);
    expect(JSON.parse(JSON.stringify(m.views))).toEqual(final.rooms);
  });

  it('a version gap asks for a full view and keeps the last good views on screen', () => {
    const { deltas, fulls } = publish(10);
    const m = new LiveModel();
    m.receive(fulls[2]!);
    const shown = m.views[SESSION]!.figures.pv;
    expect(m.receive(deltas[3]!)).toBe('applied');
    // delta 5 lost
    expect(m.receive(deltas[5]!)).toBe('need-full');
    expect(m.version).toBeNull();
    expect(m.views[SESSION]!.figures.pv).toBeGreaterThanOrEqual(shown!);
    // until the full view comes back, deltas are held
    expect(m.receive(deltas[6]!)).toBe('held');
    expect(m.receive(fulls[6]!)).toBe('applied');
    expect(m.version).toBe(fulls[6]!.version);
  });

  it('ignores stale and malformed deltas; a patch for a room never seen whole needs a full view', () => {
    const { deltas, fulls } = publish(6);
    const m = new LiveModel();
    m.receive(fulls[3]!);
    expect(m.receive(deltas[1]!)).toBe('stale');
    expect(m.receive({ nope: true } as unknown as ViewDelta)).toBe('stale');
    const v = m.version!;
    expect(m.receive({ version: v + 1, full: false, publishedAt: 0, rooms: { ghost: { seq: 3 } } })).toBe('need-full');
    expect(m.views.ghost).toBeUndefined();
  });

  it('removed rooms disappear; takeTouched gives touched rooms new identities, others keep theirs', () => {
    const m = new LiveModel();
    const { fulls } = publish(3);
    const room = fulls[2]!.rooms[SESSION]!;
    m.receive({ version: 1, full: true, publishedAt: 0, rooms: { a: structuredClone(room), b: structuredClone(room) } });
    m.takeTouched();
    const a = m.views.a!;
    const b = m.views.b!;
    const figures = b.figures;
    m.receive({ version: 2, full: false, publishedAt: 0, rooms: { b: { seq: 99999 } } });
    const touched = m.takeTouched();
    expect(touched.rooms).toEqual(['b']);
    expect(m.views.a).toBe(a);
    expect(m.views.b).not.toBe(b);
    expect(m.views.b!.figures).toBe(figures);
    expect(m.views.b!.seq).toBe(99999);
    m.receive({ version: 3, full: false, publishedAt: 0, rooms: {}, removed: ['a'] });
    expect(Object.keys(m.views)).toEqual(['b']);
    expect(m.takeTouched().roomsChanged).toBe(true);
  });

  it('holds at most MAX_HELD deltas while waiting', () => {
    const m = new LiveModel();
    for (let v = 1; v <= MAX_HELD + 50; v++) m.receive({ version: v, full: false, publishedAt: 0, rooms: {} });
    expect(m.heldCount).toBe(MAX_HELD);
    // the full view is older than the oldest kept delta: the dropped ones make a gap
    expect(m.receive({ version: 10, full: true, publishedAt: 0, rooms: {} })).toBe('need-full');
  });

  it('estimates the engine clock from publishedAt', () => {
    const m = new LiveModel();
    m.receive({ version: 0, full: true, publishedAt: 10_000, rooms: {} }, 12_500);
    expect(m.clockSkew).toBe(-2_500);
  });
});

describe('pickRoom', () => {
  const { final } = publish(2);
  const room = final.rooms[SESSION] as never as import('../../shared/viewmodel/room').RoomView;
  const views = {
    s1: { ...room, info: { ...room.info, sessionId: 's1', roomId: 'r1', startedAt: 1, state: 'ended' as const } },
    s2: { ...room, info: { ...room.info, sessionId: 's2', roomId: 'r2', startedAt: 2, state: 'live' as const } },
    s3: { ...room, info: { ...room.info, sessionId: 's3', roomId: 'r1', startedAt: 3, state: 'live' as const } },
  };
  it('pinned: by key, else the newest session of the roomId; a missing pin shows nothing rather than another room', () => {
    expect(pickRoom(views, 's1', null)).toBe('s1');
    expect(pickRoom(views, 'r1', 's2')).toBe('s3');
    expect(pickRoom(views, 'nope', 's2')).toBeNull();
  });
  it('unpinned: the chosen room, else the oldest live one', () => {
    expect(pickRoom(views, null, 's1')).toBe('s1');
    expect(pickRoom(views, null, 'gone')).toBe('s2');
    expect(pickRoom({}, null, null)).toBeNull();
  });
});
