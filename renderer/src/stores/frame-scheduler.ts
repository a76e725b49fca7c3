/** Run `fn` at most once per animation frame, however often `schedule()` is called. */
export function frameScheduler(fn: () => void): { schedule(): void; cancel(): void } {
  let pending = false;
  let handle: number | ReturnType<typeof setTimeout> | null = null;
  const hasRaf = typeof requestAnimationFrame === 'function';
  const run = () => {
    pending = false;
    handle = null;
    fn();
  };
  return {
    schedule() {
      if (pending) return;
      pending = true;
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
