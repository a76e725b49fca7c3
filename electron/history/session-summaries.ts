/**
 * The recorded sessions with their headline figures (GMV, PV, UV, peak online, GPM, orders), for
 * `luopan sessions`, the console's session list and the wall server. Figures are recomputed from
 * the raw events by the live aggregator itself — so the list shows exactly what the live screen
 * showed at the end — and cached as the rollup 'figures' keyed by the last stored seq, so a
 * session is aggregated once unless new events arrived.
 */
import type Database from 'better-sqlite3';
import type { SessionSummary } from '../../shared/api/contract';
import type { Figures } from '../../shared/viewmodel/room';
import { RoomAggregator } from '../../shared/aggregate';
import { validateEvent } from '../../shared/protocol/validate';
import { getRollup, iterateEvents, listSessions, putRollup, type SessionRow } from '../store/queries';

const ROLLUP = 'figures';

type Headline = Pick<SessionSummary, 'gmv' | 'pv' | 'uv' | 'peakOnline' | 'gpm' | 'orders'>;

function headlineOf(figures: Figures): Headline {
  return {
    gmv: figures.gmv,
    pv: figures.pv,
    uv: figures.uv,
    peakOnline: figures.peak_online,
    gpm: figures.gpm,
    orders: figures.orders,
  };
}

/** Aggregate one session's stored events into its final figures. */
export function aggregateSession(db: Database.Database, sessionId: string): Figures {
  const aggregator = new RoomAggregator();
  for (const row of iterateEvents(db, sessionId)) {
    const verdict = validateEvent(JSON.parse(row.body));
    if (verdict.ok) aggregator.apply(verdict.event, verdict.known);
  }
  return aggregator.view().figures;
}

function headlineFor(db: Database.Database, row: SessionRow): Headline {
  const cached = getRollup(db, row.sessionId, ROLLUP) as { uptoSeq: number; value: Headline } | null;
  if (cached && cached.uptoSeq >= row.lastSeq) return cached.value;
  const headline = headlineOf(aggregateSession(db, row.sessionId));
  if (!db.readonly) putRollup(db, row.sessionId, ROLLUP, row.lastSeq, headline);
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
