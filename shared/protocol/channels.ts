/**
 * Traffic channels of protocol v1. A channel string not in this list is kept as it came
 * (raw events are stored untouched) and counted under `other` by every figure.
 */
export const NATURAL_CHANNELS = [
  'feed', 'video', 'plaza', 'nearby', 'follow', 'search', 'profile', 'mall', 'other',
] as const;
export const PAID_CHANNELS = ['qianchuan', 'suixintui', 'dou_plus', 'brand', 'paid_other'] as const;

export type NaturalChannel = (typeof NATURAL_CHANNELS)[number];
export type PaidChannel = (typeof PAID_CHANNELS)[number];
export type Channel = NaturalChannel | PaidChannel;

export const CHANNELS: readonly Channel[] = [...NATURAL_CHANNELS, ...PAID_CHANNELS];

const PAID = new Set<string>(PAID_CHANNELS);
const KNOWN = new Set<string>(CHANNELS);

/** The channel a figure counts under: unknown strings fall into `other`. */
export function normalizeChannel(channel: string): Channel {
  return KNOWN.has(channel) ? (channel as Channel) : 'other';
}

export function isPaidChannel(channel: string): boolean {
  return PAID.has(channel);
}

/** Display names, zh-CN first (the UI default) then English. */
export const CHANNEL_NAMES: Record<Channel, { zh: string; en: string }> = {
  feed: { zh: '推荐feed', en: 'Feed' },
  video: { zh: '短视频引流', en: 'Short video' },
  plaza: { zh: '直播广场', en: 'Live plaza' },
  nearby: { zh: '同城', en: 'Nearby' },
  follow: { zh: '关注', en: 'Following' },
  search: { zh: '搜索', en: 'Search' },
  profile: { zh: '个人主页', en: 'Profile' },
  mall: { zh: '抖音商城', en: 'Mall' },
  other: { zh: '其他', en: 'Other' },
  qianchuan: { zh: '千川', en: 'Qianchuan' },
  suixintui: { zh: '小店随心推', en: 'Suixintui' },
  dou_plus: { zh: '抖+', en: 'DOU+' },
  brand: { zh: '品牌广告', en: 'Brand ads' },
  paid_other: { zh: '其他付费', en: 'Other paid' },
};
