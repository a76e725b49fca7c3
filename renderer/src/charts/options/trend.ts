/**
 * Trend chart plots as plain functions of the view model (unit-tested without a DOM).
 * Three groups — popularity, interaction, transactions — each on a time axis, on the last five
 * minutes (10-second buckets) or the whole show (per minute, flows summed up to each minute).
 */
import type { Marker, Series } from '../../../../shared/viewmodel/room';
import { showMinute, type MedianCurve, type SessionCurve } from '../../../../shared/ghost/curves';
import { displayText } from '../../../../shared/text/sanitize';
import type { TrendPlot } from '../canvas/draw-trend';
import { C } from '../theme';

export type TrendGroup = 'popularity' | 'interaction' | 'transactions';
export type TrendRange = 'recent' | 'cumulative';
type SeriesKey = Exclude<keyof Series, 't'>;

export const TREND_GROUPS: Record<TrendGroup, { keys: SeriesKey[]; right: SeriesKey[]; colors: string[] }> = {
  popularity: { keys: ['online', 'enters', 'exits'], right: ['enters', 'exits'], colors: [C.cyan, C.green, C.red] },
  interaction: { keys: ['comments', 'likes', 'follows', 'shares'], right: ['likes'], colors: [C.violet, C.pink, C.amber, C.green] },
  transactions: { keys: ['gmv', 'orders', 'buyers'], right: ['orders', 'buyers'], colors: [C.amber, C.cyan, C.violet] },
};

/** At most this many points per series: a 12-hour show per minute. */
export const MAX_POINTS = 720;
/** Series that are levels, not flows: never summed. */
const LEVELS = new Set<SeriesKey>(['online']);

/** One series as [t, value] points: fen become 元, flows are summed in the cumulative range. */
export function seriesPoints(series: Series, key: SeriesKey, range: TrendRange): [number, number][] {
  const t = series.t ?? [];
  const values = series[key] ?? [];
  const n = Math.min(t.length, values.length);
  const from = Math.max(0, n - MAX_POINTS);
  const money = key === 'gmv' || key === 'adSpend' || key === 'adGmv';
  const sum = range === 'cumulative' && !LEVELS.has(key);
  const out: [number, number][] = [];
  let acc = 0;
  // a cumulative figure includes the minutes before the window too
  if (sum) for (let i = 0; i < from; i++) acc += values[i] ?? 0;
  for (let i = from; i < n; i++) {
    let v = values[i] ?? 0;
    if (sum) {
      acc += v;
      v = acc;
    }
    out.push([t[i]!, money ? v / 100 : v]);
  }
  return out;
}

/** Explanation intervals overlapping [from, to] as markArea pairs, labelled with the product. */
export function explainAreas(markers: Marker[], from: number, to: number): [{ xAxis: number; name: string }, { xAxis: number }][] {
  const open = new Map<string, Marker>();
  const out: [{ xAxis: number; name: string }, { xAxis: number }][] = [];
  const push = (start: Marker, end: number) => {
    if (end < from || start.ts > to) return;
    out.push([{ xAxis: Math.max(start.ts, from), name: displayText(start.label, 16) }, { xAxis: Math.min(end, to) }]);
  };
  for (const m of markers) {
    if (m.kind !== 'explain') continue;
    if (m.state === 'end') {
      const start = open.get(m.ref);
      if (start) push(start, m.ts);
      open.delete(m.ref);
    } else {
      open.set(m.ref, m);
    }
  }
  for (const start of open.values()) push(start, to);
  return out.slice(-20);
}

/** Alerts fired within [from, to] (shared/alerts) as vertical markLine points, the newest 20. */
export function alertLines(markers: Marker[], from: number, to: number): { xAxis: number; name: string }[] {
  const out: { xAxis: number; name: string }[] = [];
  for (const m of markers) if (m.kind === 'alert' && m.ts >= from && m.ts <= to) out.push({ xAxis: m.ts, name: displayText(m.label, 24) });
  return out.slice(-20);
}

