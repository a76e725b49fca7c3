/** electron/store/comments.ts: the last N stored comments before a seq, oldest first, sanitised; other types skipped. */
import { afterAll, describe, expect, it } from 'vitest';
import { EventWriter } from '../../../electron/store/event-writer';
import { commentsBefore } from '../../../electron/store/comments';
import { openStore } from '../../../electron/store/open';
import { startRow, T0, tempDb } from './helpers';

const db = openStore(tempDb());
afterAll(() => db.close());

describe('commentsBefore', () => {
  it('reads backwards from the seq, skipping other events', () => {
    const rows = [startRow('S')];
    for (let seq = 2; seq <= 40; seq++) {
      const ts = T0 + seq * 1000;
      const body = seq % 3 === 0
        ? { seq, ts, type: 'comment', userId: `u${seq}`, nickname: `nick\u202e${seq}`, text: `text ${seq}` }
        : { seq, ts, type: 'like', userId: `u${seq}`, count: 1 };
      rows.push({ seq, ts, type: body.type, body: JSON.stringify(body) });
    }
    new EventWriter(db).writeBatch('S', rows);
    // comments at 3, 6, … 39
    expect(commentsBefore(db, 'S', 40, 4).map((c) => c.seq)).toEqual([30, 33, 36, 39]);
    expect(commentsBefore(db, 'S', 39, 4).map((c) => c.seq)).toEqual([27, 30, 33, 36]);
    expect(commentsBefore(db, 'S', 7).map((c) => c.seq)).toEqual([3, 6]);
    expect(commentsBefore(db, 'S', 3)).toEqual([]);
    expect(commentsBefore(db, 'nobody', 100)).toEqual([]);
    const [one] = commentsBefore(db, 'S', 4);
    // bidi controls removed for display, as the live feed's rows
    expect(one).toEqual({ seq: 3, ts: T0 + 3000, userId: 'u3', nickname: 'nick3', text: 'text 3' });
  });
});
