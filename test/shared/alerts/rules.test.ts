import { describe, expect, it } from 'vitest';
import { checkRule, readableRules, validateRules, type AlertRule } from '../../../shared/alerts/rules';
import { screenOfMetric } from '../../../shared/alerts/owner';

const ok = (r: unknown): AlertRule => {
  const c = checkRule(r);
  if (!c.ok) throw new Error(c.reason);
  return c.rule;
};
const reason = (r: unknown): string => {
  const c = checkRule(r);
  if (c.ok) throw new Error(`accepted ${JSON.stringify(r)}`);
  return c.reason;
};

describe('alert rules', () => {
  it('accepts each kind and fills the defaults (every room, enabled)', () => {
    expect(ok({ id: 'a', metric: 'online', kind: 'above', threshold: 1000 })).toEqual({ id: 'a', metric: 'online', kind: 'above', threshold: 1000, roomId: null, enabled: true });
    expect(ok({ id: 'b', metric: 'gpm', kind: 'below', threshold: 500, roomId: 'room-1', enabled: false })).toMatchObject({ roomId: 'room-1', enabled: false });
    expect(ok({ id: 'c', metric: 'online', kind: 'drop_pct', threshold: 30, windowMin: 1 })).toMatchObject({ windowMin: 1, threshold: 30 });
    expect(ok({ id: 'd', metric: 'ad_roi', kind: 'roi_below_break_even', threshold: null })).toMatchObject({ threshold: null });
    expect(ok({ id: 'e', metric: 'plan_roi:*', kind: 'roi_below_break_even' })).toMatchObject({ metric: 'plan_roi:*', threshold: null });
    expect(ok({ id: 'f', metric: 'plan_roi:plan-7', kind: 'below', threshold: 1.5 })).toMatchObject({ metric: 'plan_roi:plan-7' });
  });

  it('gives one line naming the problem for each kind of bad rule', () => {
    expect(reason({ id: 'a', metric: 'gmvv', kind: 'above', threshold: 1 })).toMatch(/metric must be a glossary metric id/);
    expect(reason({ id: 'a', metric: 'gmv', kind: 'rises', threshold: 1 })).toMatch(/kind must be above, below/);
    expect(reason({ id: 'a', metric: 'gmv', kind: 'above' })).toBe('threshold is required for above');
    expect(reason({ id: 'a', metric: 'gmv', kind: 'above', threshold: '5' })).toMatch(/^threshold/);
    expect(reason({ id: 'a', metric: 'gmv', kind: 'above', threshold: Infinity })).toMatch(/^threshold/);
    expect(reason({ id: 'a', metric: 'online', kind: 'drop_pct', threshold: 30 })).toBe('windowMin (minutes) is required for drop_pct');
    expect(reason({ id: 'a', metric: 'online', kind: 'drop_pct', threshold: 130, windowMin: 1 })).toMatch(/percentage in \(0, 100\]/);
    expect(reason({ id: 'a', metric: 'online', kind: 'drop_pct', threshold: 0, windowMin: 1 })).toMatch(/percentage/);
    expect(reason({ id: 'a', metric: 'online', kind: 'drop_pct', threshold: 30, windowMin: 0.5 })).toMatch(/windowMin must be whole minutes/);
    expect(reason({ id: 'a', metric: 'online', kind: 'drop_pct', threshold: 30, windowMin: 500 })).toMatch(/at most 120/);
    expect(reason({ id: 'a', metric: 'online', kind: 'above', threshold: 3, windowMin: 5 })).toMatch(/windowMin applies to drop_pct only/);
    expect(reason({ id: 'a', metric: 'gmv', kind: 'roi_below_break_even' })).toMatch(/watches ad_roi or plan_roi/);
    expect(reason({ id: 'a', metric: 'ad_roi', kind: 'roi_below_break_even', threshold: 2 })).toMatch(/takes no threshold/);
    expect(reason({ id: 'bad id!', metric: 'gmv', kind: 'above', threshold: 1 })).toMatch(/^id must be/);
    expect(reason({ id: 'a', metric: 'gmv', kind: 'above', threshold: 1, colour: 'red' })).toBe('unknown field colour');
    expect(reason({ id: 'a', metric: 'gmv', kind: 'above', threshold: 1, roomId: '' })).toMatch(/roomId must not be empty/);
    expect(reason('x')).toBe('a rule must be an object');
    expect(reason({ id: 'a', kind: 'above', threshold: 1 })).toBe('metric is required (a glossary metric id or plan_roi:…)');
    expect(reason({ metric: 'gmv', kind: 'above', threshold: 1 })).toBe('id is required (text)');
  });

  it('names every bad rule of a list, and duplicate ids', () => {
    const res = validateRules([
      { id: 'good', metric: 'gmv', kind: 'above', threshold: 1 },
      { id: 'bad', metric: 'gmv', kind: 'above' },
      { id: 'good', metric: 'pv', kind: 'above', threshold: 1 },
      42,
    ]);
    expect(res).toEqual({
      ok: false,
      errors: ['rule 2 (bad): threshold is required for above', 'rule 3 (good): duplicate id', 'rule 4: a rule must be an object'],
    });
    expect(validateRules({})).toEqual({ ok: false, errors: ['alert rules must be a list'] });
    expect(validateRules(new Array(101).fill({}))).toEqual({ ok: false, errors: ['at most 100 alert rules (got 101)'] });
    expect(validateRules([])).toEqual({ ok: true, rules: [] });
  });

  it('reads stored rules forgivingly: keeps the valid ones', () => {
    const stored = [{ id: 'a', metric: 'gmv', kind: 'above', threshold: 1 }, { id: 'b', kind: 'nope' }, { id: 'a', metric: 'pv', kind: 'above', threshold: 2 }];
    expect(readableRules(stored).map((r) => r.id)).toEqual(['a']);
    expect(readableRules('garbage')).toEqual([]);
  });

  it('says which screen owns a metric', () => {
    expect(screenOfMetric('online')).toBe('live');
    expect(screenOfMetric('gmv')).toBe('live');
    expect(screenOfMetric('product_click_rate')).toBe('product');
    expect(screenOfMetric('click_to_order_rate')).toBe('product');
    expect(screenOfMetric('ad_roi')).toBe('ad');
    expect(screenOfMetric('ad_spend')).toBe('ad');
    expect(screenOfMetric('plan_roi:p1')).toBe('ad');
  });
});
