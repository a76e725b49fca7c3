/** Columns of the per-channel funnel table: entries → product exposure → click → order → buyers, with the step rates. */
import { ratio } from '../../../../shared/metrics/glossary';
import { CHANNEL_NAMES } from '../../../../shared/protocol/channels';
import type { ChannelRow } from '../../../../shared/viewmodel/room';
import type { Column } from '../../components/sort-rows';
import { formatCount, formatMoney, formatRate, type Locale } from '../../format/format';

type T = (key: string) => string;

export function funnelColumns(t: T, locale: Locale): Column<ChannelRow>[] {
  const count = (v: number) => formatCount(v, locale);
  const clickRate = (c: ChannelRow) => ratio(c.clickUsers, c.uv);
  const buyRate = (c: ChannelRow) => ratio(c.buyers, c.clickUsers);
  return [
    { key: 'channel', label: t('traffic.col.channel'), value: (c) => CHANNEL_NAMES[c.channel][locale === 'en' ? 'en' : 'zh'], align: 'left', width: '110px' },
    { key: 'type', label: t('traffic.col.type'), value: (c) => (c.paid ? 1 : 0), text: (c) => (c.paid ? t('ad.paid') : t('ad.natural')), align: 'center', width: '70px' },
    { key: 'enters', label: t('traffic.col.enters'), value: (c) => c.enters, text: (c) => count(c.enters) },
    { key: 'share', label: t('traffic.col.share'), value: (c) => c.share, text: (c) => formatRate(c.share, locale, 1) },
    { key: 'exposure', label: t('traffic.col.exposure'), value: (c) => c.exposureUsers, text: (c) => count(c.exposureUsers) },
    { key: 'clicks', label: t('traffic.col.clicks'), value: (c) => c.clickUsers, text: (c) => count(c.clickUsers) },
    { key: 'orderUsers', label: t('traffic.col.orderUsers'), value: (c) => c.orderUsers, text: (c) => count(c.orderUsers) },
    { key: 'buyers', label: t('traffic.col.buyers'), value: (c) => c.buyers, text: (c) => count(c.buyers) },
    { key: 'clickRate', label: t('traffic.col.clickRate'), value: clickRate, text: (c) => formatRate(clickRate(c), locale, 1) },
    { key: 'buyRate', label: t('traffic.col.buyRate'), value: buyRate, text: (c) => formatRate(buyRate(c), locale, 1) },
    { key: 'gmv', label: t('traffic.col.gmv'), value: (c) => c.gmv, text: (c) => formatMoney(c.gmv, locale) },
  ];
}
