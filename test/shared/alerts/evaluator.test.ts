/**
 * The evaluator against hand-worked sequences of room views: each case states the figure at each
 * event time and which of those steps must fire.
 */
import { describe, expect, it } from 'vitest';
import { AlertEvaluator, type AlertView } from '../../../shared/alerts/evaluator';
import { SlidingMax } from '../../../shared/alerts/sliding-max';
import { alertMessage, formatAlertValue } from '../../../shared/alerts/message';
import type { AlertRule } from '../../../shared/alerts/rules';
import { METRIC_IDS } from '../../../shared/metrics/glossary';
import type { Figures } from '../../../shared/viewmodel/room';

const T0 = 1_700_000_000_000;
const ctx = { breakEvenRoi: 2 };

function view(t: number, figures: Partial<Figures>, opts: { room?: string; plans?: AlertView['ads']['plans'] } = {}): AlertView {
  const all = Object.fromEntries(METRIC_IDS.map((id) => [id, null])) as Figures;
  return { eventTime: t, figures: { ...all, ...figures }, info: { roomId: opts.room ?? 'room-1' }, ads: { plans: opts.plans ?? [] } };
}
const rule = (r: Partial<AlertRule> & Pick<AlertRule, 'kind'>): AlertRule => ({ id: 'r1', metric: 'online', threshold: 1000, roomId: null, enabled: true, ...r });

/** Feed (seconds after T0, value) steps of one metric; the indexes of the steps that fired. */
function firedAt(ev: AlertEvaluator, metric: keyof Figures, steps: [number, number | null][], session = 's1'): number[] {
  const out: number[] = [];
  steps.forEach(([sec, v], i) => {
    if (ev.evaluate(session, view(T0 + sec * 1000, { [metric]: v }), ctx).length > 0) out.push(i);
  });
  return out;
}

