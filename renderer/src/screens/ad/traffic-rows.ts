/** Paid vs natural traffic rows of the ad screen: each paid channel with entries, and the natural channels summed. */
import { ratio } from '../../../../shared/metrics/glossary';
import type { ChannelRow } from '../../../../shared/viewmodel/room';

export interface PaidTrafficRow {
  key: string;
  /** a paid channel id, or 'natural' for the sum of the natural channels */
  channel: string;
  paid: boolean;
  enters: number;
  share: number | null;
  uv: number;
  clickUsers: number;
  orders: number;
  gmv: number;
  buyers: number;
  /** click users ÷ viewers of the channel */
  clickRate: number | null;
  /** GMV per thousand entries of the channel */
  gpm: number | null;
}

export function paidTrafficRows(channels: readonly ChannelRow[]): PaidTrafficRow[] {
  const total = channels.reduce((s, c) => s + c.enters, 0);
  const row = (key: string, channel: string, paid: boolean, cs: readonly ChannelRow[]): PaidTrafficRow => {
    const sum = (f: (c: ChannelRow) => number) => cs.reduce((s, c) => s + f(c), 0);
    const enters = sum((c) => c.enters);
    const uv = sum((c) => c.uv);
    const gmv = sum((c) => c.gmv);
    const clickUsers = sum((c) => c.clickUsers);
    return {
      key, channel, paid, enters, uv, gmv, clickUsers,
      share: ratio(enters, total),
      orders: sum((c) => c.orders),
      buyers: sum((c) => c.buyers),
      clickRate: ratio(clickUsers, uv),
      gpm: ratio(gmv, enters, 1000),
    };
  };
  const paid = channels.filter((c) => c.paid && c.enters > 0).map((c) => row(c.channel, c.channel, true, [c]));
  return [...paid, row('natural', 'natural', false, channels.filter((c) => !c.paid))];
}