export interface TrendLabels {
  names: Record<SeriesKey, string>;
  explain: string;
  /** suffixes of the ghost lines' names (上场 / 近7场中位) */
  ghost?: { previous: string; median: string };
}

/** The earlier sessions drawn faintly behind the live lines (shared/ghost/curves.ts). */
export interface TrendGhost {
  /** the live session's start: ghosts are aligned by minutes since it */
  startedAt: number;
  previous: SessionCurve | null;
  median: MedianCurve | null;
}

/** The series that get ghosts (issue 15: online, GMV, entries). */
const GHOSTED = new Set<SeriesKey>(['online', 'enters', 'gmv']);
const RECENT_PER_MINUTE = 6; // 10-second buckets in a minute

/**
 * A reference's line on the live series' times: the value of the show minute each time falls
 * in — online as it was, flows per 10-second bucket (a sixth of the minute's) on the recent
 * range and summed up to the minute on the cumulative one. Null past the reference's end.
 */
export function ghostPoints(t: readonly number[], curve: Pick<SessionCurve, 'online' | 'enters' | 'gmv' | 'gmvCum'>, key: SeriesKey, range: TrendRange, startedAt: number): [number, number | null][] {
  const from = Math.max(0, t.length - MAX_POINTS);
  const perMinute = key === 'online' ? curve.online : key === 'enters' ? curve.enters : curve.gmv;
  let cum: number[] | null = null;
  if (range === 'cumulative' && key !== 'online') {
    if (key === 'gmv') cum = curve.gmvCum;
    else {
      let acc = 0;
      cum = perMinute.map((v) => (acc += v));
    }
  }
  const money = key === 'gmv';
  const out: [number, number | null][] = [];
  for (let i = from; i < t.length; i++) {
    const m = showMinute(t[i]!, startedAt);
    if (m >= perMinute.length) {
      out.push([t[i]!, null]);
      continue;
    }
    let v = cum ? cum[m]! : perMinute[m]!;
    if (range === 'recent' && key !== 'online') v /= RECENT_PER_MINUTE;
    out.push([t[i]!, money ? v / 100 : v]);
  }
  return out;
}

/** The plot of a group's chart (charts/canvas/draw-trend.ts): its lines, explanation areas and alert lines. */
export function trendPlot(group: TrendGroup, series: Series, markers: Marker[], range: TrendRange, labels: TrendLabels, ghost?: TrendGhost | null): TrendPlot {
  const spec = TREND_GROUPS[group];
  const t = series.t ?? [];
  const from = t.length > 0 ? t[Math.max(0, t.length - MAX_POINTS)]! : 0;
  const to = t.length > 0 ? t[t.length - 1]! + (range === 'recent' ? 10_000 : 60_000) : 0;
  const ghosts: TrendPlot['lines'][number][] = [];
  if (ghost) {
    spec.keys.forEach((key, i) => {
      if (!GHOSTED.has(key)) return;
      for (const which of ['previous', 'median'] as const) {
        const curve = ghost[which];
        if (!curve) continue;
        ghosts.push({
          id: `${key}:${which}`,
          name: `${labels.names[key]} · ${labels.ghost?.[which] ?? which}`,
          color: spec.colors[i]!,
          data: ghostPoints(t, curve, key, range, ghost.startedAt),
          right: spec.right.includes(key),
          width: 1.5,
          ghost: which,
        });
      }
    });
  }
  return {
    lines: [...ghosts, ...spec.keys.map((key, i) => ({
      id: key,
      name: labels.names[key],
      color: spec.colors[i]!,
      data: seriesPoints(series, key, range),
      right: spec.right.includes(key),
      width: i === 0 ? 3 : 2,
      area: i === 0,
    }))],
    areas: group === 'interaction' ? [] : explainAreas(markers, from, to).map(([a, b]) => ({ from: a.xAxis, to: b.xAxis, label: a.name })),
    alerts: alertLines(markers, from, to).map((l) => l.xAxis),
    rightAxis: true,
    leftInteger: true,
    rightInteger: true,
  };
}
