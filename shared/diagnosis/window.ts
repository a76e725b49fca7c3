/**
 * Diagnosis windows in local days (the machine's TZ): a session belongs to the local day of its
 * startedAt; a window of L days ends on `end` inclusive; its history is the previous windows of
 * the same length back to the first recorded session (the caller keeps those holding ≥ 1 session).
 * Days are 'YYYY-MM-DD' strings, which also sort and compare as dates.
 */
import type { DayWindow } from './types';

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function format(d: Date): string {
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The local day of an epoch-ms instant. */
export function dayOf(ms: number): string {
  return format(new Date(ms));
}

/** A real calendar day 'YYYY-MM-DD', or null. */
export function parseDay(day: string): Date | null {
  const m = DAY_RE.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // noon: a day whose midnight a DST change skips still exists at noon
  const date = new Date(y, mo - 1, d, 12);
  return date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d ? date : null;
}

export function addDays(day: string, n: number): string {
  const d = parseDay(day);
  if (!d) throw new Error(`not a day: "${day}"`);
  return format(new Date(d.getFullYear(), d.getMonth(), d.getDate() + n, 12));
}

/** Yesterday, local time: the default end of a window. */
export function yesterday(now: number = Date.now()): string {
  return addDays(dayOf(now), -1);
}

export function windowEnding(end: string, days: number): DayWindow {
  return { start: addDays(end, -(days - 1)), end };
}

export function previousWindow(w: DayWindow, days: number): DayWindow {
  return windowEnding(addDays(w.start, -1), days);
}

export function inWindow(day: string, w: DayWindow): boolean {
  return day >= w.start && day <= w.end;
}

/** Previous windows of the same length, most recent first, back to the one holding `firstDay`. */
export function historyWindows(w: DayWindow, days: number, firstDay: string | null): DayWindow[] {
  const out: DayWindow[] = [];
  if (firstDay === null) return out;
  for (let h = previousWindow(w, days); h.end >= firstDay; h = previousWindow(h, days)) out.push(h);
  return out;
}

/** '1d' | '7d' | '30d' (or any 'Nd') → N, else null. */
export function windowDays(spec: string): number | null {
  const m = /^([1-9]\d{0,3})d$/.exec(spec);
  return m ? Number(m[1]) : null;
}
