/**
 * What the aggregator remembers per distinct user: a few flags, the channel bitmasks behind the
 * per-channel distinct counts, the current stay, and the portrait attributes of the latest
 * `viewer.enter` (used again when the user buys). Small numbers only: a room of 200k viewers
 * costs a few tens of MB, and nothing here grows with the number of events.
 */
export const enum UserFlag {
  Entered = 1,
  Inside = 2,
  Exposed = 4,
  Clicked = 8,
  Interacted = 16,
  Ordered = 32,
  Buyer = 64,
}

let nextId = 0;

export class User {
  /** a number for the per-product user sets (cheaper than the string id) */
  readonly id = nextId++;
  flags = 0;
  /** channel bitmasks (bit = index in CHANNELS) */
  enteredChannels = 0;
  orderChannels = 0;
  buyerChannels = 0;
  /** channel of the latest enter; -1 = never entered */
  channel = -1;
  /** channel of the open stay */
  stayChannel = 0;
  openSince = 0;
  gender = 0;
  age = 0;
  region = 0;
  returning = 0;
  fan = false;
}
