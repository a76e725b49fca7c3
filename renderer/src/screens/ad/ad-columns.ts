/** Columns of the plan and creative tables (docs/product.md ad screen modules 4 and 5). */
import { underBreakEven } from '../../../../shared/advice/ad-math';
import type { MetricId } from '../../../../shared/metrics/glossary';
import type { AdCreativeRow, AdPlanRow, AdTotals } from '../../../../shared/viewmodel/room';
import { metricTip } from '../../components/glossary-tip';
import type { Column } from '../../components/sort-rows';
import { formatCount, formatMoney, formatRate, formatRatio, type Locale } from '../../format/format';

type T = (key: string) => string;

/** The figure columns plans and creatives share. */
function totalsColumns<R extends AdTotals>(t: T, locale: Locale, breakEven: number | null, pick: readonly string[]): Column<R>[] {
  const tip = (id: MetricId) => metricTip(id, locale, t('help.formula'));
  const all: Column<R>[] = [
    { key: 'spend', label: t('ad.col.spend'), title: tip('ad_spend'), value: (r) => r.spend, text: (r) => formatMoney(r.spend, locale) },
    { key: 'impressions', label: t('ad.col.impressions'), title: tip('ad_impressions'), value: (r) => r.impressions, text: (r) => formatCount(r.impressions, locale) },
    { key: 'ctr', label: t('ad.col.ctr'), title: tip('ad_ctr'), value: (r) => r.ctr, text: (r) => formatRate(r.ctr, locale) },
    { key: 'conversions', label: t('ad.col.conversions'), title: tip('ad_conversions'), value: (r) => r.conversions, text: (r) => formatCount(r.conversions, locale) },
    { key: 'gmv', label: t('ad.col.gmv'), value: (r) => r.gmv, text: (r) => formatMoney(r.gmv, locale) },
    {
      key: 'roi', label: t('ad.col.roi'), title: tip('ad_roi'), value: (r) => r.roi, text: (r) => formatRatio(r.roi, locale),
      cellClass: (r) => (underBreakEven(r.roi, breakEven) ? 'warn' : r.roi !== null ? 'good' : undefined),
    },
  ];
  return pick.map((k) => all.find((c) => c.key === k)!);
}

export function planColumns(t: T, locale: Locale, breakEven: number | null): Column<AdPlanRow>[] {
  return [
    { key: 'name', label: t('ad.col.name'), value: (r) => r.name, align: 'left', width: '24%' },
    { key: 'status', label: t('ad.col.status'), value: (r) => r.status, text: (r) => t(`ad.status.${r.status}`), align: 'center' },
    { key: 'budget', label: t('ad.col.budget'), value: (r) => r.budget, text: (r) => formatMoney(r.budget, locale) },
    { key: 'bid', label: t('ad.col.bid'), value: (r) => r.bid, text: (r) => formatMoney(r.bid, locale, false) },
    ...totalsColumns<AdPlanRow>(t, locale, breakEven, ['spend', 'roi', 'conversions']),
  ];
}

export function creativeColumns(t: T, locale: Locale, breakEven: number | null): Column<AdCreativeRow>[] {
  return [
    { key: 'title', label: t('ad.col.creative'), value: (r) => r.title, align: 'left', width: '30%' },
    { key: 'kind', label: t('ad.col.kind'), value: (r) => r.kind, text: (r) => t(`ad.kind.${r.kind}`), align: 'center' },
    ...totalsColumns<AdCreativeRow>(t, locale, breakEven, ['impressions', 'ctr', 'conversions', 'roi']),
  ];
}
