/**
 * The impact definitions on hand-computed fixtures: time-weighted online, entries and paid GMV
 * per minute (orders by create time, paid before the window ended), click rate by distinct
 * users, windows clipped to the session, relative change, and the 起量/持平/回落 label.
 */
import { describe, expect, it } from 'vitest';
import { impactLabel, windowImpact, windowStats, type ImpactLog } from '../../../shared/actions/impact';

const T = 1_800_000_000_000; // the action
const MIN = 60_000;

const log: ImpactLog = {
  // 100 until T−3min, 200 until T+1min, then 400
  onlineBefore: 100,
  online: [[T - 3 * MIN, 200], [T + MIN, 400]],
  enters: [T - 4 * MIN, T - 30_000, T, T + 10_000, T + 2 * MIN, T + 5 * MIN],
  orders: [
    { createdAt: T - 4 * MIN, amount: 1000, paidAt: T - 4 * MIN + 5_000 },
    { createdAt: T - 10_000, amount: 5000, paidAt: T + 3_000 }, // created before, paid after t: not in the before window's GMV
    { createdAt: T + MIN, amount: 2000, paidAt: T + MIN + 1 },
    { createdAt: T + 2 * MIN, amount: 9999, paidAt: null }, // never paid
    { createdAt: T + 4 * MIN, amount: 3000, paidAt: T + 6 * MIN }, // paid after the 5-minute after-window ended
  ],
  exposures: [[T - 2 * MIN, 'a'], [T - MIN, 'b'], [T - MIN, 'a'], [T + MIN, 'a'], [T + MIN, 'c'], [T + 2 * MIN, 'd']],
  clicks: [[T - MIN, 'a'], [T - 50_000, 'a'], [T + 2 * MIN, 'c'], [T + 3 * MIN, 'd'], [T + 3 * MIN, 'c']],
};

describe('windowStats', () => {
  it('before [t−5, t): online 2 min at 100 and 3 at 200; 2 entries; 1000 paid; 1 of 2 exposed users clicked', () => {
    const s = windowStats(log, T - 5 * MIN, T);
    expect(s.online).toBeCloseTo((2 * 100 + 3 * 200) / 5, 10);
    expect(s.entriesPerMin).toBeCloseTo(2 / 5, 10);
    expect(s.gmvPerMin).toBeCloseTo(1000 / 5, 10);
    expect(s.clickRate).toBe(1 / 2);
  });
  it('after [t, t+5): online 1 min at 200 and 4 at 400; 3 entries (t included, t+5 not); 2000 paid; 2 of 3 clicked', () => {
    const s = windowStats(log, T, T + 5 * MIN);
    expect(s.online).toBeCloseTo((200 + 4 * 400) / 5, 10);
    expect(s.entriesPerMin).toBeCloseTo(3 / 5, 10);
    expect(s.gmvPerMin).toBeCloseTo(2000 / 5, 10);
    expect(s.clickRate).toBe(2 / 3);
  });
  it('an empty window has no figures; no exposure → no click rate', () => {
    expect(windowStats(log, T, T)).toEqual({ online: null, entriesPerMin: null, gmvPerMin: null, clickRate: null });
    expect(windowStats(log, T + 10 * MIN, T + 11 * MIN).clickRate).toBeNull();
    expect(windowStats(log, T + 10 * MIN, T + 11 * MIN).online).toBe(400);
  });
});

describe('windowImpact and the label', () => {
  it('compares before and after, relative change per figure', () => {
    const i = windowImpact(log, T, 5 * MIN, 0, Infinity);
    expect(i.change.gmvPerMin).toBeCloseTo(1, 10); // 200 → 400 per minute
    expect(i.change.online).toBeCloseTo((360 - 160) / 160, 10);
    expect(i.change.entriesPerMin).toBeCloseTo(0.5, 10);
    expect(i.change.clickRate).toBeCloseTo((2 / 3 - 0.5) / 0.5, 10);
    expect(impactLabel(i)).toBe('起量');
  });
  it('clips the windows to the session: started 2 minutes before t, ended 1 minute after', () => {
    const i = windowImpact(log, T, 5 * MIN, T - 2 * MIN, T + MIN);
    expect(i.before.online).toBeCloseTo(200, 10); // [t−2, t) all at 200
    expect(i.before.entriesPerMin).toBeCloseTo(1 / 2, 10);
    expect(i.after.entriesPerMin).toBeCloseTo(2, 10); // t and t+10 s in one minute
    expect(i.after.gmvPerMin).toBe(0); // the t+1min order is at the end, excluded
  });
  it('labels ±10 % of GMV per minute; nothing before: 起量 if anything after, else 持平; no change when before is 0', () => {
    const stats = (g: number | null) => ({ online: 1, entriesPerMin: 1, gmvPerMin: g, clickRate: null });
    const imp = (b: number | null, a: number | null) => ({ before: stats(b), after: stats(a), change: { online: 0, entriesPerMin: 0, gmvPerMin: null, clickRate: null } });
    expect(impactLabel(imp(100, 111))).toBe('起量');
    expect(impactLabel(imp(100, 110))).toBe('持平');
    expect(impactLabel(imp(100, 90))).toBe('持平');
    expect(impactLabel(imp(100, 89))).toBe('回落');
    expect(impactLabel(imp(0, 5))).toBe('起量');
    expect(impactLabel(imp(0, 0))).toBe('持平');
    expect(impactLabel(imp(null, 5))).toBeNull();
    expect(impactLabel(null)).toBeNull();
    expect(windowImpact({ ...log, orders: [] }, T, 5 * MIN, 0, Infinity).change.gmvPerMin).toBeNull();
  });
});
