/**
 * Axis ticks of the canvas trend charts, chosen the way ECharts chooses them (so the charts look
 * as they did when ECharts drew them): value axes from 0 in 1/2/3/5 × 10ⁿ steps, about five
 * splits; time axes in whole seconds/minutes/hours, at most seven labels (5 minutes: every minute; a
 * 13-minute show: every 2 minutes). Pure functions.
 */

/** A "nice" step near `raw`: 1, 2, 3, 5 or 10 × 10ⁿ (ECharts' numberUtil.nice with round). */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const exp = Math.floor(Math.log10(raw));
  const pow = 10 ** exp;
  const f = raw / pow;
  const nf = f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10;
  // rounding the float noise of e.g. 0.1 × 3
  return Number((nf * pow).toPrecision(12));
}

export interface ValueAxis {
  min: number;
  max: number;
  ticks: number[];
}

/** A value axis over [lo, hi] of the data: starts at 0 for non-negative data, ends on a tick. */
export function valueAxis(lo: number, hi: number, opts: { splits?: number; minInterval?: number } = {}): ValueAxis {
  const splits = opts.splits ?? 5;
  let min = Math.min(0, Number.isFinite(lo) ? lo : 0);
  let max = Math.max(0, Number.isFinite(hi) ? hi : 0);
  if (max === min) max = min + (opts.minInterval ?? 1) * splits;
  let step = niceStep((max - min) / splits);
  if (opts.minInterval && step < opts.minInterval) step = opts.minInterval;
  min = Math.floor(min / step) * step;
  max = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = min, i = 0; v <= max + step / 2 && i < 100; i++, v = Number((min + i * step).toPrecision(12))) ticks.push(v);
  return { min, max: ticks[ticks.length - 1] ?? max, ticks };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const TIME_STEPS = [
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
];

export interface TimeTick {
  at: number;
  label: string;
}

/** Labelled ticks on [from, to] (ms): the smallest whole step giving at most `count` labels. */
export function timeTicks(from: number, to: number, count = 7): TimeTick[] {
  if (!(to > from)) return [];
  const step = TIME_STEPS.find((s) => (to - from) / s <= count) ?? 24 * HOUR;
  // steps are whole units of local time (a minute tick on :00 of the local clock)
  const offset = new Date(from).getTimezoneOffset() * MINUTE;
  const first = Math.ceil((from - offset) / step) * step + offset;
  const out: TimeTick[] = [];
  for (let at = first; at <= to; at += step) out.push({ at, label: clockLabel(at, step < MINUTE) });
  return out;
}

function clockLabel(at: number, seconds: boolean): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}${seconds ? `:${two(d.getSeconds())}` : ''}`;
}

/** A tick label as ECharts writes it: thousands separated, at most a few decimals. */
export function tickLabel(v: number): string {
  const rounded = Number(v.toPrecision(10));
  const [int, frac] = String(Math.abs(rounded)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}
