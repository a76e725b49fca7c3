/**
 * Trend chart options as plain functions of the view model (unit-tested without a DOM).
 * Three groups — popularity, interaction, transactions — each on a time axis, on the last five
 * minutes (10-second buckets) or the whole show (per minute, flows summed up to each minute).
 */
import type { Marker, Series } from '../../../../shared/viewmodel/room';
import { displayText } from '../../../../shared/text/sanitize';
import { AXIS_LABEL, C, LIVE_TOOLTIP } from '../theme';

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
}

/** Only the data of a group (what changes between deltas). */
export function trendData(group: TrendGroup, series: Series, markers: Marker[], range: TrendRange) {
  const spec = TREND_GROUPS[group];
  const t = series.t ?? [];
  const from = t.length > 0 ? t[Math.max(0, t.length - MAX_POINTS)]! : 0;
  const to = t.length > 0 ? t[t.length - 1]! + (range === 'recent' ? 10_000 : 60_000) : 0;
  const areas = group === 'interaction' ? [] : explainAreas(markers, from, to);
  return spec.keys.map((key, i) => ({
    id: key,
    data: seriesPoints(series, key, range),
    ...(i === 0 ? { markArea: { data: areas }, markLine: { data: alertLines(markers, from, to) } } : {}),
  }));
}

/** The whole option of a group's chart. */
export function trendOption(group: TrendGroup, series: Series, markers: Marker[], range: TrendRange, labels: TrendLabels) {
  const spec = TREND_GROUPS[group];
  const data = trendData(group, series, markers, range);
  return {
    animation: false,
    backgroundColor: 'transparent',
    color: spec.colors,
    grid: { left: 8, right: 8, top: 34, bottom: 4, containLabel: true },
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 8, textStyle: { color: C.textDim, fontSize: 13 } },
    tooltip: LIVE_TOOLTIP,
    xAxis: {
      type: 'time',
      axisLine: { lineStyle: { color: C.grid } },
      // no hideOverlap: its collision pass re-measures every label at each redraw; the time axis spaces its own labels
      axisLabel: AXIS_LABEL,
      splitLine: { show: false },
    },
    yAxis: [
      { type: 'value', axisLabel: AXIS_LABEL, splitLine: { lineStyle: { color: C.grid } }, minInterval: 1 },
      { type: 'value', axisLabel: AXIS_LABEL, splitLine: { show: false }, minInterval: 1 },
    ],
    series: spec.keys.map((key, i) => ({
      ...data[i],
      name: labels.names[key],
      type: 'line',
      yAxisIndex: spec.right.includes(key) ? 1 : 0,
      showSymbol: false,
      smooth: 0.3,
      lineStyle: { width: i === 0 ? 3 : 2 },
      ...(i === 0
        ? {
            areaStyle: { opacity: 0.12 },
            markArea: {
              silent: true,
              itemStyle: { color: 'rgba(251, 191, 36, 0.10)', borderColor: 'rgba(251, 191, 36, 0.5)', borderWidth: 1 },
              label: { color: C.amber, fontSize: 12, position: 'insideTop' },
              data: (data[0] as { markArea?: { data: unknown[] } }).markArea?.data ?? [],
            },
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: C.red, type: 'dashed', width: 2 },
              label: { show: false },
              data: (data[0] as { markLine?: { data: unknown[] } }).markLine?.data ?? [],
            },
          }
        : {}),
    })),
  };
}
