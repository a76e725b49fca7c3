/**
 * Roll-ups (明细) from the store: each session's facts (shared/rollup/rows.ts) from its stored
 * events folded by the live aggregator (the one fold, electron/fold/fold-stored.ts), cached as
 * the rollup 'facts' keyed by the last stored seq — the rollup keeper fills it with the others
 * when a show ends (./rollup-job.ts) — and summed per room, shop, talent or agency. `luopan
 * rollup` and the API method `rollup.rows` both call `rollupRows`.
 */
import type Database from 'better-sqlite3';
import { factsInRole, factsOf, FACTS_VERSION, groupFacts, type RollupBy, type RollupRole, type RollupRow, type SessionFacts } from '../../shared/rollup/rows';
import { addDays, parseDay } from '../../shared/diagnosis/window';
import { foldSession } from '../fold/fold-stored';
import { getRollup, putRollup } from '../store/rollups';
import { listSessions, type SessionRow } from '../store/sessions';

export const FACTS_ROLLUP = 'facts';

/** One session's facts from its stored events up to `upToSeq`. */
export function computeFacts(db: Database.Database, sessionId: string, upToSeq: number): SessionFacts {
  return factsOf(foldSession(db, sessionId, upToSeq).view());
}

/** A session's facts: the cached ones when current, else computed (and cached when writable). */
export function sessionFacts(db: Database.Database, row: SessionRow): SessionFacts {
  const cached = getRollup(db, row.sessionId, FACTS_ROLLUP) as { uptoSeq: number; value: SessionFacts } | null;
  if (cached && cached.uptoSeq >= row.lastSeq && cached.value?.version === FACTS_VERSION) return cached.value;
  const facts = computeFacts(db, row.sessionId, row.lastSeq);
  if (!db.readonly) putRollup(db, row.sessionId, FACTS_ROLLUP, row.lastSeq, facts);
  return facts;
}

export interface RollupQuery {
  by: RollupBy;
  /** first local day, YYYY-MM-DD (sessions started on or after it) */
  start?: string;
  /** last local day, YYYY-MM-DD, inclusive */
  end?: string;
  /** only the sessions this role sees (the app's ?shop= / ?talent= / ?agency= views) */
  role?: RollupRole;
}

/** Local midnight starting `day` (epoch ms); `day` must be a valid YYYY-MM-DD. */
function midnight(day: string): number {
  const d = parseDay(day);
  if (!d) throw new Error(`not a day: "${day}"`);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** The roll-up rows of the sessions started in [start, end] (local days; open ends = all). */
export function rollupRows(db: Database.Database, q: RollupQuery): RollupRow[] {
  const from = q.start ? midnight(q.start) : undefined;
  const to = q.end ? midnight(addDays(q.end, 1)) : undefined;
  // newest first: a room's row takes its newest session's title
  const rows = listSessions(db, { from, to }).filter((r) => r.hasStart);
  return groupFacts(factsInRole(rows.map((r) => sessionFacts(db, r)), q.role), q.by);
}
