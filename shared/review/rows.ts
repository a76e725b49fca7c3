/**
 * The review's tables as text rows in one language — headline figures beside the previous
 * session and the median, the explanation table, the channels — shared by the CLI table, the
 * CSV and HTML exports and the review page, so a figure reads the same everywhere.
 */
import type { Lang } from '../i18n/lang';
import { fill } from '../i18n/lang';
import { CHANNEL_NAMES } from '../protocol/channels';
import { change, count, dateTime, duration, figure, metricName, money, percent, showClock } from './format';
import { REVIEW_METRICS } from './metrics';
import type { ReviewPage } from './types';
import { REVIEW_WORDS } from './words';

export function reviewHeadline(p: ReviewPage, lang: Lang): string {
  const w = REVIEW_WORDS[lang];
  const r = p.review;
  return fill(w.meta, {
    room: r.roomId || '—',
    host: p.hostName || '—',
    shop: p.shopId || '—',
    start: dateTime(r.startedAt),
    duration: duration((p.effectiveEnd - r.startedAt) / 1000, lang),
  });
}

/** Each figure with its reference values and changes, as table rows (the text, CSV and HTML reports). */
export function figureRows(p: ReviewPage, lang: Lang): string[][] {
  const c = p.review.compare;
  return REVIEW_METRICS.map((m) => [
    metricName(m, lang),
    figure(m, p.review.figures[m], lang),
    figure(m, c.previous?.figures[m] ?? null, lang),
    change(c.deltas[m]?.previous ?? null, lang),
    figure(m, c.median.figures[m], lang),
    change(c.deltas[m]?.median ?? null, lang),
  ]);
}

export function explanationRows(p: ReviewPage, lang: Lang): string[][] {
  const at = (ts: number) => showClock(ts - p.review.startedAt);
  return p.review.explanations.map((e) => [
    p.products[e.productId] ?? e.productId,
    at(e.start),
    at(e.end),
    duration(e.durationSec, lang),
    count(e.clicks, lang),
    count(e.clickUsers, lang),
    count(e.orders, lang),
    money(e.gmv, lang),
    count(e.avgOnline === null ? null : Math.round(e.avgOnline), lang),
    percent(e.clickUsers > 0 ? e.orders / e.clickUsers : null, lang, 1),
  ]);
}

export function channelRows(p: ReviewPage, lang: Lang): string[][] {
  return p.review.channels.map((c) => [
    lang === 'en' ? CHANNEL_NAMES[c.channel].en : CHANNEL_NAMES[c.channel].zh,
    count(c.entries, lang),
    percent(c.pvShare, lang, 1),
    count(c.buyers, lang),
    money(c.gmv, lang),
    percent(c.gmvShare, lang, 1),
    money(c.gpm, lang),
  ]);
}

export function figureHead(p: ReviewPage, lang: Lang): string[] {
  const w = REVIEW_WORDS[lang];
  // the sessions the median really covers (a room with fewer past sessions than asked)
  const n = p.review.compare.median.sessions.length || p.compareN;
  return [w.col.metric, w.col.value, w.previous, w.vsPrevious, fill(w.median, { n }), w.vsMedian];
}

export function explanationHead(lang: Lang): string[] {
  const c = REVIEW_WORDS[lang].col;
  return [c.product, c.start, c.end, c.duration, c.clicks, c.clickUsers, c.orders, c.gmv, c.avgOnline, c.conversion];
}

export function channelHead(lang: Lang): string[] {
  const c = REVIEW_WORDS[lang].col;
  return [c.channel, c.entries, c.pvShare, c.buyers, c.gmv, c.gmvShare, c.gpm];
}
