/**
 * Event → screen latency from two logs on the same wall clock:
 * - the source's batches `[emitAt, pvBefore, pvAfter]`: PV values pvBefore+1 … pvAfter (one per
 *   viewer.enter) left the source at emitAt;
 * - the page's samples `[shownPv, at]`: from `at` on, the screen showed PV = shownPv.
 * Each viewer.enter emitted in [from, to] gets latency = (first `at` whose shownPv ≥ its PV
 * value) − emitAt; one sample per event, so busy batches weigh what they carry. An event the
 * screen never showed before the end of observation is counted as unseen, not dropped silently.
 */
export interface Latency {
  samples: number[];
  unseen: number;
}

export function eventToScreen(batches: [number, number, number][], shown: [number, number][], from: number, to: number): Latency {
  const seen = shown.map(([v, at]) => [v, at] as [number, number]).sort((a, b) => a[1] - b[1]);
  // a running maximum: the PV on screen never goes back, a stale sample cannot lower it
  let max = -Infinity;
  for (const s of seen) {
    max = Math.max(max, s[0]);
    s[0] = max;
  }
  const samples: number[] = [];
  let unseen = 0;
  let j = 0;
  for (const [emitAt, before, after] of batches) {
    if (emitAt < from || emitAt > to || after <= before) continue;
    for (let v = before + 1; v <= after; v++) {
      // both v and the shown PV only grow: the first showing ≥ v is found by walking forward once
      while (j < seen.length && seen[j]![0] < v) j++;
      if (j >= seen.length) unseen++;
      else samples.push(seen[j]![1] - emitAt);
    }
  }
  return { samples, unseen };
}

export function percentile(xs: number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
