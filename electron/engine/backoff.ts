/**
 * Reconnect delays: exponential from `minMs`, capped at `maxMs`, with ±50 % jitter so many
 * recorders that lost the same source do not all knock again in the same millisecond.
 */
export interface BackoffOptions {
  minMs?: number;
  maxMs?: number;
  random?: () => number;
}

export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const min = opts.minMs ?? 200;
  const max = opts.maxMs ?? 5000;
  const random = opts.random ?? Math.random;
  const base = Math.min(max, min * 2 ** Math.max(0, attempt - 1));
  const jittered = base * (0.5 + random());
  return Math.round(Math.min(max, Math.max(min / 2, jittered)));
}
