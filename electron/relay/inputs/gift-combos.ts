/**
 * Gift combos of the raw webcast GiftMessage (the douyinlive dialect): a combo sends one message
 * per tap with the running total in `repeatCount`, and a closing one (`repeatEnd` 1) with the
 * final total again; messages can also arrive out of order. Counting each message's repeatCount
 * would count 1 + 2 + 3 … gifts for a combo of 3. The tracker counts the increment over the
 * highest total seen for the same user, gift and group, so a combo of 3 is 3 gifts whatever the
 * order of its messages. Entries are forgotten a minute after their last message. A message
 * without a group id is not part of a combo and counts its repeatCount as it is.
 */
const FORGET_MS = 60_000;

export class GiftCombos {
  private readonly seen = new Map<string, { total: number; at: number }>();

  /** How many gifts this message adds: its running total minus the highest seen for its combo. */
  increment(key: string, total: number, now: number): number {
    this.forget(now);
    const t = Math.max(1, Math.floor(total));
    const prev = this.seen.get(key);
    const add = Math.max(0, t - (prev?.total ?? 0));
    this.seen.set(key, { total: Math.max(t, prev?.total ?? 0), at: now });
    return add;
  }

  private lastSweep = 0;

  private forget(now: number): void {
    if (now - this.lastSweep < FORGET_MS / 6) return;
    this.lastSweep = now;
    for (const [k, v] of this.seen) if (now - v.at > FORGET_MS) this.seen.delete(k);
  }
}