describe('AlertEvaluator', () => {
  it('above: fires on the crossing, once while it hovers, again only after clearing the 5 % margin and the cool-down', () => {
    const ev = new AlertEvaluator([rule({ kind: 'above', threshold: 1000 })], { cooldownMs: 60_000 });
    const steps: [number, number | null][] = [
      [0, 900], // below
      [1, 1001], // crosses: fires (0 → index 1)
      [1.1, 999], // hovers just under: not re-armed (needs ≤ 950)
      [1.2, 1002], // over again: no second firing
      [2, 960], // still above 950: not re-armed
      [3, 1200],
      [4, 950], // ≤ 950: re-armed
      [5, 1100], // true again, but only 4 s after the firing: waits for the cool-down
      [62, 1100], // 61 s after the firing, still true: fires
      [63, null], // no value: nothing
      [70, 940], // re-arm
      [200, 1300], // fires
    ];
    expect(firedAt(ev, 'online', steps)).toEqual([1, 8, 11]);
  });

  it('above: a figure already over the threshold fires at the first view; prime() learns it silently', () => {
    const fresh = new AlertEvaluator([rule({ kind: 'above', threshold: 10 })]);
    expect(firedAt(fresh, 'online', [[0, 20]])).toEqual([0]);
    const primed = new AlertEvaluator([rule({ kind: 'above', threshold: 10 })]);
    primed.prime('s1', view(T0, { online: 20 }), ctx);
    // still true: silent; cleared (≤ 9.5) re-arms; true again fires (priming starts no cool-down)
    expect(firedAt(primed, 'online', [[1, 25], [2, 5], [3, 30]])).toEqual([2]);
  });

  it('below: mirror image, margin above the threshold', () => {
    const ev = new AlertEvaluator([rule({ kind: 'below', metric: 'gpm', threshold: 2000 })], { cooldownMs: 0 });
    // 1999 fires; 2050 < 2100 does not re-arm; 2100 re-arms; 1500 fires
    expect(firedAt(ev, 'gpm', [[0, 2500], [1, 1999], [2, 2050], [3, 1900], [4, 2100], [5, 1500]])).toEqual([1, 5]);
  });

  it('drop_pct: the drop from the window’s peak, with peaks older than the window forgotten', () => {
    const ev = new AlertEvaluator([rule({ kind: 'drop_pct', threshold: 30, windowMin: 1 })], { cooldownMs: 0 });
    const steps: [number, number | null][] = [
      [0, 1000], // peak 1000
      [20, 800], // −20 %
      [40, 700], // −30 %: fires
      [50, 650], // −35 %: already fired
      [70, 690], // peak within [10 s, 70 s] is 800 (t=20): −13.75 %, ≤ 28.5 %: re-armed
      [100, 600], // peak within [40, 100] is 700 (t=40): −14.3 %
      [130, 480], // peak within [70, 130] is 690: −30.4 %: fires
    ];
    expect(firedAt(ev, 'online', steps)).toEqual([2, 6]);
  });

  it('drop_pct: a rising figure never fires, a zero peak gives no verdict', () => {
    const ev = new AlertEvaluator([rule({ kind: 'drop_pct', threshold: 10, windowMin: 5 })]);
    expect(firedAt(ev, 'online', [[0, 0], [1, 0], [2, 100], [3, 200], [4, 300]])).toEqual([]);
  });

  it('roi_below_break_even: compares with the break-even ROI of the context, per plan for plan_roi:*', () => {
    const ev = new AlertEvaluator([rule({ id: 'roi', kind: 'roi_below_break_even', metric: 'plan_roi:*', threshold: null })], { cooldownMs: 0 });
    const plans = (a: number | null, b: number | null) => [
      { planId: 'p1', name: '千川计划A', roi: a },
      { planId: 'p2', name: '随心推B', roi: b },
    ];
    const at = (sec: number, a: number | null, b: number | null) => ev.evaluate('s1', view(T0 + sec * 1000, {}, { plans: plans(a, b) }), ctx);
    expect(at(0, null, 3)).toEqual([]); // p1 has no spend yet; p2 above 2
    const first = at(1, 1.5, 3);
    expect(first.map((f) => [f.planId, f.value, f.threshold, f.metric, f.screen])).toEqual([['p1', 1.5, 2, 'plan_roi:p1', 'ad']]);
    expect(alertMessage(first[0]!, 'zh-CN')).toBe('计划「千川计划A」支付ROI 1.50 低于保本ROI 2.00');
    expect(alertMessage(first[0]!, 'en')).toBe('Plan “千川计划A” ROI 1.50 is under the break-even ROI 2.00');
    expect(at(2, 1.4, 1.9).map((f) => f.planId)).toEqual(['p2']); // p1 still under: no repeat
    // a higher break-even ROI applies at once
    expect(ev.evaluate('s1', view(T0 + 3000, {}, { plans: plans(2.05, 2.2) }), { breakEvenRoi: 2 }).length).toBe(0); // 2.05 < 2.1: p1 not re-armed
  });

  it('honours roomId, enabled, and keeps rooms apart', () => {
    const ev = new AlertEvaluator(
      [rule({ id: 'one', kind: 'above', threshold: 10, roomId: 'room-2' }), rule({ id: 'off', kind: 'above', threshold: 10, enabled: false })],
      { cooldownMs: 0 },
    );
    expect(ev.evaluate('s1', view(T0, { online: 50 }, { room: 'room-1' }), ctx)).toEqual([]);
    const fired = ev.evaluate('s2', view(T0, { online: 50 }, { room: 'room-2' }), ctx);
    expect(fired.map((f) => [f.ruleId, f.sessionId, f.roomId, f.screen])).toEqual([['one', 's2', 'room-2', 'live']]);
  });

  it('setRules keeps the state of unchanged rules and resets changed ones', () => {
    const a = rule({ id: 'a', kind: 'above', threshold: 10 });
    const b = rule({ id: 'b', kind: 'above', threshold: 10 });
    const ev = new AlertEvaluator([a, b], { cooldownMs: 0 });
    expect(ev.evaluate('s1', view(T0, { online: 50 }), ctx).map((f) => f.ruleId)).toEqual(['a', 'b']);
    ev.setRules([a, { ...b, threshold: 20 }]);
    // a is still disarmed (no repeat); b is a new rule and its condition holds: fires
    expect(ev.evaluate('s1', view(T0 + 1000, { online: 50 }), ctx).map((f) => f.ruleId)).toEqual(['b']);
  });

  it('writes messages with the figure in a person’s unit', () => {
    const ev = new AlertEvaluator([rule({ kind: 'below', metric: 'gmv', threshold: 1_000_000 }), rule({ id: 'r2', kind: 'drop_pct', metric: 'product_click_rate', threshold: 25, windowMin: 3 })]);
    const [low] = ev.evaluate('s1', view(T0, { gmv: 123_456, product_click_rate: 0.2 }), ctx);
    expect(alertMessage(low!, 'zh-CN')).toBe('成交金额低于 ¥10,000（当前 ¥1,234.56）');
    expect(alertMessage(low!, 'en')).toBe('GMV fell below ¥10,000 (now ¥1,234.56)');
    const [drop] = ev.evaluate('s1', view(T0 + 60_000, { gmv: 123_456, product_click_rate: 0.14 }), ctx);
    expect(drop!.screen).toBe('product');
    expect(alertMessage(drop!, 'zh-CN')).toBe('商品点击率 3 分钟内下降 30.0%（阈值 25%，当前 14.00%）');
    // counts with separators, as the screens show them
    expect(formatAlertValue('pv', 3372)).toBe('3,372');
    expect(formatAlertValue('avg_online', 1234.5)).toBe('1,234.50');
  });
});

describe('SlidingMax', () => {
  it('stays bounded at 10 samples a second over a 2-hour window of falling values, and gives the window maximum', () => {
    const m = new SlidingMax(120 * 60_000);
    let max = 0;
    for (let i = 0; i < 10 * 60 * 60 * 3; i++) max = m.push(i * 100, 1_000_000 - i);
    expect(m.size).toBeLessThanOrEqual(241);
    // three hours of falling values: the maximum is the oldest sample inside the last two hours, give or take the
    // coarseness of the buckets (a bucket of 30 s = 300 samples is dropped whole when its start leaves the window)
    const oldestInside = 1_000_000 - (10 * 60 * 60 * 3 - 1 - 10 * 60 * 120);
    expect(max).toBeLessThanOrEqual(oldestInside);
    expect(max).toBeGreaterThanOrEqual(oldestInside - 300);
  });
});
