/**
 * The central test: every figure the aggregator shows equals an offline recomputation from the
 * raw events (./offline.ts, straight from docs/product.md's definitions), for several seeded random
 * sessions, after the whole stream and at intermediate points.
 */
import { describe, expect, it } from 'vitest';
import { METRIC_IDS } from '../../../shared/metrics/glossary';
import { RoomAggregator, summarizeFigures } from '../../../shared/aggregate';
import type { StreamEvent } from '../../../shared/protocol/schemas';
import { generate } from './gen';
import { offlineChange5m, offlineFigures, type Fig } from './offline';

function expectFigures(actual: Record<string, number | null>, expected: Fig, where: string): void {
  for (const id of METRIC_IDS) {
    const a = actual[id];
    const e = expected[id];
    if (e === null || e === undefined) {
      expect(a, `${id} at ${where}`).toBeNull();
    } else {
      expect(a, `${id} at ${where}`).not.toBeNull();
      expect(a!, `${id} at ${where}`).toBeCloseTo(e, 6);
    }
  }
}

const SEEDS = [1, 2, 3, 7, 42];

describe('RoomAggregator figures = offline recomputation', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: at checkpoints and after the whole stream`, () => {
      const { events } = generate(seed, { events: 2500, end: seed !== 3 });
      const agg = new RoomAggregator();
      const known: StreamEvent[] = [];
      const checkpoints = new Set([1, 2, 10, 137, 600, 1200, 1999, events.length - 25, events.length]);
      let nonNullChanges = 0;
      events.forEach(({ event, known: k }, i) => {
        agg.apply(event, k);
        if (k) known.push(event);
        if (!checkpoints.has(i + 1)) return;
        const view = agg.view();
        const where = `event ${i + 1} (seed ${seed})`;
        expectFigures(view.figures, offlineFigures(known as never).figures, where);
        const change = offlineChange5m(known as never);
        expectFigures(view.change5m, change, `${where} change5m`);
        nonNullChanges += Object.values(view.change5m).filter((v) => v !== null).length;
      });
      // the comparison must have exercised real values, not only nulls
      expect(nonNullChanges).toBeGreaterThan(10);
      const final = agg.view().figures;
      expect(final.gmv).toBeGreaterThan(0);
      expect(final.buyers).toBeGreaterThan(0);
      expect(final.effective_duration).toBeGreaterThan(0);
      // odd seeds are talent-hosted with agencies bound: commission and agency share must be exercised
      if (seed % 2) expect(final.agency_share).toBeGreaterThan(0);
      else expect(final.commission).toBe(0);
      expect(summarizeFigures(events.map((e) => e.event))).toEqual(final);
    });
  }
});
