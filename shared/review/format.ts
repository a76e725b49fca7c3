/**
 * Figures in words for the review's findings, the CLI table and the exports, in either
 * language: whole amounts (a report is read closely, so nothing is shortened to 万), "—" for
 * a figure without a value.
 */
import { GLOSSARY, type MetricUnit } from '../metrics/glossary';
import type { Lang } from '../i18n/lang';
import type { ReviewMetric } from './metrics';

export const NO_VALUE = '—';
const has = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
const fixed = (v: number, lang: Lang, digits: number) =>
  v.toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function money(fen: number | null | undefined, lang: Lang): string {
  if (!has(fen)) return NO_VALUE;
  return `${fen < 0 ? '-' : ''}¥${fixed(Math.abs(fen) / 100, lang, 2)}`;
}

export function count(v: number | null | undefined, lang: Lang, digits = 0): string {
  if (!has(v)) return NO_VALUE;
  return Number.isInteger(v) ? v.toLocaleString(lang) : fixed(v, lang, digits || 1);
}

export function percent(v: number | null | undefined, lang: Lang, digits = 2): string {
  if (!has(v)) return NO_VALUE;
  return `${fixed(v * 100, lang, digits)}%`;
}

/** A signed change: "+12.3%" / "-4.0%". */
export function change(v: number | null | undefined, lang: Lang): string {
  if (!has(v)) return NO_VALUE;
  return `${v > 0 ? '+' : v < 0 ? '-' : ''}${fixed(Math.abs(v) * 100, lang, 1)}%`;
}

export function duration(seconds: number | null | undefined, lang: Lang): string {
  if (!has(seconds) || seconds < 0) return NO_VALUE;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (lang === 'en') return h ? `${h}h ${pad(m)}m ${pad(s)}s` : m ? `${m}m ${pad(s)}s` : `${s}s`;
  return h ? `${h}时${pad(m)}分${pad(s)}秒` : m ? `${m}分${pad(s)}秒` : `${s}秒`;
}

/** Show time (ms since the start) as h:mm:ss, or m:ss under an hour — the replay's clock. */
export function showClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Local date and time "2024-05-10 14:03". */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function byUnit(v: number | null | undefined, unit: MetricUnit, lang: Lang): string {
  switch (unit) {
    case 'fen': return money(v, lang);
    case 'count': return count(v, lang);
    case 'rate': return percent(v, lang);
    case 'seconds': return duration(v, lang);
    case 'ratio': return has(v) ? fixed(v, lang, 2) : NO_VALUE;
  }
}

export const figure = (m: ReviewMetric, v: number | null | undefined, lang: Lang): string => byUnit(v, GLOSSARY[m].unit, lang);
export const metricName = (m: ReviewMetric, lang: Lang): string => (lang === 'en' ? GLOSSARY[m].en.name : GLOSSARY[m].zh.name);
