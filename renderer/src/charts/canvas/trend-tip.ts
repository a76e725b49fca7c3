/** The pointer tooltip of a canvas trend: the values of every line at the time nearest the pointer. */
import type { PlotGeometry, TrendPlot } from './draw-trend';
import { tickLabel } from './ticks';

export interface TrendTip {
  /** the cursor line */
  x: number;
  top: number;
  height: number;
  /** the box's top-left corner */
  boxX: number;
  boxY: number;
  time: string;
  rows: { name: string; color: string; value: string }[];
}

const BOX_WIDTH = 170;

/** The tooltip for a pointer at (px, py) CSS px of a chart `width` wide; null outside the plot. */
export function pointAt(plot: TrendPlot, g: PlotGeometry, px: number, py: number, width: number): TrendTip | null {
  if (px < g.left || px > g.right || py < g.top || py > g.bottom) return null;
  const at = g.from + ((px - g.left) / (g.right - g.left)) * (g.to - g.from);
  const times = plot.lines.find((l) => l.data.length > 0)?.data;
  if (!times) return null;
  let best = times[0]![0];
  for (const [t] of times) if (Math.abs(t - at) < Math.abs(best - at)) best = t;
  const rows = plot.lines.map((l) => {
    const v = l.data.find(([t]) => t === best)?.[1];
    return { name: l.name, color: l.color, value: v === null || v === undefined ? '—' : tickLabel(Math.round(v * 100) / 100) };
  });
  const x = g.left + ((best - g.from) / (g.to - g.from || 1)) * (g.right - g.left);
  const d = new Date(best);
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    x,
    top: g.top,
    height: g.bottom - g.top,
    boxX: x + 12 + BOX_WIDTH > width ? Math.max(0, x - 12 - BOX_WIDTH) : x + 12,
    boxY: g.top,
    time: `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`,
    rows,
  };
}
