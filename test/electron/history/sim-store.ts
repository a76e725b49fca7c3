/**
 * A store holding whole simulator shows (electron/sim generateSession), written through the
 * store's EventWriter as a recorder would: the fixture of the history tests and the console's
 * browser tests.
 */
import { generateSession, type SimEvent } from '../../../electron/sim/show';
import { EventWriter } from '../../../electron/store/event-writer';
import { openStore } from '../../../electron/store/open';

export const DAY_MS = 86_400_000;

export interface SimShow {
  roomIndex: number;
  /** days before today the show started (at 10:00 local time) */
  daysAgo: number;
  /** show minutes; default 4 */
  durationMin?: number;
}

/** Today at 10:00 local time, minus `daysAgo` days. */
export function showStart(daysAgo: number, now = Date.now()): number {
  const d = new Date(now);
  d.setHours(10, 0, 0, 0);
  return d.getTime() - daysAgo * DAY_MS;
}

/** Every event of one simulator show (after-sale included) and its session id. */
export function showEvents(show: SimShow, seed = 7): { sessionId: string; events: SimEvent[] } {
  const events = [...generateSession({ seed, roomIndex: show.roomIndex, startAt: showStart(show.daysAgo), durationMin: show.durationMin ?? 4 })];
  return { sessionId: String((events[0] as { sessionId?: unknown }).sessionId), events };
}

/** Write the shows into `file` (created when missing); returns their session ids in order. */
export function recordShows(file: string, shows: SimShow[], seed = 7): string[] {
  const db = openStore(file);
  const writer = new EventWriter(db);
  const ids: string[] = [];
  try {
    for (const show of shows) {
      let sessionId = '';
      let rows: { seq: number; ts: number; type: string; body: string }[] = [];
      const flush = () => {
        if (rows.length) writer.writeBatch(sessionId, rows);
        rows = [];
      };
      for (const e of generateSession({ seed, roomIndex: show.roomIndex, startAt: showStart(show.daysAgo), durationMin: show.durationMin ?? 4 })) {
        sessionId ||= String((e as { sessionId?: unknown }).sessionId);
        rows.push({ seq: e.seq, ts: e.ts, type: e.type, body: JSON.stringify(e) });
        if (rows.length >= 5000) flush();
      }
      flush();
      ids.push(sessionId);
    }
  } finally {
    db.close();
  }
  return ids;
}
