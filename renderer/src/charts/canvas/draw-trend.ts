/**
 * Draws a small trend chart on a 2D canvas: a few lines on a time axis (a left and optionally a
 * right value axis), the first line with a light area, a legend at the top right, explanation
 * intervals as shaded areas with a label, alerts as dashed vertical lines. It reproduces the
 * look the screens had with ECharts (same grid, fonts, colours, smoothing) for a fraction of the
 * cost: one ECharts update re-runs its whole pipeline (10–40 ms on a wall PC without GPU, the
 * largest script in a frame with four screens open); this is one pass over the points (< 1 ms).
 */
import { C } from '../theme';
import { drawLegend, hline, type PlotBox } from './legend';
import { runs, traceSmooth, type Pt } from './smooth-path';
import { tickLabel, timeTicks, valueAxis, type ValueAxis } from './ticks';

export interface PlotLine {
  id: string;
  name: string;
  color: string;
  /** [time ms, value]; null = a gap */
  data: readonly (readonly [number, number | null])[];
  /** on the right value axis */
  right?: boolean;
  /** line width in CSS px */
  width: number;
  /** fill under the line (the first line of a chart) */
  area?: boolean;
  /** an earlier session's line (ghost curve): faint, dashed (previous) or dotted (median), not in the legend */
  ghost?: 'previous' | 'median';
}

export interface TrendPlot {
  lines: readonly PlotLine[];
  /** shaded intervals (explanations), labelled */
  areas?: readonly { from: number; to: number; label: string }[];
  /** dashed vertical lines (alerts) */
  alerts?: readonly number[];
  /** draw the right value axis (labels) */
  rightAxis: boolean;
  /** integer ticks (counts) on each axis */
  leftInteger?: boolean;
  rightInteger?: boolean;
}

/** The plot box and the time span it shows. */
export interface PlotGeometry extends PlotBox {
  from: number;
  to: number;
}

/** The ECharts grid of these charts: left 8, right 8, top 34, bottom 4, labels contained. */
const GRID = { left: 8, right: 8, top: 34, bottom: 4 };
const LABEL_MARGIN = 8;
const AXIS_FONT = '14px sans-serif';
const MARK_FONT = '12px sans-serif';
const SMOOTH = 0.3;

