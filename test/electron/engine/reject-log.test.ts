import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/engine/backoff';
import { RejectLog } from '../../../electron/engine/reject-log';

describe('RejectLog', () => {
  it('counts every rejection but logs one line per kind per interval, control characters removed', () => {
    let t = 0;
    const lines: string[] = [];
    const log = new RejectLog((l) => lines.push(l), 10_000, () => t);
    for (let i = 0; i < 1000; i++) log.add('not_json', 1, 'bad\u0000frame\u202e');
    log.add('seq_hole', 5);
    expect(log.snapshot()).toEqual({ not_json: 1000, seq_hole: 5 });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('rejected 1 × not_json: bad frame  (total 1)');
    t = 10_000;
    log.add('not_json', 1);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('rejected 1000 × not_json (total 1001)');
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with jitter and never exceeds the cap', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, { minMs: 100, maxMs: 5000, random: mid }))).toEqual([100, 200, 400, 800]);
    for (let a = 1; a < 40; a++) {
      for (const r of [0, 0.999]) expect(backoffDelay(a, { random: () => r })).toBeLessThanOrEqual(5000);
    }
    expect(backoffDelay(3, { minMs: 100, random: () => 0 })).toBe(200);
  });
});
