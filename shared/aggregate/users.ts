/**
 * What the aggregator remembers per distinct user: a few flags, the channel bitmasks behind the
 * per-channel distinct counts, the current stay, and the portrait attributes of the latest
 * `viewer.enter` (used again when the user buys). Small numbers only, nothing that grows with the
 * number of events.
 *
 * Why columns of typed arrays and not one object per user: a checkpoint of the aggregator
 * (./checkpoint.ts) copies this state, and a long show has hundreds of thousands of users.
 * Copying a dozen typed arrays is a memcpy; cloning 500k objects is a few hundred ms.
 *
 * Why the id → index map lives apart (UserIds) and may be shared: a user's index is the order in
 * which the fold first met them, so folding the same stored events always gives the same
 * indexes. Every aggregator folded from the same session's events (a replay and each of its
 * checkpoints) can therefore share one map, and a checkpoint need not carry it — it carries only
 * how many users it knows (`count`). An index at or past `count` is a user this aggregator has
 * not met yet.
 */
import { CHANNEL_COUNT } from './channel-index';

export const enum UserFlag {
  Entered = 1,
  Inside = 2,
  Exposed = 4,
  Clicked = 8,
  Interacted = 16,
  Ordered = 32,
  Buyer = 64,
  Fan = 128,
}

if (CHANNEL_COUNT > 32) throw new Error('channel bitmasks hold at most 32 channels');

/** User ids in the order a fold first met them (append-only). */
export class UserIds {
  private readonly index = new Map<string, number>();
  readonly list: string[] = [];

  constructor(ids: readonly string[] = []) {
    for (const id of ids) this.add(id);
  }

  get size(): number {
    return this.list.length;
  }

  indexOf(userId: string): number | undefined {
    return this.index.get(userId);
  }

  add(userId: string): number {
    const i = this.list.length;
    this.index.set(userId, i);
    this.list.push(userId);
    return i;
  }

  /** a private copy of the first `n` ids */
  prefix(n: number): UserIds {
    return new UserIds(this.list.slice(0, n));
  }
}

const INITIAL = 1024;

export class UserTable {
  /** users this table knows: indexes [0, count) */
  count = 0;
  flags = new Uint8Array(INITIAL);
  /** channel bitmasks (bit = index in CHANNELS) */
  enteredChannels = new Uint32Array(INITIAL);
  orderChannels = new Uint32Array(INITIAL);
  buyerChannels = new Uint32Array(INITIAL);
  /** channel of the latest enter; -1 = never entered */
  channel = new Int8Array(INITIAL).fill(-1);
  /** channel of the open stay */
  stayChannel = new Uint8Array(INITIAL);
  openSince = new Float64Array(INITIAL);
  gender = new Uint8Array(INITIAL);
  age = new Uint8Array(INITIAL);
  region = new Uint16Array(INITIAL);
  returning = new Uint8Array(INITIAL);

  constructor(private ids: UserIds = new UserIds()) {}

  /** the id map (not part of a checkpoint: see the file's comment) */
  get idMap(): UserIds {
    return this.ids;
  }

  /** index of a known user, or -1 */
  find(userId: string): number {
    const i = this.ids.indexOf(userId);
    return i !== undefined && i < this.count ? i : -1;
  }

  /** index of the user, adding them when new */
  ensure(userId: string): number {
    const i = this.ids.indexOf(userId);
    if (i !== undefined && i < this.count) return i;
    if (i === undefined ? this.ids.size !== this.count : i !== this.count) {
      // The shared map ran ahead with a different order (events not the ones it was built
      // from): go on with a private copy of the ids this table knows. Slower, never wrong.
      this.ids = this.ids.prefix(this.count);
      return this.ensure(userId);
    }
    if (i === undefined) this.ids.add(userId);
    if (this.count === this.flags.length) this.grow();
    return this.count++;
  }

  /** Attach the id map a checkpoint was taken with (restore). */
  attach(ids: UserIds): void {
    if (ids.size < this.count) throw new Error(`user id map holds ${ids.size} ids, the checkpoint ${this.count}`);
    this.ids = ids;
  }

  private grow(): void {
    const n = Math.max(INITIAL, this.flags.length * 2);
    const wider = <T extends Uint8Array | Uint16Array | Uint32Array | Int8Array | Float64Array>(a: T, fill = 0): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      if (fill !== 0) b.fill(fill, a.length);
      return b;
    };
    this.flags = wider(this.flags);
    this.enteredChannels = wider(this.enteredChannels);
    this.orderChannels = wider(this.orderChannels);
    this.buyerChannels = wider(this.buyerChannels);
    this.channel = wider(this.channel, -1);
    this.stayChannel = wider(this.stayChannel);
    this.openSince = wider(this.openSince);
    this.gender = wider(this.gender);
    this.age = wider(this.age);
    this.region = wider(this.region);
    this.returning = wider(this.returning);
  }
}

/**
 * A set of user indexes (a product's exposure, click and buyer users) as a bitset that grows to
 * the largest index added. Like UserTable, a checkpoint copies it as bytes; a Set of numbers
 * costs far more to clone and to read back.
 */
export class UserSet {
  size = 0;
  bits = new Uint8Array(64);

  add(user: number): void {
    const byte = user >> 3;
    if (byte >= this.bits.length) {
      const wider = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      wider.set(this.bits);
      this.bits = wider;
    }
    const mask = 1 << (user & 7);
    if ((this.bits[byte]! & mask) === 0) {
      this.bits[byte]! |= mask;
      this.size++;
    }
  }

  has(user: number): boolean {
    const byte = user >> 3;
    return byte < this.bits.length && (this.bits[byte]! & (1 << (user & 7))) !== 0;
  }
}
