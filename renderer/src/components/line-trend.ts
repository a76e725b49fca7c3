/** Options of LineTrend.vue: a few named lines on a time axis, the last one optionally on a right axis. */
import { AXIS_LABEL, C, TOOLTIP } from '../charts/theme';

export interface TrendLine {
  id: string;
  name: string;
  color: string;
  /** [bucket start ms, value]; null = a gap ("—", e.g. ROI of a minute without spend) */
  data: [number, number | null][];
  right?: boolean;
  /** rate/ROI lines: no integer ticks */
  fractional?: boolean;
}

export function lineData(lines: readonly TrendLine[]) {
  return { series: lines.map((l) => ({ id: l.id, data: l.data })) };
}

export function lineOption(lines: readonly TrendLine[]) {
  const right = lines.find((l) => l.right);
  return {
    animation: false,
    backgroundColor: 'transparent',
    grid: { left: 8, right: 8, top: 34, bottom: 4, containLabel: true },
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 8, textStyle: { color: C.textDim, fontSize: 13 } },
    tooltip: TOOLTIP,
    xAxis: { type: 'time', axisLine: { lineStyle: { color: C.grid } }, axisLabel: { ...AXIS_LABEL, hideOverlap: true }, splitLine: { show: false } },
    yAxis: [
      { type: 'value', axisLabel: AXIS_LABEL, splitLine: { lineStyle: { color: C.grid } } },
      { type: 'value', axisLabel: AXIS_LABEL, splitLine: { show: false }, show: !!right, ...(right?.fractional ? {} : { minInterval: 1 }) },
    ],
    series: lines.map((l, i) => ({
      id: l.id,
      name: l.name,
      type: 'line',
      data: l.data,
      yAxisIndex: l.right ? 1 : 0,
      color: l.color,
      showSymbol: false,
      connectNulls: false,
      smooth: 0.3,
      lineStyle: { width: i === 0 ? 3 : 2 },
      ...(i === 0 ? { areaStyle: { opacity: 0.12 } } : {}),
    })),
  };
}
