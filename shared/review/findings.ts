/**
 * Findings: a short summary of a review, each produced by a stated rule, so anyone can check it
 * against the figures (docs/cli.md "luopan review" lists the rules):
 *
 * - `live`: the session has not ended — figures so far, no comparison.
 * - `below_median`: the (at most) three figures furthest below the room's median of the last N
 *   sessions, by relative change (for a figure where lower is better, furthest above), only
 *   those worse than the median.
 * - `best_explanation` / `worst_explanation`: among explanation segments with at least
 *   MIN_CLICK_USERS click users, the highest and the lowest click → order conversion (paid
 *   orders ÷ click users of the segment); the earlier segment on a tie; needs two such segments.
 * - `online_drop`: a minute whose online is ≤ 70 % of the highest online of the 5 minutes
 *   before it (and that highest ≥ MIN_DROP_ONLINE), the first minute of each such run, with
 *   what was on screen (the explanation or the pause in force at the minute's end).
 */
import { fill, type Lang } from '../i18n/lang';
import { displayText } from '../text/sanitize';
import { change, count, figure, metricName, percent, showClock } from './format';
import { lowerIsBetter, REVIEW_METRICS } from './metrics';
import type { ReviewCompare, ReviewExplanation, ReviewFigures, ReviewFinding, ReviewMinute, Span } from './types';

export const MIN_CLICK_USERS = 5;
export const DROP_FRACTION = 0.3;
export const DROP_WINDOW_MIN = 5;
export const MIN_DROP_ONLINE = 10;
export const MAX_DROP_FINDINGS = 10;

const MSG = {
  live: {
    'zh-CN': '场次进行中：数字截至 {at}（开播后 {clock}），结束后再与历史场次比较',
    en: 'The session is live: figures as of {at} ({clock} into the show); it is compared with past sessions once it ended',
  },
  below_lower: {
    'zh-CN': '{name} {value}，比近 {n} 场中位数 {median} 低 {pct}',
    en: '{name} {value}, {pct} below the median of the last {n} sessions ({median})',
  },
  below_higher: {
    'zh-CN': '{name} {value}，比近 {n} 场中位数 {median} 高 {pct}（越低越好）',
    en: '{name} {value}, {pct} above the median of the last {n} sessions ({median}; lower is better)',
  },
  best_explanation: {
    'zh-CN': '点击→成交转化最好的讲解：「{title}」（{from}–{to}）{rate}，{orders} 单 / {users} 人点击',
    en: 'Best click → order conversion: “{title}” ({from}–{to}) {rate}, {orders} orders / {users} click users',
  },
  worst_explanation: {
    'zh-CN': '点击→成交转化最差的讲解：「{title}」（{from}–{to}）{rate}，{orders} 单 / {users} 人点击',
    en: 'Worst click → order conversion: “{title}” ({from}–{to}) {rate}, {orders} orders / {users} click users',
  },
  online_drop: {
    'zh-CN': '开播后 {clock} 在线从 {from} 降到 {to}（{pct}，{window} 分钟内）；当时{what}',
    en: 'At {clock} into the show online fell from {from} to {to} ({pct} within {window} minutes); on screen: {what}',
  },
  what_explain: { 'zh-CN': '在讲解「{title}」', en: 'the explanation of “{title}”' },
  what_pause: { 'zh-CN': '直播暂停中', en: 'the stream was paused' },
  what_none: { 'zh-CN': '没有讲解商品', en: 'no product explained' },
} as const;

export interface FindingsInput {
  startedAt: number;
  effectiveEnd: number;
  live: boolean;
  figures: ReviewFigures;
  compare: ReviewCompare;
  minutes: readonly ReviewMinute[];
  explanations: readonly ReviewExplanation[];
  pauses: readonly Span[];
  /** product titles by id */
  titles: Readonly<Record<string, string>>;
  lang: Lang;
}

const title = (titles: Readonly<Record<string, string>>, id: string) => displayText(titles[id] ?? id, 40);

export function findings(input: FindingsInput): ReviewFinding[] {
  const { lang } = input;
  const out: ReviewFinding[] = [];
  const t = (key: keyof typeof MSG, params: Record<string, string | number>) => fill(MSG[key][lang], params);
  if (input.live) {
    out.push({ rule: 'live', message: t('live', { at: new Date(input.effectiveEnd).toLocaleString(lang, { hour12: false }), clock: showClock(input.effectiveEnd - input.startedAt) }) });
  } else {
    out.push(...belowMedian(input, t));
  }
  out.push(...explanationFindings(input, t));
  out.push(...onlineDrops(input, t));
  return out;
}

