/**
 * One ECharts instance bound to an element, crisp inside the scaled canvas: it renders at
 * `devicePixelRatio × canvas scale` and is re-created when either changes (ECharts cannot change
 * the ratio of a live instance). The instance lives in a plain variable, never in reactive state
 * (a proxied instance breaks tooltips and resize). The caller gives `fullOption()`, used for the
 * first paint and after every re-creation; updates in between go through `refresh()` (paced, see
 * ./redraw-queue.ts: the way for data that changes with every delta) or `update()` (at once).
 */
import { init, type ECharts } from 'echarts/core';
import { inject, onBeforeUnmount, onMounted, watch, type Ref } from 'vue';
import type { EChartsCoreOption } from 'echarts/core';
import { chartPixelRatio } from '../frame/scale';
import { SCREEN_SCALE, UNSCALED } from '../frame/screen-scale';
import { chartRedraws, type RedrawQueue } from './redraw-queue';

export interface ChartHandle {
  /** merge a partial option (only what changed) into the chart, if it exists */
  update(option: EChartsCoreOption): void;
  /** rebuild from `fullOption()` (e.g. after the data shape changed) */
  reset(): void;
  /**
   * Merge `data()` (series data only, by series id) at the chart's next turn in the redraw
   * queue: at most every 2 s, no animation, no events. `data` is called then, so it sees
   * the latest view; it returns null when nothing changed.
   */
  refresh(data: () => EChartsCoreOption | null): void;
}

export function useChart(el: Ref<HTMLElement | null>, fullOption: () => EChartsCoreOption, queue: RedrawQueue = chartRedraws): ChartHandle {
  const scale = inject(SCREEN_SCALE, UNSCALED);
  let chart: ECharts | null = null;
  let ratio = 0;
  let dprQuery: MediaQueryList | null = null;
  // the element's own (design-pixel) size can change with layout; the canvas scale does not resize it
  const resizer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => chart?.resize()) : null;

  const create = () => {
    const node = el.value;
    if (!node) return;
    const next = chartPixelRatio(window.devicePixelRatio, scale.value);
    if (chart && next === ratio) return;
    chart?.dispose();
    ratio = next;
    chart = init(node, null, { renderer: 'canvas', devicePixelRatio: ratio });
    // zrender keeps its requestAnimationFrame loop running for 10 frames after every redraw
    // (5 charts × 1 redraw/s kept the page rendering ~40 frames a second with nothing to show);
    // the charts never animate (animation: false), so the loop may stop after the frame it drew
    chart.getZr().setSleepAfterStill(1);
    chart.setOption(fullOption(), { notMerge: true, lazyUpdate: false });
  };

  // a window dragged to a monitor with another pixel ratio: re-create
  const watchDpr = () => {
    dprQuery?.removeEventListener('change', onDpr);
    dprQuery = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    dprQuery.addEventListener('change', onDpr);
  };
  function onDpr() {
    create();
    watchDpr();
  }

  onMounted(() => {
    create();
    watchDpr();
    if (el.value) resizer?.observe(el.value);
  });
  const stop = watch(scale, () => create());
  const self = {};
  onBeforeUnmount(() => {
    queue.drop(self);
    stop();
    resizer?.disconnect();
    dprQuery?.removeEventListener('change', onDpr);
    chart?.dispose();
    chart = null;
  });

  return {
    update(option) {
      chart?.setOption(option, { lazyUpdate: true });
    },
    reset() {
      chart?.setOption(fullOption(), { notMerge: true });
    },
    refresh(data) {
      queue.request(self, () => {
        const option = chart ? data() : null;
        if (option) chart?.setOption(option, { notMerge: false, lazyUpdate: true, silent: true });
      });
    },
  };
}
