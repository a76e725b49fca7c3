/**
 * 自播诊断: the eight indicators, GMV = PV × GPM ÷ 1000 against the previous window, and the
 * four traffic quadrants (natural/paid × fan/non-fan): each one's share of PV and its GPM, vs
 * the peers (benchmark ids `pv_share_<quadrant>` and `gpm_<quadrant>`, their median) and vs the
 * previous window.
 */
import { ratio } from '../metrics/glossary';
import type { DiagnosisContext } from './context';
import { SELF_INDICATORS } from './indicators';
import { baseReport } from './report';
import { QUADRANT_IDS, type QuadrantId, type ReportBase, type SessionStats } from './types';

export interface GmvFigures {
  gmv: number;
  pv: number;
  /** GMV ÷ PV × 1000, unrounded so that GMV = PV × GPM ÷ 1000; null when PV = 0 */
  gpm: number | null;
}

export interface GmvDecomposition {
  current: GmvFigures;
  previous: (GmvFigures & { window: { start: string; end: string } }) | null;
  /** ΔGMV = ΔPV × GPM₀ ÷ 1000 (pvEffect) + PV₁ × ΔGPM ÷ 1000 (gpmEffect) */
  change: { gmv: number; pvEffect: number | null; gpmEffect: number | null } | null;
  reason?: string;
}

export interface QuadrantRow {
  id: QuadrantId;
  pv: number;
  gmv: number;
  pvShare: number | null;
  gpm: number | null;
  peerPvShare: number | null;
  peerGpm: number | null;
  previousPvShare: number | null;
  previousGpm: number | null;
}

export interface SelfReport extends ReportBase {
  kind: 'self';
  gmv: GmvDecomposition;
  quadrants: QuadrantRow[];
}

export function gmvFigures(sessions: SessionStats[]): GmvFigures {
  const gmv = sessions.reduce((a, s) => a + s.gmv, 0);
  const pv = sessions.reduce((a, s) => a + s.pv, 0);
  return { gmv, pv, gpm: ratio(gmv, pv, 1000) };
}

function decomposition(ctx: DiagnosisContext): GmvDecomposition {
  const current = gmvFigures(ctx.current);
  if (ctx.previous.sessions.length === 0) return { current, previous: null, change: null, reason: 'no sessions in the previous window' };
  const prev = gmvFigures(ctx.previous.sessions);
  const both = current.gpm !== null && prev.gpm !== null;
  return {
    current,
    previous: { ...prev, window: ctx.previous.window },
    change: {
      gmv: current.gmv - prev.gmv,
      pvEffect: prev.gpm === null ? null : ((current.pv - prev.pv) * prev.gpm) / 1000,
      gpmEffect: both ? (current.pv * (current.gpm! - prev.gpm!)) / 1000 : null,
    },
    ...(both ? {} : { reason: 'no views (PV = 0) in one of the windows: GPM has no value' }),
  };
}

function quadrantFigures(sessions: SessionStats[]) {
  const totalPv = sessions.reduce((a, s) => a + s.pv, 0);
  return Object.fromEntries(
    QUADRANT_IDS.map((q) => {
      const pv = sessions.reduce((a, s) => a + s.quadrants[q].pv, 0);
      const gmv = sessions.reduce((a, s) => a + s.quadrants[q].gmv, 0);
      return [q, { pv, gmv, pvShare: ratio(pv, totalPv), gpm: ratio(gmv, pv, 1000) }];
    }),
  ) as Record<QuadrantId, { pv: number; gmv: number; pvShare: number | null; gpm: number | null }>;
}

function quadrants(ctx: DiagnosisContext): QuadrantRow[] {
  const cur = quadrantFigures(ctx.current);
  const prev = quadrantFigures(ctx.previous.sessions);
  const peer = ctx.shopBenchmark.benchmark?.indicators ?? {};
  return QUADRANT_IDS.map((q) => ({
    id: q,
    ...cur[q],
    peerPvShare: peer[`pv_share_${q}`]?.p50 ?? null,
    peerGpm: peer[`gpm_${q}`]?.p50 ?? null,
    previousPvShare: prev[q].pvShare,
    previousGpm: prev[q].gpm,
  }));
}

export function selfReport(ctx: DiagnosisContext): SelfReport {
  const { scores: _scores, ...base } = baseReport(ctx, SELF_INDICATORS);
  return { ...base, kind: 'self', gmv: decomposition(ctx), quadrants: quadrants(ctx) };
}
