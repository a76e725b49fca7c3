/**
 * The definitions of an action's impact (issue 15 §3), pure and exact to the millisecond:
 * - windows: before [t − w, t), after [t, t + w), clipped to the session (from its start, up to
 *   its end); a window of zero length has no figures;
 * - online: the time-weighted mean of the platform's online figure (the latest `online` event;
 *   0 before the first) over the window;
 * - entries per minute: `viewer.enter` events in the window ÷ its length in minutes;
 * - paid GMV per minute: Σ amount of the orders created (`order.create` ts) in the window and
 *   paid (`order.pay`, not after a cancel) before the window ended, ÷ minutes;
 * - click rate: distinct users with a `product.click` in the window ÷ distinct users with a
 *   `product.exposure` in it (null without exposure);
 * - change: (after − before) ÷ before per figure, null when before is 0 or null;
 * - label: from the longest window measured (15 min once it passed, 5 min before): GMV per
 *   minute up more than 10 % → 起量, down more than 10 % → 回落, else 持平; from nothing before
 *   to some after → 起量; nothing before and after → 持平.
 */
import { LABEL_THRESHOLD, type ImpactLabel, type WindowImpact, type WindowStats } from './types';

const MINUTE_MS = 60_000;

/** What a window is computed from: the events of the show as (ts, what) records. */
export interface ImpactLog {
  /** online changes in time order: [ts, count] */
  online: readonly (readonly [number, number])[];
  /** the online figure in force before the first change listed */
  onlineBefore: number;
  /** viewer.enter times */
  enters: readonly number[];
  /** orders: created at, amount (fen), paid at (null = not paid) */
  orders: readonly { createdAt: number; amount: number; paidAt: number | null }[];
  exposures: readonly (readonly [number, string])[];
  clicks: readonly (readonly [number, string])[];
}

export function windowStats(log: ImpactLog, from: number, to: number): WindowStats {
  const len = to - from;
  if (!(len > 0)) return { online: null, entriesPerMin: null, gmvPerMin: null, clickRate: null };
  // ∫ online dt over [from, to)
  let level = log.onlineBefore;
  let at = from;
  let integral = 0;
  for (const [ts, count] of log.online) {
    if (ts >= to) break;
    if (ts > at) {
      integral += level * (ts - at);
      at = ts;
    }
    level = count;
  }
  integral += level * (to - at);
  let enters = 0;
  for (const ts of log.enters) if (ts >= from && ts < to) enters++;
  let gmv = 0;
  for (const o of log.orders) if (o.createdAt >= from && o.createdAt < to && o.paidAt !== null && o.paidAt < to) gmv += o.amount;
  const exposed = new Set<string>();
  const clicked = new Set<string>();
  for (const [ts, u] of log.exposures) if (ts >= from && ts < to) exposed.add(u);
  for (const [ts, u] of log.clicks) if (ts >= from && ts < to) clicked.add(u);
  const minutes = len / MINUTE_MS;
  return {
    online: integral / len,
    entriesPerMin: enters / minutes,
    gmvPerMin: gmv / minutes,
    clickRate: exposed.size > 0 ? clicked.size / exposed.size : null,
  };
}

const rel = (before: number | null, after: number | null): number | null =>
  before === null || after === null || before === 0 ? null : (after - before) / before;

/** Before vs after an action at `t` over `w` ms, within the session [startedAt, endAt). */
export function windowImpact(log: ImpactLog, t: number, w: number, startedAt: number, endAt: number): WindowImpact {
  const before = windowStats(log, Math.max(startedAt, t - w), Math.min(t, endAt));
  const after = windowStats(log, t, Math.min(t + w, endAt));
  return {
    before,
    after,
    change: {
      online: rel(before.online, after.online),
      entriesPerMin: rel(before.entriesPerMin, after.entriesPerMin),
      gmvPerMin: rel(before.gmvPerMin, after.gmvPerMin),
      clickRate: rel(before.clickRate, after.clickRate),
    },
  };
}

/** 起量 / 持平 / 回落 from the change of paid GMV per minute (±10 %); null without figures. */
export function impactLabel(impact: WindowImpact | null): ImpactLabel | null {
  if (!impact) return null;
  const b = impact.before.gmvPerMin;
  const a = impact.after.gmvPerMin;
  if (b === null || a === null) return null;
  if (b === 0) return a > 0 ? '起量' : '持平';
  const c = (a - b) / b;
  return c > LABEL_THRESHOLD ? '起量' : c < -LABEL_THRESHOLD ? '回落' : '持平';
}