function extent(lines: readonly PlotLine[], right: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of lines) {
    if (!!l.right !== right) continue;
    for (const [, v] of l.data) {
      if (v === null || !Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return [lo, hi];
}

function timeExtent(lines: readonly PlotLine[]): [number, number] {
  let from = Infinity;
  let to = -Infinity;
  for (const l of lines) {
    if (l.data.length === 0) continue;
    from = Math.min(from, l.data[0]![0]);
    to = Math.max(to, l.data[l.data.length - 1]![0]);
  }
  return [from, to];
}

function widest(ctx: CanvasRenderingContext2D, labels: string[]): number {
  let w = 0;
  for (const s of labels) w = Math.max(w, ctx.measureText(s).width);
  return Math.ceil(w);
}

/** Draws `plot` on `ctx` (already scaled to CSS px), `w` × `h` CSS px; returns the plot area. */
export function drawTrend(ctx: CanvasRenderingContext2D, plot: TrendPlot, w: number, h: number): PlotGeometry | null {
  ctx.clearRect(0, 0, w, h);
  drawLegend(ctx, plot.lines.filter((l) => !l.ghost), w);
  const [from, to] = timeExtent(plot.lines);
  if (!(to > from)) return null;

  const leftAxis = valueAxis(...extent(plot.lines, false), { minInterval: plot.leftInteger ? 1 : undefined });
  const rightAxis = valueAxis(...extent(plot.lines, true), { minInterval: plot.rightInteger ? 1 : undefined });
  const leftLabels = leftAxis.ticks.map(tickLabel);
  const rightLabels = plot.rightAxis ? rightAxis.ticks.map(tickLabel) : [];
  ctx.font = AXIS_FONT;
  const g: PlotGeometry = {
    left: GRID.left + widest(ctx, leftLabels) + LABEL_MARGIN,
    right: w - GRID.right - (plot.rightAxis ? widest(ctx, rightLabels) + LABEL_MARGIN : 0),
    top: GRID.top,
    bottom: h - GRID.bottom - 14 - LABEL_MARGIN,
    from,
    to,
  };
  if (!(g.right > g.left) || !(g.bottom > g.top)) return null;
  const x = (t: number) => g.left + ((t - from) / (to - from)) * (g.right - g.left);
  const yOf = (a: ValueAxis) => (v: number) => g.bottom - ((v - a.min) / (a.max - a.min || 1)) * (g.bottom - g.top);
  const yl = yOf(leftAxis);
  const yr = yOf(rightAxis);

  // split lines and labels of the value axes
  ctx.lineWidth = 1;
  ctx.strokeStyle = C.grid;
  ctx.fillStyle = C.axis;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  leftAxis.ticks.forEach((v, i) => {
    const y = Math.round(yl(v)) + 0.5;
    if (i > 0) hline(ctx, g.left, g.right, y);
    ctx.fillText(leftLabels[i]!, g.left - LABEL_MARGIN, y);
  });
  ctx.textAlign = 'left';
  rightAxis.ticks.forEach((v, i) => {
    if (plot.rightAxis) ctx.fillText(rightLabels[i]!, g.right + LABEL_MARGIN, Math.round(yr(v)) + 0.5);
  });
  // time axis: its line and labels
  hline(ctx, g.left, g.right, Math.round(g.bottom) + 0.5);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const tick of timeTicks(from, to)) ctx.fillText(tick.label, x(tick.at), g.bottom + LABEL_MARGIN);

  drawAreas(ctx, plot.areas ?? [], g, x);
  // lines, the first (with its area) at the bottom
  ctx.lineJoin = 'round';
  for (const line of plot.lines) {
    const y = line.right ? yr : yl;
    const pts = runs(line.data.map(([t, v]) => (v === null || !Number.isFinite(v) ? null : ([x(t), y(v)] as Pt))));
    if (line.area) {
      const base = y(Math.max(0, (line.right ? rightAxis : leftAxis).min));
      ctx.globalAlpha = 0.12;
      ctx.fillStyle = line.color;
      for (const run of pts) {
        ctx.beginPath();
        ctx.moveTo(run[0]![0], base);
        traceSmooth(ctx, run, SMOOTH, 'line');
        ctx.lineTo(run[run.length - 1]![0], base);
        ctx.closePath();
        ctx.fill();
      }
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = line.color;
    ctx.lineWidth = line.width;
    if (line.ghost) {
      ctx.globalAlpha = 0.45;
      ctx.setLineDash(line.ghost === 'previous' ? [7, 5] : [2, 4]);
    }
    ctx.beginPath();
    for (const run of pts) traceSmooth(ctx, run, SMOOTH);
    ctx.stroke();
    ctx.globalAlpha = 1;
    ctx.setLineDash([]);
  }
  drawAlerts(ctx, plot.alerts ?? [], g, x);
  return g;
}

function drawAreas(ctx: CanvasRenderingContext2D, areas: readonly { from: number; to: number; label: string }[], g: PlotGeometry, x: (t: number) => number): void {
  if (areas.length === 0) return;
  ctx.font = MARK_FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.lineWidth = 1;
  for (const a of areas) {
    const x0 = Math.max(g.left, x(a.from));
    const x1 = Math.min(g.right, x(a.to));
    if (!(x1 > x0)) continue;
    ctx.fillStyle = 'rgba(251, 191, 36, 0.10)';
    ctx.fillRect(x0, g.top, x1 - x0, g.bottom - g.top);
    ctx.strokeStyle = 'rgba(251, 191, 36, 0.5)';
    ctx.strokeRect(x0 + 0.5, g.top + 0.5, x1 - x0 - 1, g.bottom - g.top - 1);
    ctx.fillStyle = C.amber;
    ctx.fillText(a.label, (x0 + x1) / 2, g.top + 5);
  }
}

function drawAlerts(ctx: CanvasRenderingContext2D, alerts: readonly number[], g: PlotGeometry, x: (t: number) => number): void {
  if (alerts.length === 0) return;
  ctx.strokeStyle = C.red;
  ctx.lineWidth = 2;
  ctx.setLineDash([8, 6]);
  ctx.beginPath();
  for (const t of alerts) {
    const at = x(t);
    if (at < g.left || at > g.right) continue;
    ctx.moveTo(at, g.top);
    ctx.lineTo(at, g.bottom);
  }
  ctx.stroke();
  ctx.setLineDash([]);
}