type T = (key: keyof typeof MSG, params: Record<string, string | number>) => string;

function belowMedian(input: FindingsInput, t: T): ReviewFinding[] {
  const n = input.compare.median.sessions.length;
  if (n === 0) return [];
  const worse = REVIEW_METRICS.map((m) => {
    const d = input.compare.deltas[m]?.median ?? null;
    // oriented: negative = worse than the median, whichever way the figure is better
    return { m, d, oriented: d === null ? null : lowerIsBetter(m) ? -d : d };
  })
    .filter((x): x is { m: (typeof REVIEW_METRICS)[number]; d: number; oriented: number } => x.oriented !== null && x.oriented < 0)
    .sort((a, b) => a.oriented - b.oriented || REVIEW_METRICS.indexOf(a.m) - REVIEW_METRICS.indexOf(b.m))
    .slice(0, 3);
  return worse.map(({ m, d }) => ({
    rule: 'below_median' as const,
    metric: m,
    message: t(lowerIsBetter(m) ? 'below_higher' : 'below_lower', {
      name: metricName(m, input.lang),
      value: figure(m, input.figures[m], input.lang),
      median: figure(m, input.compare.median.figures[m], input.lang),
      n,
      pct: change(Math.abs(d), input.lang).replace(/^\+/, ''),
    }),
  }));
}

const minuteOf = (input: FindingsInput, ts: number) => Math.max(0, Math.floor((ts - input.startedAt) / 60_000));

function explanationFindings(input: FindingsInput, t: T): ReviewFinding[] {
  const eligible = input.explanations
    .map((e, i) => ({ e, i, rate: e.clickUsers > 0 ? e.orders / e.clickUsers : 0 }))
    .filter((x) => x.e.clickUsers >= MIN_CLICK_USERS);
  if (eligible.length < 2) return [];
  const best = eligible.reduce((a, b) => (b.rate > a.rate ? b : a));
  const worst = eligible.reduce((a, b) => (b.rate < a.rate ? b : a));
  if (best === worst) return [];
  const finding = (rule: 'best_explanation' | 'worst_explanation', x: (typeof eligible)[number]): ReviewFinding => ({
    rule,
    minute: minuteOf(input, x.e.start),
    message: t(rule, {
      title: title(input.titles, x.e.productId),
      from: showClock(x.e.start - input.startedAt),
      to: showClock(x.e.end - input.startedAt),
      rate: percent(x.rate, input.lang, 1),
      orders: count(x.e.orders, input.lang),
      users: count(x.e.clickUsers, input.lang),
    }),
  });
  return [finding('best_explanation', best), finding('worst_explanation', worst)];
}

function onlineDrops(input: FindingsInput, t: T): ReviewFinding[] {
  const out: ReviewFinding[] = [];
  const m = input.minutes;
  let inRun = false;
  for (let i = 1; i < m.length && out.length < MAX_DROP_FINDINGS; i++) {
    let peak = 0;
    for (let j = Math.max(0, i - DROP_WINDOW_MIN); j < i; j++) peak = Math.max(peak, m[j]!.online);
    const dropped = peak >= MIN_DROP_ONLINE && m[i]!.online <= (1 - DROP_FRACTION) * peak;
    if (dropped && !inRun) {
      const end = input.startedAt + (i + 1) * 60_000;
      out.push({
        rule: 'online_drop',
        minute: i,
        message: t('online_drop', {
          clock: showClock(i * 60_000),
          from: count(peak, input.lang),
          to: count(m[i]!.online, input.lang),
          pct: change((m[i]!.online - peak) / peak, input.lang),
          window: DROP_WINDOW_MIN,
          // the last instant of the minute (or of a show that ended inside it)
          what: onScreen(input, Math.min(end, input.effectiveEnd) - 1, t),
        }),
      });
    }
    inRun = dropped;
  }
  return out;
}

/** What was on screen at `ts`: a pause, the explanation in force, or nothing. */
function onScreen(input: FindingsInput, ts: number, t: T): string {
  if (input.pauses.some((p) => ts >= p.start && ts < p.end)) return t('what_pause', {});
  const e = input.explanations.find((x) => ts >= x.start && ts < x.end);
  return e ? t('what_explain', { title: title(input.titles, e.productId) }) : t('what_none', {});
}
