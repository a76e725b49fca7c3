/**
 * A recorded simulator session in a real SQLite store, for the replay tests: the deterministic
 * show generator (electron/sim) → EventWriter (the recorder's writer) → a temp database file.
 * The reference fold uses the live engine's own LiveView over validated events.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { LiveView } from '../../../electron/engine/live-view';
import { generateSession, type SimEvent } from '../../../electron/sim/show';
import { EventWriter } from '../../../electron/store/event-writer';
import { openStore } from '../../../electron/store/open';
import { validateEvent } from '../../../shared/protocol/validate';
import type { StreamEvent } from '../../../shared/protocol/schemas';
import type { RoomView } from '../../../shared/viewmodel/room';

export const START = Date.UTC(2026, 3, 2, 12); // show start, epoch ms

export interface Recorded {
  dbFile: string;
  db: Database.Database;
  sessionId: string;
  events: SimEvent[];
}

export function tempDbFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'luopan-replay-')), 'r.db');
}

/** Record one simulated show of `durationMin` minutes (after-sale included) into `dbFile`. */
export function recordShow(durationMin: number, opts: { seed?: number; roomIndex?: number; dbFile?: string; keepEvents?: boolean } = {}): Recorded {
  const dbFile = opts.dbFile ?? tempDbFile();
  const db = openStore(dbFile);
  const writer = new EventWriter(db);
  const events: SimEvent[] = [];
  let sessionId = '';
  let rows: { seq: number; ts: number; type: string; body: string }[] = [];
  const flush = () => {
    if (rows.length) writer.writeBatch(sessionId, rows);
    rows = [];
  };
  for (const e of generateSession({ seed: opts.seed ?? 3, roomIndex: opts.roomIndex ?? 0, startAt: START, durationMin })) {
    if (e.type === 'session.start') sessionId = e.sessionId as string;
    if (opts.keepEvents !== false) events.push(e);
    rows.push({ seq: e.seq, ts: e.ts, type: e.type, body: JSON.stringify(e) });
    if (rows.length >= 5000) flush();
  }
  flush();
  return { dbFile, db, sessionId, events };
}

/**
 * What the live screens showed at show time `positionMs`: the live engine's LiveView fed the
 * validated events up to the last one (in seq order) whose ts is before start + position.
 */
export function liveFoldAt(events: SimEvent[], sessionId: string, positionMs: number): RoomView {
  const cutoff = START + positionMs;
  let last = 0;
  for (let i = 0; i < events.length; i++) if (events[i]!.ts < cutoff) last = i;
  const view = new LiveView(() => undefined);
  const batch: { event: StreamEvent; known: boolean }[] = [];
  for (let i = 0; i <= last; i++) {
    const v = validateEvent(JSON.parse(JSON.stringify(events[i])));
    if (!v.ok) throw new Error(`generated event ${events[i]!.seq} is invalid: ${v.detail}`);
    batch.push({ event: v.event, known: v.known });
  }
  view.apply(sessionId, batch);
  return view.aggregator(sessionId)!.view();
}
