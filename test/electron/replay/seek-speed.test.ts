/**
 * How long a seek takes on a long recorded show: to the end from the start (a forward fold of
 * everything) and back to one minute before the end (a rebuild from the first event). One
 * hour (~170k events) in the normal run, to stay within a test file's budget on a shared
 * machine; `LUOPAN_REPLAY_HOURS=3` gives the 3-hour figure of docs/performance.md. The figures
 * are printed; the bound only catches a regression by an order of magnitude.
 */
import { describe, expect, it } from 'vitest';
import { ReplayPlayer } from '../../../electron/replay/player';
import { loadTimeline } from '../../../electron/replay/timeline';
import { recordShow } from './recorded';

const HOURS = Number(process.env.LUOPAN_REPLAY_HOURS ?? 1);
const END_MIN = HOURS * 60;

describe(`seek on a ${HOURS}-hour show`, () => {
  it('rebuilds to the end within seconds, with progress', async () => {
    const rec = recordShow(END_MIN, { seed: 1, keepEvents: false });
    try {
      let t = performance.now();
      const timeline = loadTimeline(rec.db, rec.sessionId);
      const openMs = performance.now() - t;
      const player = new ReplayPlayer(rec.db, timeline);
      const progress: number[] = [];
      const spy = setInterval(() => player.seeking && progress.push(player.seeking.done), 5);
      t = performance.now();
      expect(await player.seek(END_MIN * 60_000)).toBe(true);
      const toEndMs = performance.now() - t;
      t = performance.now();
      expect(await player.seek((END_MIN - 1) * 60_000)).toBe(true);
      const backMs = performance.now() - t;
      clearInterval(spy);
      expect(player.aggregator.view().figures.pv).toBeGreaterThan(0);
      expect(progress.length).toBeGreaterThan(3);
      console.log(JSON.stringify({ hours: HOURS, events: timeline.count, openMs: Math.round(openMs), seekToEndMs: Math.round(toEndMs), seekBackOneMinuteMs: Math.round(backMs) }));
      expect(toEndMs).toBeLessThan(15_000);
      expect(backMs).toBeLessThan(15_000);
    } finally {
      rec.db.close();
    }
  }, 40_000 * HOURS);
});
