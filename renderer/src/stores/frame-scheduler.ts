/**
 * Run `fn` at most once per animation frame, however often `schedule()` is called; with
 * `delayFrames: n`, n frames later than the next one (see `screenFrameOffset`).
 */
export function frameScheduler(fn: () => void, opts: { delayFrames?: number } = {}): { schedule(): void; cancel(): void } {
  const delay = Math.max(0, Math.floor(opts.delayFrames ?? 0));
  let pending = false;
  let handle: number | ReturnType<typeof setTimeout> | null = null;
  const hasRaf = typeof requestAnimationFrame === 'function';
  let wait = 0;
  const run = () => {
    if (wait > 0) {
      wait--;
      handle = hasRaf ? requestAnimationFrame(run) : setTimeout(run, 16);
      return;
    }
    pending = false;
    handle = null;
    fn();
  };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      wait = delay;
      handle = hasRaf ? requestAnimationFrame(run) : setTimeout(run, 16);
    },
    cancel() {
      if (handle !== null) {
        if (hasRaf) cancelAnimationFrame(handle as number);
        else clearTimeout(handle as ReturnType<typeof setTimeout>);
      }
      pending = false;
      handle = null;
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
  const route = /^#\/(\w+)/.exec(hash)?.[1];
  return route === 'traffic' ? 1 : route === 'product' ? 2 : route === 'ad' ? 3 : 0;
}
