/**
 * Which days a diagnosis covers, from what a person asked for: a window length ending on a
 * day (`--window 7d --end 2024-05-10`, default end yesterday), or a free range
 * (`--start 2024-05-01 --end 2024-05-10`). `today` stands for the machine's local day
 * anywhere a day is asked for, so the show that just ended can be diagnosed. Either way the
 * result is a window of L days and its history is the previous windows of the same length
 * (./context.ts, docs/product.md "Windows").
 *
 * Bad input is a problem code with the offending values, turned into one line in either
 * language by `rangeMessage` (the CLI, the API, the page).
 */
import { fill, type Lang } from '../i18n/lang';
import type { DayWindow } from './types';
import { dayOf, parseDay, windowEnding, yesterday } from './window';

/** The longest range (days) a diagnosis accepts: ten years. */
export const MAX_RANGE_DAYS = 3660;

export interface RangeRequest {
  /** window length in days (from '1d' | '7d' | '30d'); ignored when `start` is given */
  days?: number;
  /** first day, YYYY-MM-DD or 'today' */
  start?: string;
  /** last day, YYYY-MM-DD or 'today'; default yesterday */
  end?: string;
}

export type RangeProblem =
  | { code: 'bad_day'; field: 'start' | 'end'; value: string }
  | { code: 'end_before_start'; start: string; end: string }
  | { code: 'future_end'; end: string; today: string }
  | { code: 'too_long'; days: number }
  | { code: 'no_length' };

export type RangeResult = { ok: true; window: DayWindow; days: number } | { ok: false; problem: RangeProblem };

/** A day as asked for ('today' or YYYY-MM-DD) → YYYY-MM-DD, or null when it is not a real day. */
export function resolveDay(spec: string, now: number = Date.now()): string | null {
  if (spec === 'today') return dayOf(now);
  return parseDay(spec) ? spec : null;
}

/** Whole days from `start` to `end`, both included (1 for the same day). */
export function daysInRange(start: string, end: string): number {
  let n = 1;
  // days differ in length across DST changes: count calendar days, not 86 400 000 ms steps
  const a = parseDay(start)!;
  const b = parseDay(end)!;
  n += Math.round((b.getTime() - a.getTime()) / 86_400_000);
  return n;
}

export function resolveRange(req: RangeRequest, now: number = Date.now()): RangeResult {
  const today = dayOf(now);
  const end = req.end === undefined ? yesterday(now) : resolveDay(req.end, now);
  if (end === null) return { ok: false, problem: { code: 'bad_day', field: 'end', value: String(req.end).slice(0, 40) } };
  if (end > today) return { ok: false, problem: { code: 'future_end', end, today } };
  if (req.start !== undefined) {
    const start = resolveDay(req.start, now);
    if (start === null) return { ok: false, problem: { code: 'bad_day', field: 'start', value: req.start.slice(0, 40) } };
    if (end < start) return { ok: false, problem: { code: 'end_before_start', start, end } };
    const days = daysInRange(start, end);
    if (days > MAX_RANGE_DAYS) return { ok: false, problem: { code: 'too_long', days } };
    return { ok: true, window: { start, end }, days };
  }
  if (req.days === undefined) return { ok: false, problem: { code: 'no_length' } };
  if (!Number.isInteger(req.days) || req.days < 1 || req.days > MAX_RANGE_DAYS) return { ok: false, problem: { code: 'too_long', days: req.days } };
  return { ok: true, window: windowEnding(end, req.days), days: req.days };
}

const TEXT: Record<RangeProblem['code'], Record<Lang, string>> = {
  bad_day: { 'zh-CN': '--{field} 应为日期 YYYY-MM-DD 或 today，收到 "{value}"', en: '--{field} must be a date YYYY-MM-DD or today, got "{value}"' },
  end_before_start: { 'zh-CN': '结束日期 {end} 早于开始日期 {start}', en: 'the end {end} is before the start {start}' },
  future_end: { 'zh-CN': '结束日期 {end} 在今天（{today}）之后，还没有数据', en: 'the end {end} is after today ({today}): there is no data yet' },
  too_long: { 'zh-CN': '时间范围为 {days} 天，最多 {max} 天', en: 'the range is {days} days long, at most {max} are allowed' },
  no_length: { 'zh-CN': '需要 --window 或 --start', en: '--window or --start is needed' },
};

/** One line saying what is wrong with a range, in `lang`. */
export function rangeMessage(p: RangeProblem, lang: Lang): string {
  const params: Record<string, string | number> = { ...(p as unknown as Record<string, string | number>), max: MAX_RANGE_DAYS };
  return fill(TEXT[p.code][lang], params);
}

/** An error carrying a range problem (runDiagnosis throws it; callers print `message`). */
export class RangeInputError extends Error {
  constructor(
    readonly problem: RangeProblem,
    lang: Lang,
  ) {
    super(rangeMessage(problem, lang));
  }
}
