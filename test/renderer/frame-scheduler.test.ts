import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameScheduler, screenFrameOffset } from '../../renderer/src/stores/frame-scheduler';

// No requestAnimationFrame under Node: the scheduler falls back to 16 ms timers, one per "frame".
describe('frameScheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once in the next frame however often it is scheduled', () => {
    const fn = vi.fn();
    const f = frameScheduler(fn);
    f.schedule();
    f.schedule();
    f.schedule();
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(16);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(1);
    f.schedule();
    vi.advanceTimersByTime(16);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('with delayFrames runs in the frame after that many frames\' time, still once', () => {
    const fn = vi.fn();
    const f = frameScheduler(fn, { delayFrames: 2 });
    f.schedule();
    vi.advanceTimersByTime(33); // two frames at 60 Hz are 33.3 ms
    f.schedule(); // a delta arriving while it waits rides on the same run
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(17); // then the next frame
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(16 * 5);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('cancel drops a waiting run, also mid-delay', () => {
    const fn = vi.fn();
    const f = frameScheduler(fn, { delayFrames: 3 });
    f.schedule();
    vi.advanceTimersByTime(16 * 2);
    f.cancel();
    vi.advanceTimersByTime(16 * 10);
    expect(fn).not.toHaveBeenCalled();
    f.schedule();
    vi.advanceTimersByTime(50 + 16);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('screenFrameOffset', () => {
  it('gives each big screen its own frame, live first, anything else none', () => {
    expect(screenFrameOffset('#/live?room=r1')).toBe(0);
    expect(screenFrameOffset('#/traffic')).toBe(1);
    expect(screenFrameOffset('#/product?room=r1')).toBe(2);
    expect(screenFrameOffset('#/ad')).toBe(3);
    expect(screenFrameOffset('#/console')).toBe(0);
    expect(screenFrameOffset('')).toBe(0);
    expect(screenFrameOffset('#/constructor')).toBe(0); // not an inherited property of the table
  });
});
