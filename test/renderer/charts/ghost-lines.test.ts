/** Ghost lines of the trend charts (renderer/src/charts/options/trend.ts ghostPoints) on hand-computed references. */
import { describe, expect, it } from 'vitest';
import type { SessionCurve } from '../../../shared/ghost/curves';
import { ghostPoints } from '../../../renderer/src/charts/options/trend';

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const MIN = 60_000;
const curve = (id: string, online: number[], gmvCum: number[], enters = online.map(() => 0)): SessionCurve => ({
  sessionId: id, startedAt: T0, title: id, online, enters, gmv: gmvCum.map((v, i) => v - (gmvCum[i - 1] ?? 0)), gmvCum,
});

describe('ghost lines on the live series’ times', () => {
  const ref = curve('p', [100, 200, 250], [600, 1800, 4200], [60, 120, 30]);
  it('recent range: online as it was, flows a sixth of the minute per 10-second bucket; null past its end', () => {
    const t = [T0 + 50_000, T0 + 60_000, T0 + 130_000, T0 + 190_000];
    expect(ghostPoints(t, ref, 'online', 'recent', T0)).toEqual([[t[0], 100], [t[1], 200], [t[2], 250], [t[3], null]]);
    expect(ghostPoints(t, ref, 'enters', 'recent', T0).map((p) => p[1])).toEqual([10, 20, 5, null]);
    expect(ghostPoints(t, ref, 'gmv', 'recent', T0).map((p) => p[1])).toEqual([1, 2, 4, null]); // fen/6 in 元: 600/6/100 …
  });
  it('cumulative range: entries and GMV summed up to the minute', () => {
    const t = [T0, T0 + MIN, T0 + 2 * MIN];
    expect(ghostPoints(t, ref, 'enters', 'cumulative', T0).map((p) => p[1])).toEqual([60, 180, 210]);
    expect(ghostPoints(t, ref, 'gmv', 'cumulative', T0).map((p) => p[1])).toEqual([6, 18, 42]);
  });
});
