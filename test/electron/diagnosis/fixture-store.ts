/** Databases holding the hand-worked diagnosis sessions (test/shared/diagnosis), written through the store's EventWriter. */
import { join } from 'node:path';
import type { StreamEvent } from '../../../shared/protocol/schemas';
import { EventWriter } from '../../../electron/store/event-writer';
import { openStore } from '../../../electron/store/open';

const rowsOf = (events: StreamEvent[]) => events.map((e) => ({ seq: e.seq, ts: e.ts, type: e.type, body: JSON.stringify(e) }));

/** `dir/name.sqlite` holding the given sessions, each written in two batches as a source would send them. */
export function storeWith(dir: string, name: string, sessions: { id: string; events: StreamEvent[] }[]): string {
  const file = join(dir, `${name}.sqlite`);
  const db = openStore(file);
  const writer = new EventWriter(db);
  for (const s of sessions) {
    const rows = rowsOf(s.events);
    const half = Math.ceil(rows.length / 2);
    writer.writeBatch(s.id, rows.slice(0, half));
    writer.writeBatch(s.id, rows.slice(half));
  }
  db.close();
  return file;
}
