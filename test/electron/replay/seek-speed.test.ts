/**
 * How long a seek takes on a 3-hour recorded show (~560k events): to the end from the start
 * (a forward fold of everything) and back to minute 179 (a rebuild from the first event).
 * The figures are printed for docs/performance.md; the bound only catches a regression by an
 * order of magnitude on a shared machine.
 */
import { describe, expect, it } from 'vitest';
import { ReplayPlayer } from '../../../electron/replay/player';
import { loadTimeline } from '../../../electron/replay/timeline';
import { recordShow } from './recorded';

describe('seek on a 3-hour show', () => {
  it('rebuilds to the end within seconds, with progress', async () => {
    const rec = recordShow(180, { seed: 1, keepEvents: false });
    try {
      let t = performance.now();
      const timeline = loadTimeline(rec.db, rec.sessionId);
      const openMs = performance.now() - t;
      const player = new ReplayPlayer(rec.db, timeline);
      const progress: number[] = [];
      const spy = setInterval(() => player.seeking && progress.push(player.seeking.done), 5);
      t = performance.now();
      expect(await player.seek(180 * 60_000)).toBe(true);
      const toEndMs = performance.now() - t;
      t = performance.now();
      expect(await player.seek(179 * 60_000)).toBe(true);
      const backMs = performance.now() - t;
      clearInterval(spy);
      expect(player.aggregator.view().figures.pv).toBeGreaterThan(0);
      expect(progress.length).toBeGreaterThan(3);
      console.log(JSON.stringify({ events: timeline.count, openMs: Math.round(openMs), seekToEndMs: Math.round(toEndMs), seekBackTo179Ms: Math.round(backMs) }));
      expect(toEndMs).toBeLessThan(15_000);
      expect(backMs).toBeLessThan(15_000);
    } finally {
      rec.db.close();
    }
  }, 60_000);
});
