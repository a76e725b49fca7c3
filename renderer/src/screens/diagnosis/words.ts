/**
 * Indicator names, values and reasons of a diagnosis report for the screen, in the page's
 * language: names from shared/diagnosis (Chinese in indicators.ts, English in indicator-docs.ts),
 * reasons translated by shared/diagnosis/reasons.ts, values formatted in their unit.
 */
import { INDICATOR_DOCS } from '../../../../shared/diagnosis/indicator-docs';
import { impactInOwnUnit, INDICATORS_BY_KIND, type IndicatorDef, type IndicatorUnit } from '../../../../shared/diagnosis/indicators';
import { reasonZh } from '../../../../shared/diagnosis/reasons';
import { formatCount, formatDuration, formatMoney, formatNumber, formatRate, hasValue, NO_VALUE, type Locale } from '../../format/format';

export const INDICATOR_DEFS: Map<string, IndicatorDef> = new Map(Object.values(INDICATORS_BY_KIND).flat().map((d) => [d.id, d]));

export function indicatorName(id: string, locale: Locale): string {
  const def = INDICATOR_DEFS.get(id);
  if (!def) return id;
  return locale === 'en' ? (INDICATOR_DOCS[id]?.en ?? id) : def.zh;
}

export function formatIndicator(unit: IndicatorUnit | undefined, v: number | null, locale: Locale): string {
  if (!hasValue(v)) return NO_VALUE;
  switch (unit) {
    case 'rate': return formatRate(v, locale);
    case 'fen': return formatMoney(v, locale);
    case 'seconds': return formatDuration(v, locale);
    case 'hours': return `${formatNumber(v, locale, { decimals: 1 })}${locale === 'en' ? ' h' : ' 小时'}`;
    case 'count': return Number.isInteger(v) ? formatCount(v, locale) : formatNumber(v, locale, { decimals: 1 });
    default: return formatNumber(v, locale, { decimals: 2 });
  }
}

/**
 * A TOP3 impact: in the indicator's own unit when its weight is 1 (-¥1,916.59, -23分20秒);
 * otherwise a weighted amount (rate × viewers …) as a plain number.
 */
export function formatImpact(id: string, impact: number, locale: Locale): string {
  const def = INDICATOR_DEFS.get(id);
  if (!def || !impactInOwnUnit(def)) return formatNumber(impact, locale, { decimals: 2 });
  return `${impact < 0 ? '-' : ''}${formatIndicator(def.unit, Math.abs(impact), locale)}`;
}

/** A report's reason (English) in the page's language; '' for none. */
export function reasonText(reason: string | undefined, locale: Locale): string {
  if (!reason) return '';
  return locale === 'en' ? reason : reasonZh(reason);
}

export const percentile = (p: number | null, locale: Locale) => (hasValue(p) ? formatNumber(p, locale, { decimals: 1 }) : NO_VALUE);
