/**
 * Per-session contiguity: the highest seq L such that every seq 1..L is stored, recorded as a
 * reject with that seq (it counts as delivered), or covered by a recorded gap — plus the
 * ranges already covered beyond the first hole, so L jumps forward when the hole is filled.
 * Pure and copy-on-write, so a failed transaction leaves the tracker as it was.
 */
export interface Coverage {
  last: number;
  /** covered ranges above last + 1, sorted, disjoint, not touching last */
  ahead: readonly (readonly [number, number])[];
}

export const EMPTY_COVERAGE: Coverage = { last: 0, ahead: [] };

/** Ranges [from, to] (any order, may overlap) merged into the coverage. */
export function cover(c: Coverage, ranges: readonly (readonly [number, number])[]): Coverage {
  const relevant = ranges.filter(([, to]) => to > c.last);
  if (relevant.length === 0) return c;
  const all = [...c.ahead, ...relevant].sort((a, b) => a[0] - b[0]);
  let last = c.last;
  const ahead: [number, number][] = [];
  for (const [from, to] of all) {
    if (ahead.length === 0 && from <= last + 1) {
      last = Math.max(last, to);
      continue;
    }
    const prev = ahead[ahead.length - 1];
    if (prev && from <= prev[1] + 1) prev[1] = Math.max(prev[1], to);
    else ahead.push([from, to]);
  }
  return { last, ahead };
}

/** Seqs (any order) as runs of consecutive numbers: [1,2,3,7,8] → [[1,3],[7,8]]. */
export function runsOf(seqs: ArrayLike<number>): [number, number][] {
  if (seqs.length === 0) return [];
  let sorted = seqs;
  for (let i = 1; i < seqs.length; i++) {
    if (seqs[i]! < seqs[i - 1]!) {
      sorted = Array.from(seqs).sort((a, b) => a - b);
      break;
    }
  }
  const runs: [number, number][] = [];
  let from = sorted[0]!;
  let to = from;
  for (let i = 1; i < sorted.length; i++) {
    const s = sorted[i]!;
    if (s <= to + 1) to = Math.max(to, s);
    else {
      runs.push([from, to]);
      from = to = s;
    }
  }
  runs.push([from, to]);
  return runs;
}
