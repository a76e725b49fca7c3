/** The channel chart's % axis: rounded up to 10 (10 at least, 100 at most), about five splits, "—" shares ignored. */
import { describe, expect, it } from 'vitest';
import { percentAxis } from '../../../../renderer/src/charts/canvas/draw-bars';

const bars = (traffic: (number | null)[], orders: (number | null)[]) => ({ names: traffic.map((_, i) => `c${i}`), paid: traffic.map(() => false), traffic, orders });

describe('channel chart axis', () => {
  it('ends on the next 10 above the largest share, in nice steps', () => {
    expect(percentAxis(bars([24.1, 5], [12, 30]))).toEqual({ max: 30, ticks: [0, 5, 10, 15, 20, 25, 30] });
    expect(percentAxis(bars([71.5], [null]))).toEqual({ max: 80, ticks: [0, 20, 40, 60, 80] });
  });

  it('at least 10 % wide (an empty room), never past 100 %', () => {
    expect(percentAxis(bars([], [])).max).toBe(10);
    expect(percentAxis(bars([null], [null])).ticks).toEqual([0, 2, 4, 6, 8, 10]);
    expect(percentAxis(bars([100], [100])).max).toBe(100);
  });
});
