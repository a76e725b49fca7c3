/**
 * The replay page's seek detection (a jump playing cannot explain) and the comment pacer's
 * restart from the comments before the cursor.
 */
import { describe, expect, it } from 'vitest';
import { CommentPacer } from '../../renderer/src/comments/feed';
import { isSeek } from '../../renderer/src/screens/replay/seek-detect';
import type { CommentRow } from '../../shared/viewmodel/room';

const st = (positionMs: number, playing = false, speed: 1 | 16 = 1) => ({ positionMs, playing, speed });

describe('seek detection', () => {
  it('paused: any move beyond rounding is a seek', () => {
    expect(isSeek(st(60_000), st(60_000), 5000)).toBe(false);
    expect(isSeek(st(60_000), st(60_400), 5000)).toBe(false);
    expect(isSeek(st(60_000), st(120_000), 10)).toBe(true);
    expect(isSeek(st(60_000), st(0), 10)).toBe(true);
  });
  it('playing: wall time × speed is play, a jump beyond it (or back) is a seek', () => {
    // 250 ms at 16× = 4 s of show, with the transport's jitter
    expect(isSeek(st(60_000, true, 16), st(64_000, true, 16), 250)).toBe(false);
    expect(isSeek(st(60_000, true, 16), st(66_500, true, 16), 250)).toBe(false);
    expect(isSeek(st(60_000, true, 16), st(300_000, true, 16), 250)).toBe(true);
    expect(isSeek(st(60_000, true, 1), st(50_000, true, 1), 250)).toBe(true);
    // the end reached and play again from 0
    expect(isSeek(st(840_000, false), st(0, true), 100)).toBe(true);
  });
});

describe('comment pacer restart', () => {
  const c = (seq: number): CommentRow => ({ seq, ts: seq, userId: `u${seq}`, nickname: `n${seq}`, text: `t${seq}` });
  it('shows the rows at once and queues only comments after the cursor', () => {
    const p = new CommentPacer({ visible: 3 });
    p.offer([c(100), c(200)]); // the old position's
    p.offer([c(300)]);
    p.restart([c(10), c(20), c(30), c(40)], 45);
    expect(p.shown.map((r) => r.seq)).toEqual([20, 30, 40]);
    expect([p.queued, p.skipped]).toEqual([0, 0]);
    // the room still holding older comments (a stale delta) queues nothing; a new one is queued
    p.offer([c(30), c(40), c(44)]);
    expect(p.queued).toBe(0);
    p.offer([c(40), c(46)]);
    expect(p.queued).toBe(1);
    expect(p.release()).toBe(true);
    expect(p.shown.map((r) => r.seq)).toEqual([30, 40, 46]);
  });
  it('no comments before the cursor: an empty feed that takes the next one', () => {
    const p = new CommentPacer({ visible: 3 });
    p.restart([], 7);
    expect(p.shown).toEqual([]);
    p.offer([c(5), c(8)]);
    expect(p.queued).toBe(1);
  });
});
