/**
 * Draws the live screen's channel chart on a 2D canvas: per channel two thin horizontal bars
 * (traffic share, GMV share, in %), channel names on the left (paid channels in the paid colour),
 * a % axis at the bottom, the legend at the top right — the look it had with ECharts (grid left 4,
 * right 36, top 28, labels contained; 8 px bars with round ends), without an ECharts update per
 * redraw.
 */
import type { ChannelBars } from '../options/channels';
import { C } from '../theme';
import { drawLegend, type PlotBox } from './legend';
import { niceStep } from './ticks';

export interface BarsGeometry extends PlotBox {
  /** categories, bottom to top (as `bars.names`) */
  count: number;
}

const GRID = { left: 4, right: 36, top: 28, bottom: 0 };
const LABEL_MARGIN = 8;
const BAR = 8;
const BAR_GAP = 2.4;

/** The % axis: 0 to the data's maximum rounded up to 10 (at least 10, at most 100), ≈ 5 splits. */
export function percentAxis(bars: ChannelBars): { max: number; ticks: number[] } {
  let hi = 0;
  for (const v of [...bars.traffic, ...bars.orders]) if (v !== null && v > hi) hi = v;
  const max = Math.min(100, Math.max(10, Math.ceil(hi / 10) * 10));
  const step = niceStep(max / 5);
  const ticks: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { max, ticks };
}

export function drawBars(ctx: CanvasRenderingContext2D, bars: ChannelBars, legend: { traffic: string; orders: string }, w: number, h: number): BarsGeometry | null {
  ctx.clearRect(0, 0, w, h);
  drawLegend(ctx, [{ name: legend.traffic, color: C.cyan }, { name: legend.orders, color: C.amber }], w, 'bar');
  const n = bars.names.length;
  let labelW = 0;
  bars.names.forEach((name, i) => {
    ctx.font = labelFont(bars.paid[i]);
    labelW = Math.max(labelW, ctx.measureText(name).width);
  });
  const g: BarsGeometry = { left: GRID.left + Math.ceil(labelW) + LABEL_MARGIN, right: w - GRID.right, top: GRID.top, bottom: h - GRID.bottom - 14 - LABEL_MARGIN, count: n };
  if (!(g.right > g.left) || !(g.bottom > g.top)) return null;
  const axis = percentAxis(bars);
  const x = (v: number) => g.left + (v / axis.max) * (g.right - g.left);

  ctx.lineWidth = 1;
  ctx.strokeStyle = C.grid;
  ctx.fillStyle = C.axis;
  ctx.font = '14px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.beginPath();
  for (const v of axis.ticks) {
    const at = Math.round(x(v)) + 0.5;
    // split lines; the one at 0 is the category axis line, same colour
    ctx.moveTo(at, g.top);
    ctx.lineTo(at, g.bottom);
    ctx.fillText(`${v}%`, at, g.bottom + LABEL_MARGIN);
  }
  ctx.stroke();
  if (n === 0) return g;

  const band = (g.bottom - g.top) / n;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < n; i++) {
    // the first category at the bottom, as ECharts draws a category y axis
    const mid = g.bottom - band * (i + 0.5);
    ctx.font = labelFont(bars.paid[i]);
    ctx.fillStyle = bars.paid[i] ? C.paid : C.text;
    ctx.fillText(bars.names[i]!, g.left - LABEL_MARGIN, mid);
    bar(ctx, x(0), x(bars.traffic[i] ?? 0), mid - BAR_GAP / 2 - BAR, C.cyan);
    bar(ctx, x(0), x(bars.orders[i] ?? 0), mid + BAR_GAP / 2, C.amber);
  }
  return g;
}

/** paid channels in bold (and the paid colour) */
const labelFont = (paid: boolean | undefined) => (paid ? 'bold 14px sans-serif' : '14px sans-serif');

function bar(ctx: CanvasRenderingContext2D, x0: number, x1: number, y: number, color: string): void {
  if (!(x1 - x0 > 0.5)) return;
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.roundRect(x0, y, x1 - x0, BAR, Math.min(BAR / 2, (x1 - x0) / 2));
  ctx.fill();
}
