/**
 * ReplayPlayer on a recorded simulator show in a real SQLite file: the figures after a seek to
 * minute M equal what the live engine's aggregation showed at minute M (forward and backward
 * seeks, several M), playing at 1×–16× on a fake clock, pause, close.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_MAX_EVENTS, SessionCheckpoints } from '../../../electron/fold/session-checkpoints';
import { refreshRollups } from '../../../electron/history/rollup-job';
import { ReplayPlayer } from '../../../electron/replay/player';
import { loadTimeline, type Timeline } from '../../../electron/replay/timeline';
import { REPLAY_SPEEDS } from '../../../shared/api/contract';
import { liveFoldAt, recordShow, START, type Recorded } from './recorded';

const MIN = 60_000;
let rec: Recorded;
let timeline: Timeline;

beforeAll(() => {
  rec = recordShow(30);
  timeline = loadTimeline(rec.db, rec.sessionId);
});
afterAll(() => rec.db.close());

function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('Timeline', () => {
  it('spans the show and holds the prefix of events before the cutoff', () => {
    expect(timeline.startedAt).toBe(START);
    expect(timeline.durationMs).toBe(30 * MIN);
    expect(timeline.count).toBe(rec.events.length);
    expect(timeline.seqAt(0)).toBe(1); // session.start is always held
    const cutoff = START + 17 * MIN;
    const expected = Math.max(...rec.events.filter((e) => e.ts < cutoff).map((e) => e.seq));
    expect(timeline.seqAt(17 * MIN)).toBe(expected);
    expect(timeline.seqAt(30 * MIN)).toBe(rec.events.at(-1)!.seq); // the end: after-sale included
  });

  it('refuses an unknown session with one line', () => {
    expect(() => loadTimeline(rec.db, 'nope')).toThrow(/^no session "nope" in the store$/);
  });
});

describe('seek: figures at minute M equal the live figures at minute M', () => {
  it('forward and backward, several M', async () => {
    const player = new ReplayPlayer(rec.db, timeline);
    for (const m of [12, 3, 25.5, 29, 1]) {
      expect(await player.seek(m * MIN)).toBe(true);
      expect(player.positionMs).toBe(m * MIN);
      const live = liveFoldAt(rec.events, rec.sessionId, m * MIN);
      expect(player.aggregator.view()).toEqual(live);
      expect(player.aggregator.view().figures.pv).toBeGreaterThan(0);
    }
  });

  it('a newer seek supersedes a long one still rebuilding', async () => {
    const player = new ReplayPlayer(rec.db, timeline);
    const first = player.seek(28 * MIN); // > FOLD_SLICE events: yields between slices
    expect(player.seeking).not.toBeNull();
    const second = player.seek(5 * MIN);
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    expect(player.seeking).toBeNull();
    expect(player.aggregator.view()).toEqual(liveFoldAt(rec.events, rec.sessionId, 5 * MIN));
  });
});

describe('play', () => {
  it.each(REPLAY_SPEEDS.map((s) => [s]))('advances show time at %i× wall time', async (speed) => {
    const clock = fakeClock();
    const player = new ReplayPlayer(rec.db, timeline, { now: clock.now });
    await player.seek(2 * MIN);
    player.setSpeed(speed);
    await player.play();
    for (let i = 0; i < 10; i++) {
      clock.advance(1000);
      expect(player.tick()).toBe(true);
    }
    expect(player.positionMs).toBe(2 * MIN + 10_000 * speed);
    expect(player.aggregator.view()).toEqual(liveFoldAt(rec.events, rec.sessionId, 2 * MIN + 10_000 * speed));
  });

  it('pauses, resumes, changes speed mid-way and stops at the end', async () => {
    const clock = fakeClock();
    const player = new ReplayPlayer(rec.db, timeline, { now: clock.now });
    await player.play();
    clock.advance(30_000);
    player.pause();
    expect(player.positionMs).toBe(30_000);
    clock.advance(60_000);
    expect(player.tick()).toBe(false);
    expect(player.positionMs).toBe(30_000);
    await player.play();
    clock.advance(10_000);
    player.setSpeed(16);
    clock.advance(10_000);
    player.tick();
    expect(player.positionMs).toBe(30_000 + 10_000 + 160_000);
    await player.seek(29.9 * MIN);
    clock.advance(60_000);
    player.tick();
    expect(player.positionMs).toBe(30 * MIN);
    expect(player.isPlaying).toBe(false);
    expect(player.seq).toBe(rec.events.at(-1)!.seq);
    expect(player.aggregator.view().info.state).toBe('ended');
    // play at the end starts again from the beginning
    await player.play();
    expect(player.positionMs).toBe(0);
    expect(player.seq).toBe(1);
  });

  it('does nothing after close', async () => {
    const clock = fakeClock();
    const player = new ReplayPlayer(rec.db, timeline, { now: clock.now });
    await player.play();
    player.close();
    clock.advance(10_000);
    expect(player.tick()).toBe(false);
    expect(player.positionMs).toBe(0);
  });
});

describe('seek from stored checkpoints', () => {
  it('restores the nearest checkpoint and folds on: the live figures at every M', async () => {
    expect(refreshRollups(rec.db, rec.sessionId)).toBe(true);
    const checkpoints = SessionCheckpoints.load(rec.db, rec.sessionId);
    expect(checkpoints.count).toBeGreaterThanOrEqual(2);
    // (a 30-minute show is short: every forward seek would fold on by default)
    const player = new ReplayPlayer(rec.db, timeline, { checkpoints, foldOnEvents: 0 });
    const from: string[] = [];
    // a short step forward with no checkpoint in between: it folds on from the position
    for (const m of [25, 3, 12, 29, 0.5]) {
      expect(await player.seek(m * MIN)).toBe(true);
      from.push(player.lastSeek!.from);
      expect(player.aggregator.view()).toEqual(liveFoldAt(rec.events, rec.sessionId, m * MIN));
    }
    // seeks restore a checkpoint; before the first checkpoint, from the start
    expect(from).toEqual(['checkpoint', 'checkpoint', 'checkpoint', 'checkpoint', 'start']);
    // every fold after a restore is shorter than the schedule's bound
    await player.seek(29 * MIN);
    expect(player.lastSeek!.events).toBeLessThanOrEqual(CHECKPOINT_MAX_EVENTS);
  });
});
