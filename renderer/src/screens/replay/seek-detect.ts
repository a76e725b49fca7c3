/**
 * Whether the replay jumped between two pushed states: its position moved by more than
 * playing could explain (a seek here or in another window, the restart from the end), or moved
 * at all while paused. Play advances by wall time × speed; the tolerance covers the push
 * interval and the transport's delay at 16×.
 */
import type { ReplayState } from '../../../../shared/api/contract';

/** show ms a paused replay may move without being a seek (rounding) */
const PAUSED_SLACK_MS = 500;
/** show ms of slack on top of half the expected advance while playing */
const PLAYING_SLACK_MS = 3000;

export function isSeek(before: Pick<ReplayState, 'positionMs' | 'playing' | 'speed'>, after: Pick<ReplayState, 'positionMs' | 'playing' | 'speed'>, wallMs: number): boolean {
  const moved = after.positionMs - before.positionMs;
  if (!before.playing && !after.playing) return Math.abs(moved) > PAUSED_SLACK_MS;
  const expected = Math.max(0, wallMs) * before.speed;
  return moved < -PAUSED_SLACK_MS || Math.abs(moved - expected) > PLAYING_SLACK_MS + expected / 2;
}
