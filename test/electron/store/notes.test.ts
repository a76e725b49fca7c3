/**
 * The notes table (migration 004): operators' notes kept with their session in time order,
 * deleted with the session, and a v3 file migrated without losing its rows.
 */
import { describe, expect, it } from 'vitest';
import { insertNote, listNotes } from '../../../electron/store/notes';
import { openStore } from '../../../electron/store/open';
import { MIGRATIONS } from '../../../electron/store/migrations/index';
import { deleteSession } from '../../../electron/store/sessions';
import { EventWriter } from '../../../electron/store/event-writer';
import { startRow, tempDb } from './helpers';

describe('notes (migration 004)', () => {
  it('is migration 4, after the checkpoints', () => {
    expect(MIGRATIONS.map((m) => [m.version, m.name])).toEqual([[1, 'initial'], [2, 'alerts'], [3, 'checkpoints'], [4, 'notes']]);
  });

  it('keeps a session’s notes in time order and deletes them with the session', () => {
    const db = openStore(tempDb());
    new EventWriter(db).writeBatch('s1', [startRow('s1')]);
    insertNote(db, { sessionId: 's1', ts: 2000, kind: 'giveaway', text: '福袋', createdAt: 9 });
    insertNote(db, { sessionId: 's1', ts: 1000, kind: 'note', text: '换主播', createdAt: 8 });
    insertNote(db, { sessionId: 's2', ts: 1500, kind: 'note', text: 'other', createdAt: 7 });
    expect(listNotes(db, 's1').map((n) => [n.ts, n.kind, n.text])).toEqual([[1000, 'note', '换主播'], [2000, 'giveaway', '福袋']]);
    expect(deleteSession(db, 's1')).toBe(true);
    expect(listNotes(db, 's1')).toEqual([]);
    expect(listNotes(db, 's2')).toHaveLength(1);
    db.close();
  });
});
