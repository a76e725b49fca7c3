/** The smoothed lines of the canvas trends: gaps break them, curves pass through every point and never overshoot. */
import { describe, expect, it } from 'vitest';
import { runs, traceSmooth, type Pt } from '../../../../renderer/src/charts/canvas/smooth-path';

function record(run: Pt[], smooth: number) {
  const calls: [string, ...number[]][] = [];
  traceSmooth(
    {
      moveTo: (x, y) => void calls.push(['M', x, y]),
      lineTo: (x, y) => void calls.push(['L', x, y]),
      bezierCurveTo: (a, b, c, d, x, y) => void calls.push(['C', a, b, c, d, x, y]),
    },
    run,
    smooth,
  );
  return calls;
}

describe('smooth path', () => {
  it('splits at nulls', () => {
    expect(runs([[0, 0], [1, 1], null, null, [3, 3], null])).toEqual([[[0, 0], [1, 1]], [[3, 3]]]);
    expect(runs([])).toEqual([]);
  });

  it('goes through every point, ends flat, and without smoothing is straight', () => {
    const run: Pt[] = [[0, 10], [10, 0], [20, 10], [30, 5]];
    const calls = record(run, 0.3);
    expect(calls[0]).toEqual(['M', 0, 10]);
    expect(calls.slice(1).map((c) => c.slice(-2))).toEqual([[10, 0], [20, 10], [30, 5]]);
    // first control point is the first point itself (no tangent at an end)
    expect(calls[1]!.slice(1, 3)).toEqual([0, 10]);
    for (const c of record(run, 0).slice(1)) expect([c[1], c[2]]).not.toEqual([c[3], c[4]] as never);
  });

  it('keeps control points inside the points’ vertical range (no dip below a zero line)', () => {
    // y grows downwards on a canvas: 100 is the zero line
    const run: Pt[] = [[0, 100], [10, 100], [20, 40], [30, 100], [40, 100]];
    for (const c of record(run, 0.3).slice(1)) {
      expect(c[2]).toBeLessThanOrEqual(100);
      expect(c[4]).toBeLessThanOrEqual(100);
      expect(c[2]).toBeGreaterThanOrEqual(40);
    }
  });
});
