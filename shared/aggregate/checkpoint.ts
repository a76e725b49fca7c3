/**
 * Aggregator checkpoints: the whole state of a RoomAggregator as a plain structured-clone value,
 * so a fold can start from the nearest checkpoint instead of seq 1 (the replay's seek, the
 * review's figures at a minute).
 *
 * How. The aggregator is a graph of a dozen small classes (products, ad book, series, portrait
 * counters…) that share references (an order points at its product, the cart and the explained
 * product are products). `capture` copies that graph into plain objects, tagging each class
 * instance with its class's name and keeping shared references shared; typed arrays, Maps and
 * Sets stay as they are. `revive` gives the copy its prototypes back. The value is what
 * `structuredClone`/`v8.serialize` take, so the electron side stores it as bytes.
 *
 * What is left out: the view cache (rebuilt on the next view) and the user id map (shared by
 * every aggregator of one session, see ./users.ts; a checkpoint keeps only the user count).
 *
 * Why a registry and not hand-written save/restore per class: a field added to any of these
 * classes is carried without anyone remembering to; a class not registered fails loudly at the
 * first capture (the checkpoint test folds a full show).
 */
import { AdBook, AdCounters } from './ads';
import { PortraitCounter, RegionTable } from './portrait';
import { BucketRing, MentionIndex, ProductState } from './products';
import { RoomAggregator } from './room-aggregator';
import { MinuteSeries, RecentSeries } from './series';
import { UserSet, UserTable, type UserIds } from './users';

/** Bump when the shape of the aggregator's state changes: older stored checkpoints are rebuilt. */
export const CHECKPOINT_VERSION = 1;

const CLASSES: Record<string, { prototype: object }> = {
  RoomAggregator, ProductState, BucketRing, MentionIndex, AdBook, AdCounters, PortraitCounter,
  RegionTable, MinuteSeries, RecentSeries, UserTable, UserSet,
};
const NAME_OF = new Map<object, string>(Object.entries(CLASSES).map(([name, c]) => [c.prototype, name]));
const TAG = '$class';

/** Fields never captured, per class. */
const TRANSIENT: Record<string, ReadonlySet<string>> = {
  RoomAggregator: new Set(['cache', 'stale', 'changed']),
  UserTable: new Set(['ids']),
};

type Column = Uint8Array | Uint16Array | Uint32Array | Int8Array | Float64Array;
const USER_COLUMNS = [
  'flags', 'enteredChannels', 'orderChannels', 'buyerChannels', 'channel', 'stayChannel', 'openSince',
  'gender', 'age', 'region', 'returning',
] as const;

export interface Checkpoint {
  version: number;
  /** seq of the newest event folded in */
  seq: number;
  /** users the state knows (the first `users` ids of the session's id map) */
  users: number;
  state: unknown;
}

function copy(x: unknown, memo: Map<object, unknown>): unknown {
  if (x === null || typeof x !== 'object') {
    if (typeof x === 'function') throw new Error('checkpoint: a function in the aggregator state');
    return x;
  }
  const seen = memo.get(x);
  if (seen !== undefined) return seen;
  if (ArrayBuffer.isView(x)) {
    const c = (x as Column).slice();
    memo.set(x, c);
    return c;
  }
  if (Array.isArray(x)) {
    const a: unknown[] = new Array(x.length);
    memo.set(x, a);
    for (let i = 0; i < x.length; i++) a[i] = copy(x[i], memo);
    return a;
  }
  if (x instanceof Map) {
    const m = new Map();
    memo.set(x, m);
    for (const [k, v] of x) m.set(k, copy(v, memo));
    return m;
  }
  if (x instanceof Set) {
    const s = new Set();
    memo.set(x, s);
    for (const v of x) s.add(copy(v, memo));
    return s;
  }
  const proto = Object.getPrototypeOf(x) as object | null;
  const o: Record<string, unknown> = {};
  memo.set(x, o);
  let skip: ReadonlySet<string> | undefined;
  if (proto !== Object.prototype && proto !== null) {
    const name = NAME_OF.get(proto);
    if (name === undefined) throw new Error(`checkpoint: class ${(proto as { constructor?: { name?: string } }).constructor?.name ?? '?'} is not registered`);
    o[TAG] = name;
    skip = TRANSIENT[name];
  }
  const src = x as Record<string, unknown>;
  if (x instanceof UserTable) {
    // only the rows in use: the columns grow by doubling
    for (const c of USER_COLUMNS) o[c] = (x[c] as Column).slice(0, x.count);
    o.count = x.count;
    return o;
  }
  for (const k of Object.keys(src)) if (!skip?.has(k)) o[k] = copy(src[k], memo);
  return o;
}

function revive(x: unknown, seen: Set<object>): void {
  if (x === null || typeof x !== 'object' || seen.has(x) || ArrayBuffer.isView(x)) return;
  seen.add(x);
  if (Array.isArray(x)) {
    for (const v of x) revive(v, seen);
    return;
  }
  if (x instanceof Map) {
    for (const v of x.values()) revive(v, seen);
    return;
  }
  if (x instanceof Set) {
    for (const v of x) revive(v, seen);
    return;
  }
  const o = x as Record<string, unknown>;
  const name = o[TAG];
  if (typeof name === 'string') {
    const c = CLASSES[name];
    if (!c) throw new Error(`checkpoint: unknown class ${name}`);
    delete o[TAG];
    Object.setPrototypeOf(o, c.prototype);
  }
  for (const k of Object.keys(o)) revive(o[k], seen);
}

/** A copy of the aggregator's state, independent of it (the aggregator goes on unchanged). */
export function capture(agg: RoomAggregator): Checkpoint {
  return { version: CHECKPOINT_VERSION, seq: agg.lastSeq, users: agg.userCount, state: copy(agg, new Map()) };
}

/**
 * An aggregator in the checkpoint's state. `ids` is the session's user id map (holding at least
 * the checkpoint's users). The checkpoint value is consumed: restore a structured clone of it
 * (or freshly deserialized bytes) to restore the same checkpoint twice.
 */
export function restore(cp: Checkpoint, ids: UserIds): RoomAggregator {
  if (cp.version !== CHECKPOINT_VERSION) throw new Error(`checkpoint version ${cp.version}, expected ${CHECKPOINT_VERSION}`);
  revive(cp.state, new Set());
  const agg = cp.state as RoomAggregator;
  agg.resumeFromCheckpoint(ids);
  return agg;
}
