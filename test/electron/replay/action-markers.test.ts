/**
 * The replay timeline's action markers: the stream's `action` events of a recorded show, at
 * their show time, labelled by their text (or kind and product), in order among the others.
 */
import { describe, expect, it } from 'vitest';
import { actionMarkers, timelineMarkers } from '../../../electron/replay/markers';
import { loadTimeline } from '../../../electron/replay/timeline';
import { EventWriter } from '../../../electron/store/event-writer';
import { recordShow, START } from './recorded';

describe('action markers', () => {
  it('each stored action at its show time, with its text', () => {
    const rec = recordShow(6, { seed: 5 });
    // two actions of the studio, as a source sends them (written straight after the show's events)
    const last = rec.events.length;
    const rows = [
      { seq: last + 1, ts: START + 90_000, type: 'action', body: { kind: 'giveaway', text: '福袋 ‮抽奖' } },
      { seq: last + 2, ts: START + 200_000, type: 'action', body: { kind: 'price_change', productId: 'p7' } },
    ].map((r) => ({ ...r, body: JSON.stringify({ seq: r.seq, ts: r.ts, type: r.type, ...r.body }) }));
    new EventWriter(rec.db).writeBatch(rec.sessionId, rows);
    const timeline = loadTimeline(rec.db, rec.sessionId);
    expect(actionMarkers(rec.db, timeline)).toEqual([
      { positionMs: 90_000, kind: 'action', ref: 'giveaway', label: '福袋 抽奖' },
      { positionMs: 200_000, kind: 'action', ref: 'price_change', label: 'price_change p7' },
    ]);
    const all = timelineMarkers(rec.db, timeline, []);
    expect(all.filter((m) => m.kind === 'action')).toHaveLength(2);
    expect(all.map((m) => m.positionMs)).toEqual([...all.map((m) => m.positionMs)].sort((a, b) => a - b));
    rec.db.close();
  });
});
