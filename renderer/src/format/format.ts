/**
 * Number formatting for the screens: money in 元 (the view model holds fen), counts with
 * thousands separators, rates as percentages, durations. Big screens are read from metres
 * away, so large figures are shortened (万/亿 in Chinese, K/M/B in English). Anything without a
 * value — null, NaN, ±Infinity — is shown as "—", never as 0 or "NaN".
 */
import type { MetricUnit } from '../../../shared/metrics/glossary';

export type Locale = 'zh-CN' | 'en';
export const NO_VALUE = '—';

/** Formatters are costly to build and figures are formatted at 10 Hz: keep one per shape. */
const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: Locale, min: number, max: number): Intl.NumberFormat {
  const key = `${locale}|${min}|${max}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: true });
    cache.set(key, f);
  }
  return f;
}

export function hasValue(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

interface Scale {
  at: number;
  zh: string;
  en: string;
}
const ZH_SCALES: Scale[] = [
  { at: 1e8, zh: '亿', en: '' },
  { at: 1e4, zh: '万', en: '' },
];
const EN_SCALES: Scale[] = [
  { at: 1e9, zh: '', en: 'B' },
  { at: 1e6, zh: '', en: 'M' },
  { at: 1e3, zh: '', en: 'K' },
];

/**
 * A plain number, shortened from `shortFrom` on: 123456 → "12.35万" (zh) / "123.46K" (en).
 * Below `shortFrom` it is shown whole with separators and at most `decimals` decimals.
 */
export function formatNumber(v: number | null | undefined, locale: Locale, opts: { decimals?: number; shortFrom?: number } = {}): string {
  if (!hasValue(v)) return NO_VALUE;
  const decimals = opts.decimals ?? 0;
  const shortFrom = opts.shortFrom ?? Infinity;
  const abs = Math.abs(v);
  if (abs >= shortFrom) {
    const scales = locale === 'zh-CN' ? ZH_SCALES : EN_SCALES;
    for (const s of scales) {
      if (abs >= s.at) {
        const scaled = v / s.at;
        // 3 significant-ish figures: 12.35万, 123.5万, 1,234万
        const d = Math.abs(scaled) >= 1000 ? 0 : Math.abs(scaled) >= 100 ? 1 : 2;
        return nf(locale, 0, d).format(scaled) + (locale === 'zh-CN' ? s.zh : s.en);
      }
    }
  }
  return nf(locale, 0, decimals).format(v);
}

/**
 * Money from fen for a screen: "¥123.45" below 1,000 元, whole 元 from there ("¥1,235"), and
 * "¥12.35万" from 10,000 元 on when `short`. (Texts — alerts, CLI, reports — use
 * shared/text/money.ts formatFen, which keeps the cents.)
 */
export function formatMoney(fen: number | null | undefined, locale: Locale, short = true): string {
  if (!hasValue(fen)) return NO_VALUE;
  const yuan = fen / 100;
  const body = formatNumber(yuan, locale, { decimals: Math.abs(yuan) >= 1000 ? 0 : 2, shortFrom: short ? 1e4 : Infinity });
  return yuan < 0 ? `-¥${body.replace(/^-/, '')}` : `¥${body}`;
}

/** A count: "12,345", or "12.35万" from 100,000 on when `short`. */
export function formatCount(v: number | null | undefined, locale: Locale, short = true): string {
  return formatNumber(v, locale, { decimals: 0, shortFrom: short ? 1e5 : Infinity });
}

/** A fraction as a percentage: 0.0531 → "5.31%". */
export function formatRate(v: number | null | undefined, locale: Locale, decimals = 2): string {
  if (!hasValue(v)) return NO_VALUE;
  return `${nf(locale, decimals, decimals).format(v * 100)}%`;
}

/** A plain ratio such as ROI: 2.345 → "2.35". */
export function formatRatio(v: number | null | undefined, locale: Locale): string {
  if (!hasValue(v)) return NO_VALUE;
  return nf(locale, 2, 2).format(v);
}

/** Seconds as "1时02分03秒" / "2分05秒" / "45秒" (zh) or "1h 02m 03s" / "2m 05s" / "45s" (en). */
export function formatDuration(seconds: number | null | undefined, locale: Locale): string {
  if (!hasValue(seconds) || seconds < 0) return NO_VALUE;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const [uh, um, us] = locale === 'zh-CN' ? ['时', '分', '秒'] : ['h ', 'm ', 's'];
  if (h > 0) return `${h}${uh}${pad(m)}${um}${pad(s)}${us}`.trim();
  if (m > 0) return `${m}${um}${pad(s)}${us}`.trim();
  return `${s}${us}`.trim();
}

/** A figure in its glossary unit. */
export function formatByUnit(v: number | null | undefined, unit: MetricUnit, locale: Locale, short = true): string {
  switch (unit) {
    case 'fen':
      return formatMoney(v, locale, short);
    case 'count':
      return formatCount(v, locale, short);
    case 'rate':
      return formatRate(v, locale);
    case 'seconds':
      return formatDuration(v, locale);
    case 'ratio':
      return formatRatio(v, locale);
  }
}

export type ChangeDirection = 'up' | 'down' | 'flat' | 'none';

/** The 5-minute change: a direction for the arrow and "12.3%" for its text; "—" without a value. */
export function formatChange(v: number | null | undefined, locale: Locale): { direction: ChangeDirection; text: string } {
  if (!hasValue(v)) return { direction: 'none', text: NO_VALUE };
  if (Math.abs(v) < 0.0005) return { direction: 'flat', text: formatRate(0, locale, 1) };
  return { direction: v > 0 ? 'up' : 'down', text: formatRate(Math.abs(v), locale, 1) };
}

/** The raw number for `data-value`: the figure as is, or "" when it has no value. */
export function rawValue(v: number | null | undefined): string {
  return hasValue(v) ? String(v) : '';
}

/** "12 秒前" style age; the caller supplies the unit words through i18n. */
export function ageSeconds(from: number | null, now: number): number | null {
  if (from === null || !Number.isFinite(from)) return null;
  return Math.max(0, Math.round((now - from) / 1000));
}

/** Wall-clock time hh:mm:ss, in the machine's time zone. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
