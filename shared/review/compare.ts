/**
 * The comparison of a session with its room's history: the previous session, and per figure
 * the median over the last N ended sessions before it; the change of each figure relative to
 * either, `(this − reference) ÷ reference`, null when there is no reference (or it is 0, or
 * this session has no value). A session still live is compared with nothing: its figures are
 * those so far, and setting them against whole shows would pretend it ended.
 */
import { REVIEW_METRICS, type ReviewMetric } from './metrics';
import type { ReviewCompare, ReviewFigures } from './types';

export const DEFAULT_COMPARE = 7;
export const MAX_COMPARE = 60;

export interface PastSession {
  sessionId: string;
  figures: ReviewFigures;
}

/** The median of the values (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** (value − reference) ÷ reference; null without either, or for a reference of 0. */
export function relativeChange(value: number | null, reference: number | null): number | null {
  if (value === null || reference === null || reference === 0) return null;
  return (value - reference) / reference;
}

const nulls = (): ReviewFigures => Object.fromEntries(REVIEW_METRICS.map((m) => [m, null])) as ReviewFigures;

/**
 * `past`: the room's ended sessions that started before this one, newest first (the caller
 * reads them); the median is over the first `n` of them, the previous is the first.
 */
export function compareSession(figures: ReviewFigures, past: readonly PastSession[], n: number, live: boolean): ReviewCompare {
  const deltas = {} as ReviewCompare['deltas'];
  if (live) {
    for (const m of REVIEW_METRICS) deltas[m] = { previous: null, median: null };
    return { previous: null, median: { sessions: [], figures: nulls() }, deltas };
  }
  const previous = past[0] ?? null;
  const window = past.slice(0, n);
  const med = {} as ReviewFigures;
  for (const m of REVIEW_METRICS) med[m] = median(window.map((p) => p.figures[m]).filter((v): v is number => v !== null));
  for (const m of REVIEW_METRICS) {
    deltas[m] = { previous: relativeChange(figures[m], previous?.figures[m] ?? null), median: relativeChange(figures[m], med[m]) };
  }
  return {
    previous: previous ? { sessionId: previous.sessionId, figures: previous.figures } : null,
    median: { sessions: window.map((p) => p.sessionId), figures: med },
    deltas,
  };
}

export type { ReviewMetric };
