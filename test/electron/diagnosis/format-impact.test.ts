/** TOP3 impacts read in the indicator's unit where it has one (weight 1), as a plain number otherwise. */
import { describe, expect, it } from 'vitest';
import { barText, formatImpact } from '../../../electron/diagnosis/format-text';
import { INDICATORS_BY_KIND } from '../../../shared/diagnosis/indicators';
import { formatImpact as formatImpactOnPage } from '../../../renderer/src/screens/diagnosis/words';

const def = (id: string) => Object.values(INDICATORS_BY_KIND).flat().find((d) => d.id === id)!;

describe('formatImpact', () => {
  it('money and durations of weight-1 indicators carry their unit and sign', () => {
    expect(formatImpact(def('talent_gmv'), -19_165_866.15)).toBe('-¥191,658.66');
    expect(formatImpact(def('effective_duration'), -1400)).toBe('-23分20秒');
    expect(formatImpactOnPage('talent_gmv', -19_165_866.15, 'zh-CN')).toBe('-¥19.17万');
    expect(formatImpactOnPage('talent_gmv', -12_345, 'en')).toBe('-¥123.45');
  });

  it('a weighted impact (rate × viewers) stays a plain number', () => {
    expect(formatImpact(def('product_click_rate'), -12.345)).toBe('-12.35');
    expect(formatImpactOnPage('product_click_rate', -12.345, 'zh-CN')).toBe('-12.35');
  });

  it('a head talent product’s bar says what it was compared with', () => {
    expect(barText('>', { threshold: 0.0231, basis: 'benchmark' })).toBe('> 2.31%（同行基准）');
    expect(barText('<', { threshold: 0, basis: 'shop_products' })).toBe('< 0.00%（本店同类商品）');
  });
});
