/**
 * One indicator over one window: its value, peer and history percentiles, verdict and TOP3
 * sessions (docs/product.md "Verdict of one indicator value v in a window").
 */
import type { IndicatorDef } from './indicators';
import { historyPercentile, median, oriented, peerPercentile, verdictOf } from './percentile';
import type { BenchmarkQuantiles, IndicatorNotes, IndicatorResult, SessionStats, Top3Entry } from './types';

export interface IndicatorInput {
  def: IndicatorDef;
  /** the kind's sessions in the window, in start order */
  current: SessionStats[];
  /** the kind's sessions of each history window (each holds ≥ 1 session) */
  history: SessionStats[][];
  peer: { quantiles: BenchmarkQuantiles | null; reason?: string };
}

export interface IndicatorOutcome {
  result: IndicatorResult;
  notes: IndicatorNotes;
  /** mean of the available percentiles, for the human report */
  score: number | null;
}

export function evaluateIndicator({ def, current, history, peer }: IndicatorInput): IndicatorOutcome {
  const notes: IndicatorNotes = {};
  const { value, reason } = def.value(current);
  if (value === null) notes.value = reason ?? 'no value';

  let peerP: number | null = null;
  if (peer.quantiles === null) notes.peerPercentile = peer.reason ?? 'no benchmark for this tier';
  else if (value !== null) {
    peerP = oriented(peerPercentile(value, peer.quantiles), def.better);
    if (peerP === null) notes.peerPercentile = 'benchmark quantiles not in order';
  } else notes.peerPercentile = notes.value!;

  const pastValues = history.map((w) => def.value(w).value).filter((v): v is number => v !== null);
  let histP: number | null = null;
  if (pastValues.length < 3) notes.historyPercentile = `history holds ${pastValues.length} window(s) with a value; 3 needed`;
  else if (value === null) notes.historyPercentile = notes.value!;
  else histP = oriented(historyPercentile(value, pastValues), def.better);

  const v = verdictOf([peerP, histP]);
  if (!v) notes.verdict = value === null ? notes.value! : 'no benchmark and no history';

  let top3: Top3Entry[] = [];
  if (v?.verdict === 'lagging') {
    const sessions = def.applies ? current.filter(def.applies) : current;
    let target: number | null = null;
    let basis = peer.quantiles ? peer.quantiles.p50 : null;
    if (basis === null) {
      basis = median(pastValues);
      notes.top3 = 'no peer benchmark: sessions measured against the history median';
    }
    if (basis !== null && sessions.length > 0) target = def.summed ? basis / sessions.length : basis;
    if (target !== null) top3 = topImpacts(def, sessions, target);
    if (top3.length === 0 && !notes.top3) notes.top3 = 'no session below the target';
  } else {
    notes.top3 = v ? 'not lagging' : notes.verdict;
  }

  return {
    result: { id: def.id, value, peerPercentile: peerP, historyPercentile: histP, verdict: v?.verdict ?? null, top3 },
    notes,
    score: v?.score ?? null,
  };
}

/** Impacts w_s × (x_s − t) (lower-is-better: w_s × (t − x_s)); the ≤ 3 below zero, worst first. */
export function topImpacts(def: IndicatorDef, sessions: SessionStats[], target: number): Top3Entry[] {
  const scored: { sessionId: string; impact: number; startedAt: number; order: number }[] = [];
  sessions.forEach((s, order) => {
    const x = def.value([s]).value;
    if (x === null) return;
    const w = def.weight(s);
    const impact = def.better === 'higher' ? w * (x - target) : w * (target - x);
    if (impact < 0) scored.push({ sessionId: s.sessionId ?? '', impact, startedAt: s.startedAt ?? 0, order });
  });
  scored.sort((a, b) => a.impact - b.impact || a.startedAt - b.startedAt || a.order - b.order);
  return scored.slice(0, 3).map(({ sessionId, impact }) => ({ sessionId, impact }));
}
