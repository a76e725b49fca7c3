/**
 * A session's headline figures (the session list, `luopan sessions`, the overview): the live
 * screen's own figures under the names of SessionSummary — one mapping, so the list and the
 * screen can never disagree.
 */
import type { SessionSummary } from '../api/contract';
import type { Figures } from '../viewmodel/room';

export type Headline = Pick<SessionSummary, 'gmv' | 'pv' | 'uv' | 'peakOnline' | 'gpm' | 'orders'>;

export function headlineOf(figures: Figures): Headline {
  return {
    gmv: figures.gmv,
    pv: figures.pv,
    uv: figures.uv,
    peakOnline: figures.peak_online,
    gpm: figures.gpm,
    orders: figures.orders,
  };
}
