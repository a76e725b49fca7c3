/**
 * The recorded sessions with their headline figures (GMV, PV, UV, peak online, GPM, orders), for
 * `luopan sessions`, the console's session list and the wall server. Figures are recomputed from
 * the raw events by the live aggregator itself — so the list shows exactly what the live screen
 * showed at the end — and cached as the rollup 'figures' keyed by the last stored seq, so a
 * session is aggregated once unless new events arrived. The engine's rollup keeper
 * (electron/engine/rollup-keeper.ts) fills the cache in the background when a show ends; the
 * computation here is the fallback for a session that is stale when the list is read.
 */
import type Database from 'better-sqlite3';
import type { SessionSummary } from '../../shared/api/contract';
import { headlineOf, type Headline } from '../../shared/aggregate';
import { foldSession } from '../fold/fold-stored';
import { getRollup, putRollup } from '../store/rollups';
import { listSessions, type SessionRow } from '../store/sessions';

export const FIGURES_ROLLUP = 'figures';

export type { Headline } from '../../shared/aggregate';

/** One session's headline figures from its stored events up to `upToSeq`. */
export function sessionHeadline(db: Database.Database, sessionId: string, upToSeq: number): Headline {
  return headlineOf(foldSession(db, sessionId, upToSeq).view().figures);
}
function headlineFor(db: Database.Database, row: SessionRow): Headline {
  const cached = getRollup(db, row.sessionId, FIGURES_ROLLUP) as { uptoSeq: number; value: Headline } | null;
  if (cached && cached.uptoSeq >= row.lastSeq) return cached.value;
  const headline = sessionHeadline(db, row.sessionId, row.lastSeq);
  if (!db.readonly) putRollup(db, row.sessionId, FIGURES_ROLLUP, row.lastSeq, headline);
  return headline;
}

export interface SessionQuery {
  search?: string;
  from?: number;
  to?: number;
  limit?: number;
}

export function sessionSummaries(db: Database.Database, query: SessionQuery = {}): SessionSummary[] {
  return listSessions(db, query).map((row) => ({
    sessionId: row.sessionId,
    roomId: row.roomId,
    title: row.title,
    hostName: row.hostName,
    hostKind: row.hostKind,
    shopId: row.shopId,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    durationSec: row.endedAt === null ? null : Math.max(0, Math.round((row.endedAt - row.startedAt) / 1000)),
    events: row.events,
    ...headlineFor(db, row),
  }));
}
