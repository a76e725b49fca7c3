/**
 * Per-product live state: the cart (product.list / stock), distinct exposure/click/buyer users,
 * orders, explanations, comment mentions, and clicks and paid orders per 10-second bucket (for
 * "clicks in the last 5 minutes vs the 5 before", the rising-clicks signal of the recommendation,
 * and "orders in the last 5 minutes", the stopped-converting flag of the diagnosis).
 */
import { ratio } from '../metrics/glossary';
import { displayText } from '../text/sanitize';
import type { ProductRow } from '../viewmodel/room';
import { UserSet } from './users';

const CLICK_RING = 64;
export const WINDOW_BUCKETS = 30; // 5 minutes of 10-second buckets

/** Counts per 10-second bucket for the last CLICK_RING buckets (older ones are overwritten). */
export class BucketRing {
  private readonly counts = new Int32Array(CLICK_RING);
  private readonly stamp = new Float64Array(CLICK_RING).fill(-1);

  add(bucket: number): void {
    const slot = ((bucket % CLICK_RING) + CLICK_RING) % CLICK_RING;
    if (this.stamp[slot] !== bucket) {
      this.stamp[slot] = bucket;
      this.counts[slot] = 0;
    }
    this.counts[slot]!++;
  }

  /** the counts of buckets (lastBucket − n, lastBucket] */
  sum(lastBucket: number, n: number): number {
    let sum = 0;
    for (let b = lastBucket - n + 1; b <= lastBucket; b++) {
      const slot = ((b % CLICK_RING) + CLICK_RING) % CLICK_RING;
      if (this.stamp[slot] === b) sum += this.counts[slot]!;
    }
    return sum;
  }
}

export class ProductState {
  inCart = false;
  title: string;
  rawTitle: string;
  price = 0;
  category = '';
  priceBand: string | undefined;
  stock = 0;
  initialStock: number | null = null;
  cartSlot = 0;
  /** commission rate of the latest product.list that listed it (0 without one) */
  commissionRate = 0;
  readonly exposureUsers = new UserSet();
  readonly clickUsers = new UserSet();
  readonly buyers = new UserSet();
  createdOrders = 0;
  unpaidOrders = 0;
  orders = 0;
  items = 0;
  gmv = 0;
  explaining = false;
  explainCount = 0;
  /** ms of finished explanations */
  explainMs = 0;
  lastExplainStart: number | null = null;
  lastExplainEnd: number | null = null;
  commentMentions = 0;
  /** the comment number that last counted a mention (one mention per comment) */
  mentionStamp = -1;
  since: { clickUsers: UserSet; orders: number; gmv: number; items: number } | null = null;
  private readonly clicks = new BucketRing();
  private readonly paidOrders = new BucketRing();

  constructor(readonly productId: string) {
    this.rawTitle = productId;
    this.title = displayText(productId, 80);
  }

  click(bucket: number): void {
    this.clicks.add(bucket);
  }

  /** clicks in the buckets (bucket − n, bucket] */
  clicksIn(lastBucket: number, n: number): number {
    return this.clicks.sum(lastBucket, n);
  }

  paid(bucket: number): void {
    this.paidOrders.add(bucket);
  }

  startExplain(at: number): void {
    if (this.explaining) return;
    this.explaining = true;
    this.explainCount++;
    this.lastExplainStart = at;
    this.since = { clickUsers: new UserSet(), orders: 0, gmv: 0, items: 0 };
  }

  endExplain(at: number): void {
    if (!this.explaining) return;
    this.explaining = false;
    this.explainMs += Math.max(0, at - (this.lastExplainStart ?? at));
    this.lastExplainEnd = at;
    this.since = null;
  }

