/**
 * Channels as small integers, so per-user channel sets are bitmasks and per-channel counters
 * are arrays (the hot path of the aggregator must not allocate per event).
 */
import { CHANNELS, isPaidChannel, normalizeChannel, type Channel } from '../protocol/channels';

export const CHANNEL_COUNT = CHANNELS.length;
const INDEX = new Map<string, number>(CHANNELS.map((c, i) => [c, i]));
const OTHER = INDEX.get('other')!;

/** Index into CHANNELS of the channel a figure counts under (unknown strings → `other`). */
export function channelIndex(channel: string): number {
  return INDEX.get(channel) ?? OTHER;
}

export function channelAt(index: number): Channel {
  return CHANNELS[index] ?? normalizeChannel('other');
}

export const PAID_BY_INDEX: readonly boolean[] = CHANNELS.map((c) => isPaidChannel(c));
