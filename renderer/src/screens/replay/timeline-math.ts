/** Pure helpers of the replay timeline: show-time text, pointer → minute, marker placement. */

/** Show time (ms since the start) as h:mm:ss (or m:ss under an hour). */
export function showTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** The show minute under a pointer at `x` px of a track `width` px wide, clamped to the show. */
export function minuteAt(x: number, width: number, durationMs: number): number {
  if (width <= 0 || durationMs <= 0) return 0;
  const f = Math.min(1, Math.max(0, x / width));
  return (f * durationMs) / 60_000;
}

/** Where a show time sits on the track, as a percentage (0–100). */
export function percentOf(positionMs: number, durationMs: number): number {
  if (durationMs <= 0) return 0;
  return Math.min(100, Math.max(0, (positionMs / durationMs) * 100));
}

/** Minute ticks for the track: about `target` of them, on a round step (1, 5, 10, 15, 30, 60 … min). */
export function minuteTicks(durationMs: number, target = 12): number[] {
  const minutes = durationMs / 60_000;
  if (minutes <= 0) return [];
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 240];
  const step = steps.find((s) => minutes / s <= target) ?? 480;
  const ticks: number[] = [];
  for (let m = 0; m <= minutes + 1e-9; m += step) ticks.push(m);
  return ticks;
}
