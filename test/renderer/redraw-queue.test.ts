/**
 * The chart redraw queue on real timers: charts take turns (one redraw per frame), each redraws
 * at most once per interval however often it asks, with the latest data, and nothing runs for a
 * dropped chart.
 */
import { describe, expect, it } from 'vitest';
import { createRedrawQueue } from '../../renderer/src/charts/redraw-queue';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** frames every 16 ms, numbered, so a test can see which redraws shared one */
function frames() {
  let n = 0;
  return {
    nextFrame: (fn: () => void) => setTimeout(() => (n++, fn()), 16),
    get frame() {
      return n;
    },
  };
}

describe('redraw queue', () => {
  it('runs one chart per frame, the longest-waiting first', async () => {
    const f = frames();
    const q = createRedrawQueue({ minIntervalMs: 1000, nextFrame: f.nextFrame });
    const ran: [string, number][] = [];
    const [a, b, c] = [{}, {}, {}];
    q.request(a, () => ran.push(['a', f.frame]));
    q.request(b, () => ran.push(['b', f.frame]));
    q.request(c, () => ran.push(['c', f.frame]));
    await sleep(150);
    expect(ran.map(([id]) => id)).toEqual(['a', 'b', 'c']);
    expect(new Set(ran.map(([, frame]) => frame)).size).toBe(3);
    expect(q.pending).toBe(0);
  });

  it('a chart asking at every delta redraws at most once per interval, with the latest data', async () => {
    const q = createRedrawQueue({ minIntervalMs: 300 });
    const drawn: number[] = [];
    const chart = {};
    const t0 = performance.now();
    for (let i = 1; i <= 40; i++) {
      q.request(chart, () => drawn.push(i));
      await sleep(20);
    }
    await sleep(350);
    const elapsed = performance.now() - t0;
    expect(drawn.length).toBeLessThanOrEqual(Math.ceil(elapsed / 300) + 1);
    expect(drawn.length).toBeGreaterThanOrEqual(2);
    // the last redraw shows the last request: no update is lost, only intermediate ones skipped
    expect(drawn.at(-1)).toBe(40);
    for (let i = 1; i < drawn.length; i++) expect(drawn[i]).toBeGreaterThan(drawn[i - 1]!);
  });

  it('forgets a dropped chart', async () => {
    const q = createRedrawQueue({ minIntervalMs: 100 });
    let ran = 0;
    const chart = {};
    q.request(chart, () => ran++);
    q.drop(chart);
    await sleep(80);
    expect(ran).toBe(0);
    expect(q.pending).toBe(0);
  });
});
