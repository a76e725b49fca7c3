/**
 * The alert evaluator: fed a room's view after each aggregator update (the engine does it at
 * the publish rate, ≤ 10 Hz), it reports the rules whose condition has just become true.
 *
 * Edge-triggered with hysteresis and a cool-down, so a figure hovering at the threshold does
 * not fire ten times a second: after firing, a rule (per room, per plan) is disarmed until the
 * figure is back on the good side by a margin (HYSTERESIS of the threshold), and it fires again
 * no sooner than `cooldownMs` after its previous firing (an armed rule whose condition is true
 * during the cool-down fires when the cool-down ends, if still true).
 *
 * Time is the room's event clock (`eventTime`), like every figure of the aggregator, so a
 * sped-up demo or a replay fires the same alerts at the same show times as the live show did.
 * A figure with no value (null: a zero denominator) neither fires nor re-arms.
 */
import type { RoomView } from '../viewmodel/room';
import { screenOfMetric, type AlertScreen } from './owner';
import { ANY_PLAN_ROI, planOf, type AlertKind, type AlertMetric, type AlertRule } from './rules';
import { SlidingMax } from './sliding-max';

/** the margin, as a fraction of the threshold, by which a figure must clear it to re-arm the rule */
export const HYSTERESIS = 0.05;
export const DEFAULT_COOLDOWN_MS = 60_000;

/** What the evaluator reads of a room. */
export type AlertView = Pick<RoomView, 'eventTime' | 'figures'> & {
  info: Pick<RoomView['info'], 'roomId'>;
  ads: { plans: Pick<RoomView['ads']['plans'][number], 'planId' | 'name' | 'roi'>[] };
};

export interface AlertContext {
  /** the shop's break-even ROI (settings.breakEvenRoi) */
  breakEvenRoi: number;
}

export interface AlertFiring {
  ruleId: string;
  sessionId: string;
  roomId: string;
  kind: AlertKind;
  /** the metric watched; for a plan, `plan_roi:<planId>` of the plan that fired (also for `plan_roi:*`) */
  metric: AlertMetric;
  planId: string | null;
  planName: string | null;
  /** the figure now */
  current: number;
  /** what was compared with the threshold: the figure, or for drop_pct the drop in percent */
  value: number;
  /** the threshold in force (break-even ROI for roi_below_break_even, percent for drop_pct) */
  threshold: number;
  windowMin: number | null;
  /** event time (ms) of the view that fired */
  ts: number;
  /** the screen that shows the metric */
  screen: AlertScreen;
}

interface Track {
  armed: boolean;
  lastFired: number | null;
  peaks: SlidingMax | null;
}

interface Target {
  key: string;
  metric: AlertMetric;
  planId: string | null;
  planName: string | null;
  value: number | null;
}

type Verdict = { fire: boolean; rearm: boolean; value: number; threshold: number };

export interface EvaluatorOptions {
  cooldownMs?: number;
}

export class AlertEvaluator {
  private rules: { rule: AlertRule; sig: string }[] = [];
  private readonly tracks = new Map<string, Track>();
  private readonly cooldownMs: number;

  constructor(rules: readonly AlertRule[] = [], opts: EvaluatorOptions = {}) {
    this.cooldownMs = opts.cooldownMs ?? DEFAULT_COOLDOWN_MS;
    this.setRules(rules);
  }

  /** Replace the rules; a rule that did not change keeps its state (armed, cool-down, window). */
  setRules(rules: readonly AlertRule[]): void {
    const before = new Map(this.rules.map((r) => [r.rule.id, r.sig]));
    this.rules = rules.map((rule) => ({ rule, sig: JSON.stringify(rule) }));
    const keep = new Set(this.rules.filter((r) => before.get(r.rule.id) === r.sig).map((r) => r.rule.id));
    for (const key of [...this.tracks.keys()]) if (!keep.has(key.slice(0, key.indexOf('\u0000')))) this.tracks.delete(key);
  }

