/**
 * Ghost curves on hand-computed fixtures: a session's minute series → its curve (latest online,
 * entries, GMV and cumulative GMV per show minute, aligned by minutes since startedAt), the
 * median of sessions of different lengths, the value at a show minute and the gap in %.
 */
import { describe, expect, it } from 'vitest';
import { curveOf, ghostGap, ghostValue, medianCurve, showMinute, type SessionCurve } from '../../../shared/ghost/curves';
import { emptySeries } from '../../../shared/aggregate/series';

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const MIN = 60_000;

function series(rows: [minute: number, online: number, enters: number, gmv: number][], startedAt = T0) {
  const s = emptySeries();
  for (const [m, online, enters, gmv] of rows) {
    s.t.push(startedAt + m * MIN);
    s.online.push(online);
    s.enters.push(enters);
    s.gmv.push(gmv);
  }
  return s;
}
const curve = (id: string, online: number[], gmvCum: number[], enters = online.map(() => 0)): SessionCurve => ({
  sessionId: id, startedAt: T0, title: id, online, enters, gmv: gmvCum.map((v, i) => v - (gmvCum[i - 1] ?? 0)), gmvCum,
});

describe('curveOf', () => {
  it('indexes by minute since startedAt and sums GMV up to each minute', () => {
    const c = curveOf({ sessionId: 's1', startedAt: T0, title: 'A' }, series([[0, 10, 10, 0], [1, 40, 35, 9900], [2, 55, 20, 0], [3, 50, 8, 19800]]));
    expect(c.online).toEqual([10, 40, 55, 50]);
    expect(c.enters).toEqual([10, 35, 20, 8]);
    expect(c.gmv).toEqual([0, 9900, 0, 19800]);
    expect(c.gmvCum).toEqual([0, 9900, 9900, 29700]);
    expect(c.title).toBe('A');
  });

  it('fills a missing minute with the online carried over and nothing added', () => {
    const c = curveOf({ sessionId: 's1', startedAt: T0 }, series([[0, 10, 1, 100], [3, 30, 2, 50]]));
    expect(c.online).toEqual([10, 10, 10, 30]);
    expect(c.gmvCum).toEqual([100, 100, 100, 150]);
    expect(c.enters).toEqual([1, 0, 0, 2]);
  });
});

describe('medianCurve', () => {
  it('takes the median of the sessions that reach each minute', () => {
    const m = medianCurve([curve('a', [10, 20, 30], [0, 100, 300]), curve('b', [30, 40], [0, 50]), curve('c', [20, 90, 10, 5], [0, 200, 250, 400])])!;
    // minute 0: 10, 30, 20 → 20; minute 1: 20, 40, 90 → 40; minute 2: a and c only → (30+10)/2; minute 3: c only
    expect(m.online).toEqual([20, 40, 20, 5]);
    expect(m.gmvCum).toEqual([0, 100, 275, 400]);
    expect(m.sessionIds).toEqual(['a', 'b', 'c']);
    expect(medianCurve([])).toBeNull();
  });
});

describe('value at the show minute, gap in %', () => {
  const prev = curve('p', [100, 200, 250], [0, 1000, 4000]);
  it('reads the latest online and the cumulative GMV of that minute; null past the end or without a reference', () => {
    expect(showMinute(T0 + 2 * MIN + 59_999, T0)).toBe(2);
    expect(showMinute(T0 - 5, T0)).toBe(0);
    expect(ghostValue(prev, 'online', 1)).toBe(200);
    expect(ghostValue(prev, 'gmv', 2)).toBe(4000);
    expect(ghostValue(prev, 'online', 3)).toBeNull();
    expect(ghostValue(null, 'gmv', 0)).toBeNull();
  });
  it('gives the relative gap, null against 0', () => {
    expect(ghostGap(176, 200)).toBeCloseTo(-0.12, 10);
    expect(ghostGap(300, 250)).toBeCloseTo(0.2, 10);
    expect(ghostGap(5, 0)).toBeNull();
    expect(ghostGap(null, 10)).toBeNull();
  });
});
