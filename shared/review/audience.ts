/**
 * Traffic per channel and the three portraits of a review, from the live aggregator's own rows
 * (RoomView.channels, RoomView.portrait), so they agree with what the live screen showed.
 */
import { ratio } from '../metrics/glossary';
import type { ChannelRow, PortraitCounts } from '../viewmodel/room';
import type { ReviewChannel, ReviewPortraits } from './types';

/**
 * One row per channel that brought an entry or a sale, most entries first: entries, PV share
 * (entries ÷ all entries), buyers, GMV, GMV share (÷ all GMV) and GPM (GMV ÷ entries × 1000).
 */
export function reviewChannels(rows: readonly ChannelRow[]): ReviewChannel[] {
  const pv = rows.reduce((a, r) => a + r.enters, 0);
  const gmv = rows.reduce((a, r) => a + r.gmv, 0);
  return rows
    .filter((r) => r.enters > 0 || r.gmv > 0 || r.buyers > 0)
    .map((r) => ({
      channel: r.channel,
      entries: r.enters,
      pvShare: ratio(r.enters, pv),
      buyers: r.buyers,
      gmv: r.gmv,
      gmvShare: ratio(r.gmv, gmv),
      gpm: ratio(r.gmv, r.enters, 1000),
    }))
    .sort((a, b) => b.entries - a.entries || b.gmv - a.gmv);
}

const minus = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) out[k] = Math.max(0, (a[k] ?? 0) - (b[k] ?? 0));
  return out;
};

/**
 * Watchers (distinct entering viewers), buyers, and those who watched but did not buy:
 * watchers − buyers in each bucket, at least 0 (a buyer's attributes are those of their entry,
 * so a buyer counts among the watchers in the same bucket; one who bought without entering
 * would otherwise make a bucket negative).
 */
export function reviewPortraits(watchers: PortraitCounts, buyers: PortraitCounts): ReviewPortraits {
  return {
    watchers,
    buyers,
    nonBuyers: {
      gender: minus(watchers.gender, buyers.gender),
      age: minus(watchers.age, buyers.age),
      region: minus(watchers.region, buyers.region),
      fan: minus(watchers.fan, buyers.fan) as PortraitCounts['fan'],
      returning: minus(watchers.returning, buyers.returning) as PortraitCounts['returning'],
    },
  };
}
