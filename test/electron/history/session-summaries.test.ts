/**
 * The session list's headline figures come from the stored raw events, equal what the live
 * aggregator computes over the same events, and are cached until the session grows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { summarizeFigures } from '../../../shared/aggregate';
import { sessionSummaries } from '../../../electron/history/session-summaries';
import { openStore } from '../../../electron/store/open';
import { EventWriter } from '../../../electron/store/event-writer';
import { getRollup } from '../../../electron/store/rollups';
import { generate } from '../../shared/aggregate/gen';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function storeWith(seed: number, upTo?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'luopan-summaries-'));
  dirs.push(dir);
  const db = openStore(join(dir, 'store.db'));
  const { events } = generate(seed);
  const sessionId = (events[0]!.event as { sessionId: string }).sessionId;
  const writer = new EventWriter(db);
  const write = (from: number, to: number) =>
    writer.writeBatch(
      sessionId,
      events.slice(from, to).map(({ event }) => ({ seq: event.seq, ts: event.ts, type: event.type, body: JSON.stringify(event) })),
    );
  write(0, upTo ?? events.length);
  return { db, events, sessionId, write };
}

describe('sessionSummaries', () => {
  it.each([1, 2, 3])('headline figures equal the aggregator over the same events (seed %i)', (seed) => {
    const { db, events, sessionId } = storeWith(seed);
    const [row] = sessionSummaries(db);
    const figures = summarizeFigures(events.map((e) => e.event));
    expect(row).toMatchObject({
      sessionId,
      events: events.length,
      gmv: figures.gmv,
      pv: figures.pv,
      uv: figures.uv,
      peakOnline: figures.peak_online,
      gpm: figures.gpm,
      orders: figures.orders,
    });
    expect(row!.pv).toBeGreaterThan(0);
    db.close();
  });

  it('caches the figures by last seq and recomputes when the session grows', () => {
    const { db, events, sessionId, write } = storeWith(4, 200);
    const first = sessionSummaries(db)[0]!;
    expect(getRollup(db, sessionId, 'figures')?.uptoSeq).toBe(200);
    write(200, events.length);
    const second = sessionSummaries(db)[0]!;
    expect(getRollup(db, sessionId, 'figures')?.uptoSeq).toBe(events.length);
    expect(second.pv).toBe(summarizeFigures(events.map((e) => e.event)).pv);
    expect(second.pv).toBeGreaterThanOrEqual(first.pv ?? 0);
    db.close();
  });
});
