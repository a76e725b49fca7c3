/**
 * A checkpoint restored and folded on gives the same view as one fold from the first event —
 * at every kind of cut (mid-explanation, with unpaid orders, after session.end), through a
 * structured clone and through v8 bytes (what the store keeps), with the session's user id map
 * shared or rebuilt from its list.
 */
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { RoomAggregator } from '../../../shared/aggregate';
import { CHECKPOINT_VERSION, CheckpointTaker, capture, restore, type Checkpoint } from '../../../shared/aggregate/checkpoint';
import { UserIds } from '../../../shared/aggregate/users';
import { generate } from './gen';

const { events } = generate(11, { events: 6000, users: 400, end: true });

function foldAll(agg: RoomAggregator, from = 0, to = events.length): RoomAggregator {
  for (let i = from; i < to; i++) agg.apply(events[i]!.event, events[i]!.known);
  return agg;
}

describe('aggregator checkpoints', () => {
  const whole = foldAll(new RoomAggregator()).view();

  it.each([1, 500, 2999, 5200, events.length - 1])('restored at event %i and folded on equals one fold', (cut) => {
    const ids = new UserIds();
    const first = foldAll(new RoomAggregator(ids), 0, cut);
    const cp = capture(first);
    expect(cp.version).toBe(CHECKPOINT_VERSION);
    expect(cp.seq).toBe(events[cut - 1]!.event.seq);
    // the aggregator it was taken from goes on unchanged…
    expect(foldAll(first, cut).view()).toEqual(whole);
    // …and the checkpoint, through bytes, with a shared map that has run ahead, gives the same
    const viaBytes = restore(deserialize(serialize(cp)) as Checkpoint, ids);
    expect(foldAll(viaBytes, cut).view()).toEqual(whole);
    // with a map rebuilt from the list (a checkpoint read back from the store)
    const viaClone = restore(structuredClone(cp), new UserIds(ids.list.slice(0, cp.users)));
    expect(foldAll(viaClone, cut).view()).toEqual(whole);
  });

  it('the view at the cut is the view of the events before it', () => {
    const cut = 3100;
    const ids = new UserIds();
    const atCut = foldAll(new RoomAggregator(ids), 0, cut);
    const before = atCut.view();
    expect(restore(capture(atCut), ids).view()).toEqual(before);
  });

  it('a map built from other events is not trusted: the table goes on with its own copy', () => {
    const cut = 2000;
    const ids = new UserIds();
    const cp = capture(foldAll(new RoomAggregator(ids), 0, cut));
    const other = new UserIds(ids.list.slice(0, cp.users));
    other.add('someone-else'); // a map whose next id is not the one these events meet next
    const agg = restore(deserialize(serialize(cp)) as Checkpoint, other);
    expect(foldAll(agg, cut).view()).toEqual(whole);
  });

  it.each([
    [1, 2],
    [300, 2999],
    [2999, 3000],
    [1000, 5200],
    [4000, events.length - 1],
  ])('a delta at event %i → %i on its keyframe restores to the same state', (k, d) => {
    const ids = new UserIds();
    const agg = foldAll(new RoomAggregator(ids), 0, k);
    const taker = new CheckpointTaker();
    const key = taker.keyframe(agg);
    foldAll(agg, k, d);
    const atD = agg.view();
    const delta = taker.delta(agg);
    expect(delta.base).toBe(key.seq);
    const bytes = (c: Checkpoint) => deserialize(serialize(c)) as Checkpoint;
    const restored = restore(bytes(delta), ids, bytes(key));
    expect(restored.view()).toEqual(atD);
    expect(foldAll(restore(bytes(delta), ids, bytes(key)), d).view()).toEqual(whole);
    // the keyframe itself is still good after deltas were taken on it
    expect(foldAll(restore(bytes(key), ids), k).view()).toEqual(whole);
  });

  it('a delta a few events after its keyframe carries a small part of the per-user bytes', () => {
    const many = generate(12, { events: 40_000, users: 20_000 }).events;
    const cut = many.length - 500;
    const agg = new RoomAggregator();
    for (let i = 0; i < cut; i++) agg.apply(many[i]!.event, many[i]!.known);
    const taker = new CheckpointTaker();
    const usersOf = (c: Checkpoint) => serialize((c.state as { users: unknown }).users).length;
    const key = usersOf(taker.keyframe(agg));
    for (let i = cut; i < many.length; i++) agg.apply(many[i]!.event, many[i]!.known);
    const delta = usersOf(taker.delta(agg));
    expect(delta).toBeLessThan(key / 10);
  });

  it('a delta restored without its keyframe is refused', () => {
    const agg = foldAll(new RoomAggregator(), 0, 100);
    const taker = new CheckpointTaker();
    const key = taker.keyframe(agg);
    foldAll(agg, 100, 200);
    const delta = taker.delta(agg);
    expect(() => restore(delta, new UserIds())).toThrow(/needs its keyframe/);
    expect(() => restore(delta, new UserIds(), { ...key, seq: key.seq + 1 })).toThrow(/needs its keyframe/);
  });

  it('refuses a checkpoint of another version', () => {
    const cp = capture(foldAll(new RoomAggregator(), 0, 100));
    expect(() => restore({ ...cp, version: CHECKPOINT_VERSION + 1 }, new UserIds())).toThrow(/version/);
  });
});
