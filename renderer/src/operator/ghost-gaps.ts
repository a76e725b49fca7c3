/**
 * What the live screen says about the ghosts at the current show minute: each reference's value
 * (the previous show's and the median's: cumulative GMV at that minute, the latest online) and
 * the live figure's gap to it in %. Pure, for the chips of the trend charts.
 */
import { ghostGap, ghostValue, showMinute, type GhostCurves } from '../../../shared/ghost/curves';

export interface GhostGap {
  which: 'previous' | 'median';
  metric: 'online' | 'gmv';
  /** the reference's value at the current show minute (fen for GMV) */
  value: number;
  /** the live figure's relative gap to it; null when the reference is 0 */
  gap: number | null;
  /** the previous session's id (previous only) */
  session: string | null;
  /** sessions the median is taken over (median only) */
  sessions: number;
}

export function ghostGaps(
  curves: GhostCurves | null | undefined,
  metric: 'online' | 'gmv',
  current: number | null | undefined,
  eventTime: number,
  startedAt: number,
): GhostGap[] {
  if (!curves || !(startedAt > 0)) return [];
  const minute = showMinute(eventTime, startedAt);
  const out: GhostGap[] = [];
  const prev = ghostValue(curves.previous, metric, minute);
  if (prev !== null) out.push({ which: 'previous', metric, value: prev, gap: ghostGap(current ?? null, prev), session: curves.previous!.sessionId, sessions: 1 });
  const med = ghostValue(curves.median, metric, minute);
  if (med !== null) out.push({ which: 'median', metric, value: med, gap: ghostGap(current ?? null, med), session: null, sessions: curves.median!.sessionIds.length });
  return out;
}

/** Whether the room has no earlier show at all (said once, quietly). */
export function noHistory(curves: GhostCurves | null | undefined): boolean {
  return !!curves && curves.previous === null && curves.median === null;
}
