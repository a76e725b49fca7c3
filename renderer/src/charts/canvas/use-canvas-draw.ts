/**
 * A <canvas> drawn by a function, crisp inside the scaled screen: backing pixels = CSS size ×
 * devicePixelRatio × canvas scale (frame/scale.ts `chartPixelRatio`), the CSS size taken from a
 * ResizeObserver (reading it from the element would force a layout). Redrawn at once when the
 * size or ratio changes, and at the chart's turn in the shared redraw queue (charts/redraw-queue.ts)
 * when `requestDraw()` is called for new data.
 */
import { inject, onBeforeUnmount, onMounted, watch, type Ref } from 'vue';
import { chartPixelRatio } from '../../frame/scale';
import { SCREEN_SCALE, UNSCALED } from '../../frame/screen-scale';
import { chartRedraws } from '../redraw-queue';

export interface CanvasDraw {
  /** draw with the latest data at this chart's next turn (at most every 2 s) */
  requestDraw(): void;
  /** the canvas's CSS size (px), as last observed */
  readonly size: { width: number; height: number };
}

export function useCanvasDraw(box: Ref<HTMLElement | null>, canvas: Ref<HTMLCanvasElement | null>, draw: (ctx: CanvasRenderingContext2D, width: number, height: number) => void): CanvasDraw {
  const scale = inject(SCREEN_SCALE, UNSCALED);
  const size = { width: 0, height: 0 };
  let ratio = 0;

  function paint(): void {
    const c = canvas.value;
    const ctx = c?.getContext('2d');
    const { width, height } = size;
    if (!c || !ctx || !(width > 0) || !(height > 0)) return;
    ratio = chartPixelRatio(window.devicePixelRatio, scale.value);
    const bw = Math.round(width * ratio);
    const bh = Math.round(height * ratio);
    // resizing the backing store clears it and costs an allocation: only when it changed
    if (c.width !== bw || c.height !== bh) {
      c.width = bw;
      c.height = bh;
    }
    ctx.setTransform(bw / width, 0, 0, bh / height, 0, 0);
    draw(ctx, width, height);
  }

  const resizer = typeof ResizeObserver === 'function'
    ? new ResizeObserver((entries) => {
        const rect = entries[entries.length - 1]!.contentRect;
        if (rect.width === size.width && rect.height === size.height) return;
        size.width = rect.width;
        size.height = rect.height;
        paint();
      })
    : null;
  const self = {};
  onMounted(() => {
    if (box.value) resizer?.observe(box.value);
  });
  // a new canvas scale (window resized, moved to another monitor): sharp again at once
  const stop = watch(scale, () => {
    if (chartPixelRatio(window.devicePixelRatio, scale.value) !== ratio) paint();
  });
  onBeforeUnmount(() => {
    chartRedraws.drop(self);
    resizer?.disconnect();
    stop();
  });
  return {
    requestDraw: () => chartRedraws.request(self, paint),
    size,
  };
}
