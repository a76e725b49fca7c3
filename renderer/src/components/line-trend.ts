/** The plot of LineTrend.vue: a few named lines on a time axis, the last one optionally on a right axis. */
import type { TrendPlot } from '../charts/canvas/draw-trend';

export interface TrendLine {
  id: string;
  name: string;
  color: string;
  /** [bucket start ms, value]; null = a gap ("—", e.g. ROI of a minute without spend) */
  data: [number, number | null][];
  right?: boolean;
  /** rate/ROI lines: no integer ticks */
  fractional?: boolean;
}

/** The first line is drawn thicker, with a light area under it; counts on the right axis get integer ticks. */
export function linePlot(lines: readonly TrendLine[]): TrendPlot {
  const right = lines.find((l) => l.right);
  return {
    lines: lines.map((l, i) => ({ id: l.id, name: l.name, color: l.color, data: l.data, right: l.right, width: i === 0 ? 3 : 2, area: i === 0 })),
    rightAxis: !!right,
    rightInteger: !!right && !right.fractional,
  };
}
