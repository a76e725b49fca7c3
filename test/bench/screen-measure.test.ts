/**
 * The screen benchmark's arithmetic: event → screen matching (./bench/screen-latency.ts) and
 * script time per frame from a trace (./bench/screen-trace.ts), on hand-made logs and traces
 * whose answers are known.
 */
import { describe, expect, it } from 'vitest';
import { eventToScreen, percentile } from '../../bench/screen-latency';
import { frameScript } from '../../bench/screen-trace';

describe('eventToScreen', () => {
  it('times each PV value from its batch emit to the first showing that includes it', () => {
    // PV 1–3 left at t=1000, PV 4–5 at t=1050; the page showed 2 at 1080, 5 at 1200
    const batches: [number, number, number][] = [[1000, 0, 3], [1050, 3, 5]];
    const shown: [number, number][] = [[2, 1080], [5, 1200]];
    const { samples, unseen } = eventToScreen(batches, shown, 0, 2000);
    expect(samples).toEqual([80, 80, 200, 150, 150]);
    expect(unseen).toBe(0);
  });

  it('counts values never shown, ignores batches outside the window and a stale lower sample', () => {
    const batches: [number, number, number][] = [[500, 0, 1], [1000, 1, 2], [1100, 2, 4]];
    const shown: [number, number][] = [[3, 1150], [2, 1160]];
    const { samples, unseen } = eventToScreen(batches, shown, 900, 2000);
    expect(samples).toEqual([150, 50]);
    expect(unseen).toBe(1);
  });

  it('percentile is nearest-rank and null for no samples', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 100], 95)).toBe(100);
    expect(percentile([], 95)).toBeNull();
  });
});

describe('frameScript', () => {
  const page = { pid: 7, tid: 7 };
  const X = (name: string, ts: number, dur: number, where = page, tdur = dur / 2) => ({ name, ph: 'X', ts, dur, tdur, ...where });
  const frame = (id: number, b: number, e: number) => [
    { name: 'AnimationFrame', ph: 'b', ts: b, id, ...page },
    { name: 'AnimationFrame', ph: 'e', ts: e, id, ...page },
  ];

  it('sums nested script once per frame, keeps other threads and outside script apart', () => {
    const events = [
      { name: 'TimeStamp', ph: 'I', ts: 0, args: { data: { message: 'bench-screen:live' } }, ...page },
      ...frame(1, 1_000, 17_000),
      ...frame(2, 20_000, 36_000),
      X('TimerFire', 2_000, 4_000), // 4 ms
      X('FunctionCall', 2_500, 1_000), // nested in the timer: not counted again
      X('RunMicrotasks', 10_000, 2_000), // 2 ms → frame 1 = 6 ms
      X('FireAnimationFrame', 21_000, 3_000), // frame 2 = 3 ms
      X('FunctionCall', 18_000, 1_000), // between frames: outside
      X('FunctionCall', 21_000, 9_000, { pid: 8, tid: 8 }), // another page
    ];
    const r = frameScript(events as never, 'bench-screen:live');
    expect(r).not.toBeNull();
    expect(r!.frames).toBe(2);
    expect(r!.scriptMs).toEqual([6, 3]);
    // CPU: the outermost events' thread time (half their wall time here), nested ones not again
    expect(r!.scriptCpuMs).toEqual([3, 1.5]);
    expect(r!.outsideMs).toBe(1);
  });

  it('is null when the marker is not in the trace', () => {
    expect(frameScript([], 'bench-screen:ad')).toBeNull();
  });
});
