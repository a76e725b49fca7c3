/**
 * A smoothed polyline as Bézier segments, with the control points ECharts' `smooth: 0.3` uses
 * (each point's tangent parallel to its neighbours' chord, split by the neighbouring segment
 * lengths, control points kept inside the run's bounding box so a curve never overshoots below
 * zero), so a canvas line bends as the ECharts line did. Null values break the line.
 */

export type Pt = readonly [x: number, y: number];

/** Runs of consecutive points without a gap. */
export function runs(points: readonly (Pt | null)[]): Pt[][] {
  const out: Pt[][] = [];
  let cur: Pt[] = [];
  for (const p of points) {
    if (p) cur.push(p);
    else if (cur.length) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Adds one run to the current path of `ctx` (moveTo, then bezierCurveTo per segment). */
export function traceSmooth(ctx: Pick<CanvasRenderingContext2D, 'moveTo' | 'lineTo' | 'bezierCurveTo'>, run: readonly Pt[], smooth: number, first: 'move' | 'line' = 'move'): void {
  const n = run.length;
  if (n === 0) return;
  const [x0, y0] = run[0]!;
  if (first === 'move') ctx.moveTo(x0, y0);
  else ctx.lineTo(x0, y0);
  if (n === 1) return;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of run) {
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const clampY = (y: number) => Math.min(maxY, Math.max(minY, y));
  // outgoing (a) and incoming (b) control point of each point
  const ax = new Float64Array(n), ay = new Float64Array(n), bx = new Float64Array(n), by = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [x, y] = run[i]!;
    if (i === 0 || i === n - 1 || smooth <= 0) {
      ax[i] = bx[i] = x;
      ay[i] = by[i] = y;
      continue;
    }
    const [px, py] = run[i - 1]!;
    const [nx, ny] = run[i + 1]!;
    const d0 = Math.hypot(x - px, y - py);
    const d1 = Math.hypot(nx - x, ny - y);
    const r = d0 + d1 > 0 ? d1 / (d0 + d1) : 0.5;
    const vx = (nx - px) * smooth;
    const vy = (ny - py) * smooth;
    ax[i] = x + vx * r;
    ay[i] = clampY(y + vy * r);
    bx[i] = x - vx * (1 - r);
    by[i] = clampY(y - vy * (1 - r));
  }
  for (let i = 1; i < n; i++) ctx.bezierCurveTo(ax[i - 1]!, ay[i - 1]!, bx[i]!, by[i]!, run[i]![0], run[i]![1]);
}
