/**
 * Aggregator checkpoints: the whole state of a RoomAggregator as a plain structured-clone value,
 * so a fold can start from the nearest checkpoint instead of seq 1 (the replay's seek, the
 * review's figures at a minute).
 *
 * How. The aggregator is a graph of a dozen small classes (products, ad book, series, portrait
 * counters…) that share references (an order points at its product, the cart and the explained
 * product are products). `copy` turns that graph into plain objects, tagging each class instance
 * with its class's name and keeping shared references shared; typed arrays, Maps and Sets stay
 * as they are. `revive` gives the copy its prototypes back. The value is what
 * `structuredClone`/`v8.serialize` take, so the electron side stores it as bytes.
 *
 * Keyframes and deltas. Nearly all of the bytes are per-user: the UserTable's columns and the
 * products' UserSet bitsets (hundreds of thousands of users in a long show). Between two nearby
 * checkpoints few of those change, so a checkpoint is either a *keyframe* (everything) or a
 * *delta* on a keyframe: the rest of the graph in full (small), but each UserTable / UserSet
 * that the keyframe had as only the rows / bytes that differ from it. Restoring a delta = its
 * keyframe's per-user state with the differences written over it, plus the delta's rest.
 * Checkpoints can then sit a few thousand events apart (a short fold after a restore) and still
 * cost little to keep.
 *
 * Left out: the view cache (rebuilt on the next view) and the user id map (shared by every
 * aggregator of one session, see ./users.ts; a checkpoint keeps only the user count).
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
export const CHECKPOINT_VERSION = 2;

const CLASSES: Record<string, { prototype: object }> = {
  RoomAggregator, ProductState, BucketRing, MentionIndex, AdBook, AdCounters, PortraitCounter,
  RegionTable, MinuteSeries, RecentSeries, UserTable, UserSet,
};
const NAME_OF = new Map<object, string>(Object.entries(CLASSES).map(([name, c]) => [c.prototype, name]));
const TAG = '$class';
const TABLE_DELTA = 'UserTableDelta';
const SET_DELTA = 'UserSetDelta';

/** Fields never captured, per class. */
const TRANSIENT: Record<string, ReadonlySet<string>> = {
  RoomAggregator: new Set(['cache', 'stale', 'changed']),
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
  /** a delta's keyframe (its seq); absent on a keyframe */
  base?: number;
  /** a keyframe's per-user objects, in the order deltas refer to them */
  parts?: unknown[];
  state: unknown;
}

/** The per-user objects of a keyframe being written: live object → its index in `parts`. */
interface KeyframeParts {
  seq: number;
  index: Map<object, number>;
  copies: (UserTableCopy | UserSetCopy)[];
}
interface UserTableCopy {
  [TAG]: 'UserTable';
  count: number;
  [column: string]: unknown;
}
interface UserSetCopy {
  [TAG]: 'UserSet';
  size: number;
  bits: Uint8Array;
}

// ── copy ──────────────────────────────────────────────────────────────────────

class Copier {
  private readonly memo = new Map<object, unknown>();

  constructor(
    /** writing a keyframe: collect its per-user objects here */
    private readonly collect: KeyframeParts | null,
    /** writing a delta: the keyframe it refers to */
    private readonly base: KeyframeParts | null,
  ) {}

  copy(x: unknown): unknown {
    if (x === null || typeof x !== 'object') {
      if (typeof x === 'function') throw new Error('checkpoint: a function in the aggregator state');
      return x;
    }
    const seen = this.memo.get(x);
    if (seen !== undefined) return seen;
    if (ArrayBuffer.isView(x)) return this.keep(x, (x as Column).slice());
    if (Array.isArray(x)) {
      const a: unknown[] = new Array(x.length);
      this.memo.set(x, a);
      for (let i = 0; i < x.length; i++) a[i] = this.copy(x[i]);
      return a;
    }
    if (x instanceof Map) {
      const m = new Map();
      this.memo.set(x, m);
      for (const [k, v] of x) m.set(k, this.copy(v));
      return m;
    }
    if (x instanceof Set) {
      const s = new Set();
      this.memo.set(x, s);
      for (const v of x) s.add(this.copy(v));
      return s;
    }
    if (x instanceof UserTable || x instanceof UserSet) return this.keep(x, this.perUser(x));
    const proto = Object.getPrototypeOf(x) as object | null;
    const o: Record<string, unknown> = {};
    this.memo.set(x, o);
    let skip: ReadonlySet<string> | undefined;
    if (proto !== Object.prototype && proto !== null) {
      const name = NAME_OF.get(proto);
      if (name === undefined) throw new Error(`checkpoint: class ${(proto as { constructor?: { name?: string } }).constructor?.name ?? '?'} is not registered`);
      o[TAG] = name;
      skip = TRANSIENT[name];
    }
    const src = x as Record<string, unknown>;
    for (const k of Object.keys(src)) if (!skip?.has(k)) o[k] = this.copy(src[k]);
    return o;
  }

