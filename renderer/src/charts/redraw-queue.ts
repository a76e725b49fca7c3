/**
 * Chart redraws, paced. An ECharts `setOption` costs a full update of the chart (axes, layout,
 * labels: several ms on a wall PC) however little data changed, and the view changes ten times
 * a second. So each chart redraws at most once per `minIntervalMs` (1–2 Hz is plenty for a
 * trend seen from across the room), and the charts of a screen take turns: at most one redraw
 * per animation frame, so five charts never pile up into one long frame.
 *
 * A chart asks with `request(id, redraw)`; asking again before its turn only replaces the
 * callback (the latest data wins). Nothing runs while nothing is asked.
 */

export interface RedrawQueueOptions {
  /** a chart redraws at most this often */
  minIntervalMs?: number;
  /** the wall clock in ms (performance.now) */
  now?: () => number;
  /** runs `fn` at the next frame (requestAnimationFrame) */
  nextFrame?: (fn: () => void) => void;
}

export interface RedrawQueue {
  request(id: object, redraw: () => void): void;
  /** forget a chart (unmounted) */
  drop(id: object): void;
  /** charts waiting for their turn */
  readonly pending: number;
}

export function createRedrawQueue(opts: RedrawQueueOptions = {}): RedrawQueue {
  const minInterval = opts.minIntervalMs ?? 1000;
  const now = opts.now ?? (() => performance.now());
  const nextFrame =
    opts.nextFrame ?? ((fn: () => void) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : setTimeout(fn, 16)));
  /** insertion order = waiting order: the longest-waiting chart goes first */
  const waiting = new Map<object, () => void>();
  const lastRun = new WeakMap<object, number>();
  let frameAsked = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const readyIn = (id: object, at: number): number => Math.max(0, (lastRun.get(id) ?? -Infinity) + minInterval - at);

  function pump(): void {
    frameAsked = false;
    const at = now();
    for (const [id, redraw] of waiting) {
      if (readyIn(id, at) > 0) continue;
      waiting.delete(id);
      lastRun.set(id, at);
      try {
        redraw();
      } finally {
        plan();
      }
      return;
    }
    plan();
  }

  /** the next turn: the next frame if a chart may redraw now, else when the first one may */
  function plan(): void {
    if (waiting.size === 0 || frameAsked || timer) return;
    const at = now();
    let soonest = Infinity;
    for (const id of waiting.keys()) soonest = Math.min(soonest, readyIn(id, at));
    if (soonest === 0) {
      frameAsked = true;
      nextFrame(pump);
    } else {
      timer = setTimeout(() => {
        timer = null;
        plan();
      }, soonest);
    }
  }

  return {
    request(id, redraw) {
      waiting.set(id, redraw);
      plan();
    },
    drop(id) {
      waiting.delete(id);
    },
    get pending() {
      return waiting.size;
    },
  };
}

/**
 * The queue of the screens' charts: each redraws at most every 2 s. One redraw is a whole ECharts
 * update (10–40 ms on a wall PC without GPU) and was the largest piece of script left in a frame
 * of the live screen at 1 s (bench:screen); the trends' points are 10-second or 1-minute buckets.
 */
export const chartRedraws = createRedrawQueue({ minIntervalMs: 2000 });
