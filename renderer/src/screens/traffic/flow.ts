/**
 * Entry vs exit rate of the traffic screen: entries and exits per minute over the recent window
 * (the last 5 minutes in 10-second buckets, recent series of the room view), their difference,
 * and exits ÷ entries (null without entries: "—").
 */
import { ratio } from '../../../../shared/metrics/glossary';
import type { Series } from '../../../../shared/viewmodel/room';

export interface FlowRates {
  enterRate: number | null;
  exitRate: number | null;
  netRate: number | null;
  exitRatio: number | null;
}

const BUCKET_S = 10;

export function flowRates(recent: Pick<Series, 't' | 'enters' | 'exits'> | null | undefined): FlowRates {
  const n = recent?.t.length ?? 0;
  if (!recent || n === 0) return { enterRate: null, exitRate: null, netRate: null, exitRatio: null };
  const enters = recent.enters.reduce((s, v) => s + v, 0);
  const exits = recent.exits.reduce((s, v) => s + v, 0);
  const minutes = (n * BUCKET_S) / 60;
  return { enterRate: enters / minutes, exitRate: exits / minutes, netRate: (enters - exits) / minutes, exitRatio: ratio(exits, enters) };
}