  private keep<T>(x: object, c: T): T {
    this.memo.set(x, c);
    return c;
  }

  private perUser(x: UserTable | UserSet): unknown {
    const i = this.base?.index.get(x);
    if (i !== undefined) {
      const b = this.base!.copies[i]!;
      return x instanceof UserTable ? tableDelta(x, b as UserTableCopy, i) : setDelta(x, b as UserSetCopy, i);
    }
    const full = x instanceof UserTable ? tableCopy(x) : setCopy(x);
    if (this.collect) {
      this.collect.index.set(x, this.collect.copies.length);
      this.collect.copies.push(full);
    }
    return full;
  }
}

function tableCopy(t: UserTable): UserTableCopy {
  // only the rows in use: the columns grow by doubling
  const o: UserTableCopy = { [TAG]: 'UserTable', count: t.count };
  for (const c of USER_COLUMNS) o[c] = (t[c] as Column).slice(0, t.count);
  return o;
}

function setCopy(s: UserSet): UserSetCopy {
  return { [TAG]: 'UserSet', size: s.size, bits: s.bits.slice() };
}

/** The rows of `t` that differ from the keyframe's copy `b`, and the rows added since. */
function tableDelta(t: UserTable, b: UserTableCopy, base: number) {
  const n = Math.min(b.count, t.count);
  const cols = USER_COLUMNS.map((c) => [t[c] as Column, b[c] as Column] as const);
  const changed: number[] = [];
  for (let r = 0; r < n; r++) {
    for (const [now, then] of cols) {
      if (now[r] !== then[r]) {
        changed.push(r);
        break;
      }
    }
  }
  const rows = Uint32Array.from(changed);
  const values: Record<string, Column> = {};
  const tail: Record<string, Column> = {};
  for (const c of USER_COLUMNS) {
    const col = t[c] as Column;
    const v = new (col.constructor as new (n: number) => Column)(rows.length);
    for (let k = 0; k < rows.length; k++) v[k] = col[rows[k]!]!;
    values[c] = v;
    tail[c] = col.slice(n, t.count);
  }
  return { [TAG]: TABLE_DELTA, base, count: t.count, rows, values, tail };
}

/** The bytes of `s` that differ from the keyframe's copy `b` (a set only gains members). */
function setDelta(s: UserSet, b: UserSetCopy, base: number) {
  const at: number[] = [];
  const len = s.bits.length;
  for (let i = 0; i < len; i++) if (s.bits[i] !== (i < b.bits.length ? b.bits[i] : 0)) at.push(i);
  const bytes = new Uint8Array(at.length);
  for (let k = 0; k < at.length; k++) bytes[k] = s.bits[at[k]!]!;
  return { [TAG]: SET_DELTA, base, size: s.size, length: len, at: Uint32Array.from(at), bytes };
}

// ── revive ────────────────────────────────────────────────────────────────────

class Reviver {
  private readonly done = new Map<object, unknown>();

  constructor(private readonly parts: unknown[] | undefined) {}

  /** `x` with prototypes given back (deltas resolved against the keyframe's parts). */
  revive(x: unknown): unknown {
    if (x === null || typeof x !== 'object' || ArrayBuffer.isView(x)) return x;
    const seen = this.done.get(x);
    if (seen !== undefined) return seen;
    if (Array.isArray(x)) {
      this.done.set(x, x);
      for (let i = 0; i < x.length; i++) x[i] = this.revive(x[i]);
      return x;
    }
    if (x instanceof Map) {
      this.done.set(x, x);
      for (const [k, v] of x) x.set(k, this.revive(v));
      return x;
    }
    if (x instanceof Set) {
      this.done.set(x, x); // sets of the aggregator hold primitives only
      return x;
    }
    const o = x as Record<string, unknown>;
    const name = o[TAG];
    if (name === TABLE_DELTA || name === SET_DELTA) {
      const whole = name === TABLE_DELTA ? this.applyTable(o) : this.applySet(o);
      this.done.set(x, whole);
      return whole;
    }
    this.done.set(x, x);
    if (typeof name === 'string') {
      const c = CLASSES[name];
      if (!c) throw new Error(`checkpoint: unknown class ${name}`);
      delete o[TAG];
      Object.setPrototypeOf(o, c.prototype);
    }
    for (const k of Object.keys(o)) o[k] = this.revive(o[k]);
    return o;
  }

