/**
 * Ghost curves (issue 15 §2): a room's earlier sessions beside the live one, aligned by minutes
 * since `startedAt`. A session's curve is its whole-show minute series (the live aggregator's
 * `minutes`, so a ghost is exactly what the live screen showed then): per show minute the latest
 * online figure, the entries and the GMV of that minute, and the cumulative GMV up to and
 * including it. The median curve takes, minute by minute, the median of the sessions that lasted
 * that long. Pure functions: the engine builds curves from stored sessions (electron/history/
 * ghosts.ts), the live screen reads a reference's value at the current show minute.
 */
import type { Series } from '../viewmodel/room';

/** Whole-show minutes of one session, index = minute since startedAt. Money in fen. */
export interface SessionCurve {
  sessionId: string;
  startedAt: number;
  title: string;
  /** latest online figure of each minute */
  online: number[];
  /** entries of each minute */
  enters: number[];
  /** GMV of each minute */
  gmv: number[];
  /** GMV up to the end of each minute */
  gmvCum: number[];
}

/** The median of the last sessions, minute by minute. */
export interface MedianCurve {
  /** the sessions it is the median of, newest first */
  sessionIds: string[];
  online: number[];
  enters: number[];
  gmv: number[];
  gmvCum: number[];
}

/** What the live screen of one session gets: the previous session of its room and the median of the last 7. */
export interface GhostCurves {
  sessionId: string;
  previous: SessionCurve | null;
  median: MedianCurve | null;
}

export const GHOST_SESSIONS = 7;
export const GHOST_METRICS = ['online', 'gmv', 'enters'] as const;
export type GhostMetric = (typeof GHOST_METRICS)[number];

const MINUTE_MS = 60_000;

/** A session's curve from its minute series (buckets at startedAt + k minutes; a missing minute carries online over, adds nothing). */
export function curveOf(meta: { sessionId: string; startedAt: number; title?: string }, minutes: Series): SessionCurve {
  const c: SessionCurve = { sessionId: meta.sessionId, startedAt: meta.startedAt, title: meta.title ?? '', online: [], enters: [], gmv: [], gmvCum: [] };
  let acc = 0;
  for (let i = 0; i < minutes.t.length; i++) {
    const m = Math.round((minutes.t[i]! - meta.startedAt) / MINUTE_MS);
    if (m < 0) continue;
    // minutes before the first bucket (a series that slid past 24 h) or skipped ones
    while (c.online.length < m) {
      c.online.push(c.online.at(-1) ?? 0);
      c.enters.push(0);
      c.gmv.push(0);
      c.gmvCum.push(acc);
    }
    if (m < c.online.length) continue;
    const g = minutes.gmv[i] ?? 0;
    acc += g;
    c.online.push(minutes.online[i] ?? 0);
    c.enters.push(minutes.enters[i] ?? 0);
    c.gmv.push(g);
    c.gmvCum.push(acc);
  }
  return c;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** Minute by minute, the median of the curves that reach that minute; null without curves. */
export function medianCurve(curves: readonly SessionCurve[]): MedianCurve | null {
  if (curves.length === 0) return null;
  const len = Math.max(...curves.map((c) => c.online.length));
  const out: MedianCurve = { sessionIds: curves.map((c) => c.sessionId), online: [], enters: [], gmv: [], gmvCum: [] };
  for (let m = 0; m < len; m++) {
    const at = curves.filter((c) => m < c.online.length);
    out.online.push(median(at.map((c) => c.online[m]!)));
    out.enters.push(median(at.map((c) => c.enters[m]!)));
    out.gmv.push(median(at.map((c) => c.gmv[m]!)));
    out.gmvCum.push(median(at.map((c) => c.gmvCum[m]!)));
  }
  return out;
}

/** The show minute of time `ts` in a session that started at `startedAt` (0 at the start). */
export function showMinute(ts: number, startedAt: number): number {
  return Math.max(0, Math.floor((ts - startedAt) / MINUTE_MS));
}

/**
 * A reference's value at show minute `minute`: online = its latest online figure of that minute,
 * gmv = its cumulative GMV at that minute, enters = its entries of that minute. Null past its end.
 */
export function ghostValue(curve: Pick<SessionCurve, 'online' | 'enters' | 'gmvCum'> | null, metric: GhostMetric, minute: number): number | null {
  if (!curve || minute < 0 || minute >= curve.online.length) return null;
  return metric === 'online' ? curve.online[minute]! : metric === 'gmv' ? curve.gmvCum[minute]! : curve.enters[minute]!;
}

/** The gap of the live figure to the reference, as a fraction (−0.12 = 12 % behind); null when the reference is 0 or absent. */
export function ghostGap(current: number | null, reference: number | null): number | null {
  if (current === null || reference === null || !(reference > 0)) return null;
  return (current - reference) / reference;
}
