/** The big-screen canvas: designed at 1920×1080, scaled to fit the window, aspect kept, centred. */
export const DESIGN_WIDTH = 1920;
export const DESIGN_HEIGHT = 1080;

export interface Fit {
  scale: number;
  x: number;
  y: number;
}

export function fitCanvas(width: number, height: number): Fit {
  if (!(width > 0) || !(height > 0)) return { scale: 1, x: 0, y: 0 };
  const scale = Math.min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT);
  return { scale, x: (width - DESIGN_WIDTH * scale) / 2, y: (height - DESIGN_HEIGHT * scale) / 2 };
}

/**
 * The pixel ratio a chart must render at inside the scaled canvas: its CSS pixels are magnified
 * by `scale` and then by the device, so drawing at less would be stretched (blurred). Rounded to
 * 1/100 so tiny resizes do not re-create every chart.
 */
export function chartPixelRatio(devicePixelRatio: number, scale: number): number {
  const dpr = devicePixelRatio > 0 ? devicePixelRatio : 1;
  return Math.max(0.5, Math.round(dpr * scale * 100) / 100);
}