  private part(i: unknown): Record<string, unknown> {
    const p = typeof i === 'number' ? this.parts?.[i] : undefined;
    if (!p || typeof p !== 'object') throw new Error('checkpoint: a delta without its keyframe');
    return p as Record<string, unknown>;
  }

  /** The keyframe's table copy with the delta's rows written over it and its new rows after. */
  private applyTable(d: Record<string, unknown>): UserTable {
    const b = this.part(d.base);
    const count = d.count as number;
    const rows = d.rows as Uint32Array;
    const values = d.values as Record<string, Column>;
    const tail = d.tail as Record<string, Column>;
    const kept = Math.min(b.count as number, count);
    for (const c of USER_COLUMNS) {
      const from = b[c] as Column;
      const col = new (from.constructor as new (n: number) => Column)(count);
      col.set(from.subarray(0, kept) as never);
      const v = values[c]!;
      for (let k = 0; k < rows.length; k++) col[rows[k]!] = v[k]!;
      col.set(tail[c]! as never, kept);
      b[c] = col;
    }
    b.count = count;
    delete b[TAG];
    return Object.setPrototypeOf(b, UserTable.prototype) as UserTable;
  }

  private applySet(d: Record<string, unknown>): UserSet {
    const b = this.part(d.base);
    const old = b.bits as Uint8Array;
    const bits = new Uint8Array(d.length as number);
    bits.set(old.subarray(0, Math.min(old.length, bits.length)));
    const at = d.at as Uint32Array;
    const bytes = d.bytes as Uint8Array;
    for (let k = 0; k < at.length; k++) bits[at[k]!] = bytes[k]!;
    const s = Object.setPrototypeOf({ size: d.size, bits }, UserSet.prototype) as UserSet;
    return s;
  }
}

// ── taking and restoring ──────────────────────────────────────────────────────

/**
 * Takes the checkpoints of one fold in order: `keyframe` or `delta` (on the latest keyframe).
 * Holds the latest keyframe's per-user copies to compare with (a few tens of MB at most).
 */
export class CheckpointTaker {
  private base: KeyframeParts | null = null;

  /** A keyframe after the event `seq` (the aggregator's newest by default). */
  keyframe(agg: RoomAggregator, seq = agg.lastSeq): Checkpoint {
    const parts: KeyframeParts = { seq, index: new Map(), copies: [] };
    const state = new Copier(parts, null).copy(agg);
    this.base = parts;
    return { version: CHECKPOINT_VERSION, seq, users: agg.userCount, parts: parts.copies, state };
  }

  /** A delta on the latest keyframe (a keyframe when there is none yet). */
  delta(agg: RoomAggregator, seq = agg.lastSeq): Checkpoint {
    if (!this.base) return this.keyframe(agg, seq);
    const state = new Copier(null, this.base).copy(agg);
    return { version: CHECKPOINT_VERSION, seq, users: agg.userCount, base: this.base.seq, state };
  }
}

/** A keyframe of the aggregator, on its own. */
export function capture(agg: RoomAggregator): Checkpoint {
  return new CheckpointTaker().keyframe(agg);
}

/**
 * An aggregator in the checkpoint's state. `ids` is the session's user id map (holding at least
 * the checkpoint's users); a delta needs its keyframe (`keyframe`). The values are consumed:
 * restore structured clones of them (or freshly deserialized bytes) to restore them again.
 */
export function restore(cp: Checkpoint, ids: UserIds, keyframe?: Checkpoint): RoomAggregator {
  for (const c of keyframe ? [cp, keyframe] : [cp]) {
    if (c.version !== CHECKPOINT_VERSION) throw new Error(`checkpoint version ${c.version}, expected ${CHECKPOINT_VERSION}`);
  }
  if (cp.base !== undefined && keyframe?.seq !== cp.base) throw new Error(`checkpoint at seq ${cp.seq} needs its keyframe at seq ${cp.base}`);
  const agg = new Reviver(cp.base !== undefined ? keyframe!.parts : undefined).revive(cp.state) as RoomAggregator;
  agg.resumeFromCheckpoint(ids);
  return agg;
}
