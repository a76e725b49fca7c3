/** The console's rule rows: display units ↔ raw thresholds, and the engine's validation per row. */
import { describe, expect, it } from 'vitest';
import { displayScale, displayUnit, draftOf, newDraft, ruleOf, type RuleDraft } from '../../renderer/src/screens/console/rule-draft';

const row = (d: Partial<RuleDraft>): RuleDraft => ({ id: 'a', metric: 'online', kind: 'above', threshold: '100', windowMin: '', roomId: '', enabled: true, ...d });

describe('console rule rows', () => {
  it('types money in 元 and rates in %, stores fen and fractions', () => {
    expect(ruleOf(row({ metric: 'gmv', threshold: '1234.5' }))).toEqual({ ok: true, rule: { id: 'a', metric: 'gmv', kind: 'above', threshold: 123450, roomId: null, enabled: true } });
    expect(ruleOf(row({ metric: 'product_click_rate', kind: 'below', threshold: '3.5' }))).toMatchObject({ ok: true, rule: { threshold: 0.035 } });
    expect(ruleOf(row({ metric: 'online', kind: 'drop_pct', threshold: '30', windowMin: '2' }))).toMatchObject({ ok: true, rule: { threshold: 30, windowMin: 2 } });
    expect(ruleOf(row({ metric: 'plan_roi:*', kind: 'roi_below_break_even', threshold: '9', roomId: ' room-1 ' }))).toMatchObject({ ok: true, rule: { threshold: null, roomId: 'room-1' } });
    // and back
    expect(draftOf({ id: 'a', metric: 'product_click_rate', kind: 'below', threshold: 0.035, roomId: null, enabled: true }).threshold).toBe('3.5');
    expect(draftOf({ id: 'a', metric: 'gmv', kind: 'above', threshold: 123450, roomId: 'r', enabled: false })).toMatchObject({ threshold: '1234.5', roomId: 'r', enabled: false });
    expect(displayScale('ad_cpc', 'above')).toBe(100);
    expect(displayUnit('ad_ctr', 'below', 'zh-CN')).toBe('%');
    expect(displayUnit('gmv', 'drop_pct', 'en')).toBe('%');
    expect(displayUnit('gmv', 'above', 'en')).toBe('yuan');
  });

  it('shows the engine’s reason for a bad row', () => {
    expect(ruleOf(row({ threshold: '' }))).toEqual({ ok: false, reason: 'threshold is required for above' });
    expect(ruleOf(row({ threshold: 'abc' }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^threshold/) });
    expect(ruleOf(row({ kind: 'drop_pct', threshold: '30', windowMin: '' }))).toEqual({ ok: false, reason: 'windowMin (minutes) is required for drop_pct' });
    expect(ruleOf(row({ kind: 'roi_below_break_even' }))).toEqual({ ok: false, reason: 'roi_below_break_even watches ad_roi or plan_roi:…' });
  });

  it('a new row is a valid rule with a unique id', () => {
    const a = newDraft(1000);
    const b = newDraft(1000);
    expect(a.id).not.toBe(b.id);
    expect(ruleOf(a).ok).toBe(true);
  });
});
