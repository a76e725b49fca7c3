import { describe, expect, it } from 'vitest';
import { LiveView } from '../../../electron/engine/live-view';
import type { AcceptedEvent } from '../../../electron/engine/intake';
import { validateEvent } from '../../../shared/protocol/validate';
import { applyDelta, type ViewDelta } from '../../../shared/viewmodel/delta';
import type { RoomView } from '../../../shared/viewmodel/room';

const T0 = Date.UTC(2026, 4, 1, 12);
function ev(raw: Record<string, unknown>): AcceptedEvent {
  const v = validateEvent(raw);
  if (!v.ok) throw new Error(v.detail);
  return { event: v.event, known: v.known };
}
const start = (sessionId: string, roomId: string, seq = 1, at = T0) =>
  ev({ seq, ts: at, type: 'session.start', sessionId, roomId, title: 't', startedAt: at, host: { id: 'h', name: '主播', kind: 'self' }, shop: { id: 's', name: '店', category: 'c', tier: 't' } });

describe('LiveView', () => {
  it('publishes a new room whole, then only changed keys; deltas chain by version', () => {
    const deltas: ViewDelta[] = [];
    const view = new LiveView((d) => deltas.push(d), { now: () => T0 + 60_000 });
    expect(view.flush()).toBeNull();
    view.apply('s1', [start('s1', 'r1'), ev({ seq: 2, ts: T0 + 1000, type: 'online', count: 120 })]);
    view.flush();
    expect(deltas).toHaveLength(1);
    expect(deltas[0]!.rooms.s1!.info!.roomId).toBe('r1');
    expect(deltas[0]!.rooms.s1!.figures).toBeDefined();
    view.apply('s1', [ev({ seq: 3, ts: T0 + 2000, type: 'like', count: 5 })]);
    view.flush();
    const second = deltas[1]!;
    expect(second.version).toBe(deltas[0]!.version + 1);
    expect(Object.keys(second.rooms.s1!)).not.toContain('info');
    const views: Record<string, RoomView> = {};
    expect(applyDelta(views, deltas[0]!, 0)).toBe(true);
    expect(applyDelta(views, second, deltas[0]!.version)).toBe(true);
    const full = view.full();
    expect(full.full).toBe(true);
    expect(views.s1!.figures).toEqual(full.rooms.s1!.figures);
    expect(views.s1!.figures.likes).toBe(5);
  });

  it('retires an ended session when a newer session of the same room starts, and removes deleted ones', () => {
    const deltas: ViewDelta[] = [];
    const view = new LiveView((d) => deltas.push(d), { now: () => T0 + 3_600_000 });
    view.apply('old', [start('old', 'r1'), ev({ seq: 2, ts: T0 + 1000, type: 'session.end', endedAt: T0 + 1000 })]);
    view.apply('other', [start('other', 'r2')]);
    view.flush();
    view.apply('new', [start('new', 'r1', 1, T0 + 2000)]);
    view.flush();
    expect(deltas.at(-1)!.removed).toEqual(['old']);
    expect(Object.keys(view.full().rooms).sort()).toEqual(['new', 'other']);
    view.remove('other');
    view.flush();
    expect(deltas.at(-1)!.removed).toEqual(['other']);
    expect(view.size).toBe(1);
  });

  it('coalesces on its timer at ≤ 10 Hz however fast events arrive', async () => {
    const deltas: ViewDelta[] = [];
    const view = new LiveView((d) => deltas.push(d), { hz: 10 });
    view.start();
    view.apply('s', [start('s', 'r')]);
    const t0 = Date.now();
    let seq = 2;
    while (Date.now() - t0 < 1000) {
      view.apply('s', [ev({ seq: seq++, ts: T0 + seq, type: 'like', count: 1 })]);
      await new Promise((r) => setImmediate(r));
    }
    view.stop();
    expect(seq).toBeGreaterThan(200);
    expect(deltas.length).toBeGreaterThanOrEqual(5);
    expect(deltas.length).toBeLessThanOrEqual(11);
  });

  it('publishes a change at once when the rate allows, and catches every other batch of a 20 Hz source on arrival', async () => {
    const at: number[] = [];
    const view = new LiveView(() => at.push(performance.now()), { hz: 10 });
    view.start();
    const t0 = performance.now();
    view.apply('s', [start('s', 'r')]);
    await new Promise((r) => setTimeout(r, 30));
    // idle: the first change does not wait for a window
    expect(at).toHaveLength(1);
    expect(at[0]! - t0).toBeLessThan(25);

    // a steady source: one batch every 50 ms for 2 s; the delay from each batch to the delta carrying it
    const delays: number[] = [];
    let seq = 2;
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const applied = performance.now();
      const before = at.length;
      view.apply('s', [ev({ seq, ts: T0 + seq, type: 'like', count: 1 })]);
      seq++;
      void (async () => {
        while (at.length === before) await new Promise((r) => setTimeout(r, 1));
        delays.push(at[before]! - applied);
      })();
    }
    await new Promise((r) => setTimeout(r, 200));
    view.stop();
    const deltas = at.length - 1;
    expect(deltas).toBeLessThanOrEqual(Math.ceil((at.at(-1)! - at[1]!) / 100) + 2);
    expect(deltas).toBeGreaterThanOrEqual(15);
    // a fixed 100 ms timer catches about one batch in ten within 10 ms; this catches about one in two
    const prompt = delays.filter((d) => d <= 10).length;
    expect(prompt).toBeGreaterThanOrEqual(12);
    expect(Math.max(...delays)).toBeLessThan(200);
  });
});