  /** The rules that fire now for this room's view. */
  evaluate(sessionId: string, view: AlertView, ctx: AlertContext): AlertFiring[] {
    return this.run(sessionId, view, ctx, true);
  }

  /** Learn the current state without reporting (after a restart: what is already true fired before). */
  prime(sessionId: string, view: AlertView, ctx: AlertContext): void {
    this.run(sessionId, view, ctx, false);
  }

  /** Drop the state of a room that left the live view. */
  forget(sessionId: string): void {
    for (const key of [...this.tracks.keys()]) if (key.split('\u0000')[1] === sessionId) this.tracks.delete(key);
  }

  private run(sessionId: string, view: AlertView, ctx: AlertContext, report: boolean): AlertFiring[] {
    const out: AlertFiring[] = [];
    const t = view.eventTime;
    for (const { rule } of this.rules) {
      if (!rule.enabled) continue;
      if (rule.roomId !== null && rule.roomId !== view.info.roomId) continue;
      for (const target of targetsOf(rule, view)) {
        const key = `${rule.id}\u0000${sessionId}\u0000${target.key}`;
        let track = this.tracks.get(key);
        if (!track) {
          track = { armed: true, lastFired: null, peaks: rule.kind === 'drop_pct' ? new SlidingMax((rule.windowMin ?? 1) * 60_000) : null };
          this.tracks.set(key, track);
        }
        if (target.value === null || !Number.isFinite(target.value)) continue;
        const v = judge(rule, target.value, t, track, ctx);
        if (!v) continue;
        if (v.fire) {
          const cooled = track.lastFired === null || t - track.lastFired >= this.cooldownMs;
          if (!track.armed || !cooled) continue;
          track.armed = false;
          if (!report) continue;
          track.lastFired = t;
          out.push({
            ruleId: rule.id,
            sessionId,
            roomId: view.info.roomId,
            kind: rule.kind,
            metric: target.metric,
            planId: target.planId,
            planName: target.planName,
            current: target.value,
            value: v.value,
            threshold: v.threshold,
            windowMin: rule.windowMin ?? null,
            ts: t,
            screen: screenOfMetric(target.metric),
          });
        } else if (v.rearm) {
          track.armed = true;
        }
      }
    }
    return out;
  }
}

/** The figures a rule watches in a room: one metric, or one per ad plan. */
function targetsOf(rule: AlertRule, view: AlertView): Target[] {
  const plan = planOf(rule.metric);
  if (plan === null) {
    const value = view.figures[rule.metric as keyof AlertView['figures']];
    return [{ key: '', metric: rule.metric, planId: null, planName: null, value: value ?? null }];
  }
  const plans = rule.metric === ANY_PLAN_ROI ? view.ads.plans : view.ads.plans.filter((p) => p.planId === plan);
  return plans.map((p) => ({ key: p.planId, metric: `plan_roi:${p.planId}`, planId: p.planId, planName: p.name, value: p.roi }));
}

/** Whether the condition holds now (fire) or is cleared by the hysteresis margin (rearm); null = no verdict yet. */
function judge(rule: AlertRule, value: number, t: number, track: Track, ctx: AlertContext): Verdict | null {
  switch (rule.kind) {
    case 'above': {
      const thr = rule.threshold!;
      return { fire: value > thr, rearm: value <= thr - Math.abs(thr) * HYSTERESIS, value, threshold: thr };
    }
    case 'below': {
      const thr = rule.threshold!;
      return { fire: value < thr, rearm: value >= thr + Math.abs(thr) * HYSTERESIS, value, threshold: thr };
    }
    case 'roi_below_break_even': {
      const thr = ctx.breakEvenRoi;
      return { fire: value < thr, rearm: value >= thr + Math.abs(thr) * HYSTERESIS, value, threshold: thr };
    }
    case 'drop_pct': {
      const peak = track.peaks!.push(t, value);
      if (peak <= 0) return null;
      const drop = ((peak - value) / peak) * 100;
      const thr = rule.threshold!;
      return { fire: drop >= thr, rearm: drop <= thr * (1 - HYSTERESIS), value: drop, threshold: thr };
    }
  }
}
