/** The columns of the product table: every figure of a ProductRow a host sorts by (docs/product.md product screen module 3). */
import type { MetricId } from '../../../../shared/metrics/glossary';
import type { ProductRow } from '../../../../shared/viewmodel/room';
import { metricTip } from '../../components/glossary-tip';
import type { Column } from '../../components/sort-rows';
import { formatCount, formatDuration, formatMoney, formatRate, type Locale } from '../../format/format';

type T = (key: string) => string;

export function productColumns(t: T, locale: Locale, stockLow: (p: ProductRow) => boolean): Column<ProductRow>[] {
  const tip = (id: MetricId) => metricTip(id, locale, t('help.formula'));
  const count = (v: number) => formatCount(v, locale);
  return [
    { key: 'slot', label: t('product.col.slot'), value: (p) => p.cartSlot, width: '44px', align: 'center' },
    { key: 'title', label: t('product.col.title'), value: (p) => p.title, align: 'left', width: '190px' },
    { key: 'price', label: t('product.col.price'), value: (p) => p.price, text: (p) => formatMoney(p.price, locale, false) },
    { key: 'stock', label: t('product.col.stock'), value: (p) => p.stock, text: (p) => count(p.stock), cellClass: (p) => (stockLow(p) ? 'warn' : undefined) },
    { key: 'exposure', label: t('product.col.exposure'), title: tip('product_exposure_users'), value: (p) => p.exposureUsers, text: (p) => count(p.exposureUsers) },
    { key: 'clicks', label: t('product.col.clicks'), title: tip('product_click_users'), value: (p) => p.clickUsers, text: (p) => count(p.clickUsers) },
    { key: 'clickRate', label: t('product.col.clickRate'), title: tip('product_click_rate'), value: (p) => p.clickRate, text: (p) => formatRate(p.clickRate, locale, 1) },
    { key: 'clicks5m', label: t('product.col.clicks5m'), value: (p) => p.clicksLast5m, text: (p) => count(p.clicksLast5m) },
    { key: 'unpaid', label: t('product.col.unpaid'), value: (p) => p.unpaidOrders, text: (p) => count(p.unpaidOrders) },
    { key: 'orders', label: t('product.col.orders'), title: tip('orders'), value: (p) => p.orders, text: (p) => count(p.orders) },
    { key: 'items', label: t('product.col.items'), title: tip('items'), value: (p) => p.items, text: (p) => count(p.items) },
    { key: 'gmv', label: t('product.col.gmv'), title: tip('gmv'), value: (p) => p.gmv, text: (p) => formatMoney(p.gmv, locale) },
    { key: 'conversion', label: t('product.col.conversion'), title: tip('click_to_order_rate'), value: (p) => p.clickToOrderRate, text: (p) => formatRate(p.clickToOrderRate, locale, 1) },
    { key: 'mentions', label: t('product.col.mentions'), value: (p) => p.commentMentions, text: (p) => count(p.commentMentions) },
    { key: 'explainCount', label: t('product.col.explainCount'), value: (p) => p.explainCount, text: (p) => count(p.explainCount) },
    { key: 'explainTime', label: t('product.col.explainTime'), value: (p) => p.explainSeconds, text: (p) => formatDuration(p.explainSeconds, locale), width: '100px' },
  ];
}
