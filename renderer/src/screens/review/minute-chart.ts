/**
 * Pure geometry of the review's minute chart. The chart is laid out in percentages of its
 * width (minute m spans [m/n, (m+1)/n) of it), so the bands, markers and the pointer agree at
 * any width without measuring; the series are SVG paths in a viewBox of n × 100 units stretched
 * to the box (strokes keep their width: vector-effect non-scaling-stroke).
 */

export const clamp01 = (f: number): number => (f < 0 ? 0 : f > 1 ? 1 : f);

/** Where show time `ms` (since the start) sits across a chart of `n` minutes, in percent. */
export function percentAt(ms: number, n: number): number {
  return n > 0 ? clamp01(ms / 60_000 / n) * 100 : 0;
}

/** The minute under a pointer `x` px into a chart `width` px wide of `n` minutes (0 … n − 1). */
export function minuteAtX(x: number, width: number, n: number): number {
  if (n <= 0 || width <= 0) return 0;
  return Math.min(n - 1, Math.max(0, Math.floor((x / width) * n)));
}

/** A stretch [start, end) of epoch ms as left / width percentages of the chart. */
export function spanBox(span: { start: number; end: number }, startedAt: number, n: number): { left: number; width: number } {
  const left = percentAt(span.start - startedAt, n);
  const right = percentAt(span.end - startedAt, n);
  return { left, width: Math.max(0, right - left) };
}

/** A round top for an axis: 1, 2 or 5 × 10^k at or above `v` (1 for nothing to show). */
export function niceMax(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const s of [1, 2, 5, 10]) if (s * p >= v) return s * p;
  return 10 * p;
}

/** The line through each minute's middle, in the n × 100 viewBox (y down), scaled to `max`. */
export function linePath(values: readonly number[], max: number): string {
  if (values.length === 0) return '';
  const y = (v: number) => 100 - (clamp01(v / max) * 100);
  return values.map((v, m) => `${m === 0 ? 'M' : 'L'}${m + 0.5} ${y(v).toFixed(2)}`).join(' ');
}

/** One bar per minute (80 % of its width), in the n × 100 viewBox, scaled to `max`. */
export function barsPath(values: readonly number[], max: number): string {
  const out: string[] = [];
  values.forEach((v, m) => {
    const h = clamp01(v / max) * 100;
    if (h > 0) out.push(`M${m + 0.1} 100 V${(100 - h).toFixed(2)} H${m + 0.9} V100 Z`);
  });
  return out.join(' ');
}

/** About `target` minute ticks on a round step (1, 2, 5, 10, 15, 30, 60 … minutes). */
export function minuteTicks(n: number, target = 10): number[] {
  if (n <= 0) return [];
  const step = [1, 2, 5, 10, 15, 30, 60, 120, 240].find((s) => n / s <= target) ?? 480;
  const ticks: number[] = [];
  for (let m = 0; m <= n; m += step) ticks.push(m);
  return ticks;
}
