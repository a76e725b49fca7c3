/**
 * Sources: traffic share and GMV share per channel, the bars of the live screen's channel chart
 * (drawn by ../canvas/draw-bars.ts). Paid channels are labelled in the paid colour. Channel
 * names come from the protocol's list (unknown channels were already folded into `other` by the
 * aggregator).
 */
import { CHANNEL_NAMES, isPaidChannel, type Channel } from '../../../../shared/protocol/channels';
import { ratio } from '../../../../shared/metrics/glossary';
import type { ChannelRow } from '../../../../shared/viewmodel/room';

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
