/** Axis ticks of the canvas trends: the steps ECharts chose for the same data. */
import { describe, expect, it } from 'vitest';
import { niceStep, tickLabel, timeTicks, valueAxis } from '../../../../renderer/src/charts/canvas/ticks';

describe('value axes', () => {
  it('steps are 1, 2, 3, 5 or 10 × 10ⁿ', () => {
    expect([0.8, 1.2, 1.6, 2.6, 4.5, 8, 240, 0.26].map(niceStep)).toEqual([1, 1, 2, 3, 5, 10, 200, 0.3]);
    expect(niceStep(0)).toBe(1);
    expect(niceStep(Number.NaN)).toBe(1);
  });

  it('starts at 0, ends on a tick above the data, about five splits', () => {
    expect(valueAxis(12, 1180)).toEqual({ min: 0, max: 1200, ticks: [0, 200, 400, 600, 800, 1000, 1200] });
    expect(valueAxis(0, 2.1).ticks).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
  });

  it('counts keep integer ticks; no data or all zeros still gives an axis', () => {
    expect(valueAxis(0, 3, { minInterval: 1 }).ticks).toEqual([0, 1, 2, 3]);
    expect(valueAxis(Infinity, -Infinity, { minInterval: 1 }).ticks).toEqual([0, 1, 2, 3, 4, 5]);
    expect(valueAxis(0, 0).max).toBeGreaterThan(0);
  });

  it('labels group thousands and keep decimals', () => {
    expect([0, 1500, 1234567, 0.5, 2.5, -1200].map(tickLabel)).toEqual(['0', '1,500', '1,234,567', '0.5', '2.5', '-1,200']);
  });
});

describe('time axes', () => {
  // a local midnight, so the labels do not depend on the time zone the test runs in
  const T = new Date(2026, 10, 25, 6, 49, 50).getTime();
  const MIN = 60_000;

  it('five minutes: a label each whole minute', () => {
    const ticks = timeTicks(T, T + 5 * MIN);
    expect(ticks.map((t) => t.label)).toEqual(['06:50', '06:51', '06:52', '06:53', '06:54']);
    expect(ticks[0]!.at).toBe(T + 10_000);
  });

  it('a 13-minute show: every 2 minutes; a minute: with seconds', () => {
    expect(timeTicks(T, T + 13 * MIN).map((t) => t.label)).toEqual(['06:50', '06:52', '06:54', '06:56', '06:58', '07:00', '07:02']);
    expect(timeTicks(T, T + MIN).map((t) => t.label)).toEqual(['06:49:50', '06:50:00', '06:50:10', '06:50:20', '06:50:30', '06:50:40', '06:50:50']);
  });

  it('an empty or reversed span has no ticks', () => {
    expect(timeTicks(T, T)).toEqual([]);
    expect(timeTicks(T, T - MIN)).toEqual([]);
  });
});
