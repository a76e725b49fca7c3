/**
 * Sources: traffic share and GMV share per channel, as a horizontal bar chart option. Paid
 * channels are labelled in the paid colour. Channel names come from the protocol's list
 * (unknown channels were already folded into `other` by the aggregator).
 */
import { CHANNEL_NAMES, isPaidChannel, type Channel } from '../../../../shared/protocol/channels';
import { ratio } from '../../../../shared/metrics/glossary';
import type { ChannelRow } from '../../../../shared/viewmodel/room';
import { AXIS_LABEL, C, LIVE_TOOLTIP } from '../theme';

export const MAX_CHANNELS = 8;

export interface ChannelBars {
  names: string[];
  paid: boolean[];
  /** percentages (0–100), null when the room has no entries / no GMV yet */
  traffic: (number | null)[];
  orders: (number | null)[];
}

export function channelBars(rows: readonly ChannelRow[], locale: 'zh-CN' | 'en'): ChannelBars {
  const enters = rows.reduce((n, r) => n + r.enters, 0);
  const gmv = rows.reduce((n, r) => n + r.gmv, 0);
  const top = [...rows]
    .filter((r) => r.enters > 0 || r.gmv > 0)
    .sort((a, b) => b.enters - a.enters || b.gmv - a.gmv)
    .slice(0, MAX_CHANNELS)
    .reverse(); // the bar chart draws the first category at the bottom
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return {
    names: top.map((r) => CHANNEL_NAMES[r.channel as Channel]?.[locale === 'en' ? 'en' : 'zh'] ?? 'other'),
    paid: top.map((r) => r.paid || isPaidChannel(r.channel)),
    traffic: top.map((r) => pct(ratio(r.enters, enters))),
    orders: top.map((r) => pct(ratio(r.gmv, gmv))),
  };
}

/** Whether two sets of bars draw the same (then the chart is left alone). */
export function sameBars(a: ChannelBars, b: ChannelBars): boolean {
  const same = <T>(x: T[], y: T[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.names, b.names) && same(a.paid, b.paid) && same(a.traffic, b.traffic) && same(a.orders, b.orders);
}

/** paid channel names drawn in the paid colour (rich text of the category label) */
function categoryLabel(bars: ChannelBars) {
  return (name: string, i: number) => (bars.paid[i] ? `{paid|${name}}` : name);
}

/** What changes between deltas, merged into the chart by series id: categories and bar lengths. */
export function channelData(bars: ChannelBars) {
  return {
    yAxis: { data: bars.names, axisLabel: { formatter: categoryLabel(bars) } },
    series: [
      { id: 'traffic', data: bars.traffic },
      { id: 'orders', data: bars.orders },
    ],
  };
}

export function channelOption(bars: ChannelBars, labels: { traffic: string; orders: string }) {
  return {
    animation: false,
    backgroundColor: 'transparent',
    grid: { left: 4, right: 36, top: 28, bottom: 0, containLabel: true },
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 8, textStyle: { color: C.textDim, fontSize: 13 } },
    tooltip: { ...LIVE_TOOLTIP, valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
    xAxis: { type: 'value', max: (e: { max: number }) => Math.min(100, Math.max(10, Math.ceil(e.max / 10) * 10)), axisLabel: { ...AXIS_LABEL, formatter: '{value}%' }, splitLine: { lineStyle: { color: C.grid } } },
    yAxis: {
      type: 'category',
      data: bars.names,
      axisLine: { lineStyle: { color: C.grid } },
      axisTick: { show: false },
      axisLabel: {
        fontSize: 14,
        color: C.text,
        formatter: categoryLabel(bars),
        rich: { paid: { color: C.paid, fontSize: 14, fontWeight: 'bold' } },
      },
    },
    series: [
      { id: 'traffic', name: labels.traffic, type: 'bar', data: bars.traffic, barWidth: 8, itemStyle: { color: C.cyan, borderRadius: 4 } },
      { id: 'orders', name: labels.orders, type: 'bar', data: bars.orders, barWidth: 8, itemStyle: { color: C.amber, borderRadius: 4 } },
    ],
  };
}
