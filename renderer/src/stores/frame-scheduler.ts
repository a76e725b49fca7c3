import type { ScreenId } from '../../../shared/api/contract';

/** one frame at 60 Hz */
const FRAME_MS = 1000 / 60;

/**
 * Run `fn` at most once per animation frame, however often `schedule()` is called; with
 * `delayFrames: n`, in the first frame after n frames' time (see `screenFrameOffset`). The wait
 * is a timer, not a chain of animation frames: a requested frame is rendered even when nothing
 * changed, and three empty frames per delta on four screens cost more than they spread.
 */
export function frameScheduler(fn: () => void, opts: { delayFrames?: number } = {}): { schedule(): void; cancel(): void } {
  const delayMs = Math.max(0, Math.floor(opts.delayFrames ?? 0)) * FRAME_MS;
  const hasRaf = typeof requestAnimationFrame === 'function';
  let pending = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let raf: number | null = null;
  const run = () => {
    pending = false;
    raf = null;
    fn();
  };
  const nextFrame = () => {
    timer = null;
    if (hasRaf) raf = requestAnimationFrame(run);
    else timer = setTimeout(run, 16);
  };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      if (delayMs > 0) timer = setTimeout(nextFrame, delayMs);
      else nextFrame();
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      if (raf !== null) cancelAnimationFrame(raf);
      timer = null;
      raf = null;
      pending = false;
    },
  };
}

/**
 * Screens that share one computer take a view delta in different frames: the delta reaches every
 * window at the same moment, and four renderers (plus the compositor) waking in the same frame on
 * a small machine each wait for a core. The live screen takes it at once, the others one frame
 * after the other (≤ 50 ms later, well inside the 150 ms a figure may take to reach a screen).
 */
export function screenFrameOffset(hash: string): number {
  const route = /^#\/(\w+)/.exec(hash)?.[1] ?? '';
  return Object.hasOwn(FRAME_OFFSET, route) ? FRAME_OFFSET[route as ScreenId]! : 0;
}

/** traffic and the overview first among the others: they show live figures held to the same 150 ms */
const FRAME_OFFSET: Partial<Record<ScreenId, number>> = { traffic: 1, overview: 1, product: 2, ad: 3 };
