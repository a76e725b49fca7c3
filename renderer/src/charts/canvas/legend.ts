/** Pieces shared by the canvas charts: the plot box, ECharts' legend and a crisp horizontal rule. */
import { C } from '../theme';

/** Where a chart's plot area ended up (CSS px inside the canvas), for the pointer (tooltip). */
export interface PlotBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const LEGEND_FONT = '13px sans-serif';

export function hline(ctx: CanvasRenderingContext2D, x0: number, x1: number, y: number): void {
  ctx.beginPath();
  ctx.moveTo(x0, y);
  ctx.lineTo(x1, y);
  ctx.stroke();
}

/**
 * ECharts' legend at top 0, right 0: per item an icon — a line with a hollow circle for line
 * series, a rounded block for bars — then the name.
 */
export function drawLegend(ctx: CanvasRenderingContext2D, items: readonly { name: string; color: string }[], w: number, icon: 'line' | 'bar' = 'line'): void {
  const ICON = 14;
  const GAP = 5;
  const ITEM_GAP = 10;
  const PAD = 5;
  ctx.font = LEGEND_FONT;
  const widths = items.map((l) => ctx.measureText(l.name).width);
  let at = w - PAD - widths.reduce((s, tw) => s + ICON + GAP + tw, 0) - ITEM_GAP * Math.max(0, items.length - 1);
  const y = PAD + 7;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  items.forEach((l, i) => {
    if (icon === 'bar') {
      ctx.fillStyle = l.color;
      ctx.beginPath();
      ctx.roundRect(at, y - 4, ICON, 8, 3);
      ctx.fill();
    } else {
      ctx.strokeStyle = l.color;
      ctx.lineWidth = 2;
      hline(ctx, at, at + ICON, y);
      ctx.beginPath();
      ctx.arc(at + ICON / 2, y, 3, 0, Math.PI * 2);
      ctx.fillStyle = C.panel;
      ctx.fill();
      ctx.stroke();
    }
    ctx.fillStyle = C.textDim;
    ctx.fillText(l.name, at + ICON + GAP, y);
    at += ICON + GAP + widths[i]! + ITEM_GAP;
  });
}