  row(now: number, bucket: number): ProductRow {
    const open = this.explaining ? Math.max(0, now - (this.lastExplainStart ?? now)) : 0;
    return {
      productId: this.productId,
      title: this.title,
      price: this.price,
      category: this.category,
      ...(this.priceBand !== undefined ? { priceBand: this.priceBand } : {}),
      stock: this.stock,
      initialStock: this.initialStock ?? this.stock,
      cartSlot: this.cartSlot,
      exposureUsers: this.exposureUsers.size,
      clickUsers: this.clickUsers.size,
      clickRate: ratio(this.clickUsers.size, this.exposureUsers.size),
      createdOrders: this.createdOrders,
      unpaidOrders: this.unpaidOrders,
      orders: this.orders,
      items: this.items,
      gmv: this.gmv,
      buyers: this.buyers.size,
      clickToOrderRate: ratio(this.buyers.size, this.clickUsers.size),
      explaining: this.explaining,
      explainCount: this.explainCount,
      explainSeconds: (this.explainMs + open) / 1000,
      lastExplainStart: this.lastExplainStart,
      lastExplainEnd: this.lastExplainEnd,
      commentMentions: this.commentMentions,
      clicksLast5m: bucket < 0 ? 0 : this.clicksIn(bucket, WINDOW_BUCKETS),
      clicksPrev5m: bucket < 0 ? 0 : this.clicksIn(bucket - WINDOW_BUCKETS, WINDOW_BUCKETS),
      ordersLast5m: bucket < 0 ? 0 : this.paidOrders.sum(bucket, WINDOW_BUCKETS),
      ordersPrev5m: bucket < 0 ? 0 : this.paidOrders.sum(bucket - WINDOW_BUCKETS, WINDOW_BUCKETS),
      sinceExplain: this.since
        ? { clickUsers: this.since.clickUsers.size, orders: this.since.orders, gmv: this.since.gmv, items: this.since.items }
        : null,
    };
  }
}

/**
 * The keywords a comment can mention a product by: the words of its title (split on spaces
 * and punctuation, at least 2 characters, not a bare number) and its cart slot as "N号"
 * (the way viewers ask for a link: "3号有货吗"). Latin letters compare case-insensitively.
 */
export function productKeywords(title: string, cartSlot: number): string[] {
  // a title is untrusted text of up to 100 KB: its first 200 characters name the product
  const words = title
    .slice(0, 200)
    .toLowerCase()
    .split(/[\s\p{P}\p{S}]+/u)
    .filter((w) => [...w].length >= 2 && !/^\d+$/.test(w) && w.length <= 40);
  const out = new Set(words.slice(0, 8));
  out.add(`${cartSlot}号`);
  return [...out];
}

/** How much of a comment is searched for mentions: bounded work for a 100 KB comment. */
const MENTION_SCAN = 300;

/**
 * Matches comments against the cart's keywords, indexed by first character so a comment costs
 * one map lookup per character rather than one search per keyword.
 */
export class MentionIndex {
  private byFirst = new Map<number, { word: string; product: ProductState }[]>();

  rebuild(products: Iterable<ProductState>): void {
    this.byFirst = new Map();
    for (const p of products) {
      if (!p.inCart) continue;
      for (const word of productKeywords(p.rawTitle, p.cartSlot)) {
        const c = word.charCodeAt(0);
        let list = this.byFirst.get(c);
        if (!list) this.byFirst.set(c, (list = []));
        list.push({ word, product: p });
      }
    }
  }

  /** Count one mention per product named in `text`; returns whether any was found. */
  scan(text: string, stamp: number): boolean {
    if (this.byFirst.size === 0) return false;
    const t = (text.length > MENTION_SCAN ? text.slice(0, MENTION_SCAN) : text).toLowerCase();
    let found = false;
    for (let i = 0; i < t.length; i++) {
      const list = this.byFirst.get(t.charCodeAt(i));
      if (!list) continue;
      for (const { word, product } of list) {
        if (product.mentionStamp === stamp || !t.startsWith(word, i)) continue;
        // "3号" must not match inside "13号"
        if (word.endsWith('号') && i > 0 && isDigit(t.charCodeAt(i - 1))) continue;
        product.mentionStamp = stamp;
        product.commentMentions++;
        found = true;
      }
    }
    return found;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
