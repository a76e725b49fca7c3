/**
 * A small seeded generator of valid protocol-v1 event streams for the aggregator tests: one
 * session with viewers coming and going (also duplicate enters and leaves without an enter),
 * known and unknown channels, orders paid / cancelled / left unpaid / paid twice / cancelled
 * after payment, products and explanations, ads, platform online counts (not from the start,
 * so the derived online figure is exercised), pauses, long silences, unknown event types and
 * after-sale events following `session.end`. Times never go backwards.
 */
import { validateEvent } from '../../../shared/protocol/validate';
import type { StreamEvent } from '../../../shared/protocol/schemas';
import { mulberry32 } from '../../../electron/sim/random';

export interface Generated {
  events: { event: StreamEvent; known: boolean }[];
  startedAt: number;
}

/** the simulator's seeded generator (mulberry32), so a failure names a reproducible case */
export const rng = mulberry32;

const CHANNELS = ['feed', 'video', 'plaza', 'follow', 'search', 'qianchuan', 'suixintui', 'dou_plus', 'brand', 'paid_other', 'mystery_channel', 'other'];
const AGES = ['18-23', '24-30', '31-40', '41-50', '50+'];
const REGIONS = ['浙江', '广东', '江苏', '四川', '北京'];
const TITLES = ['Red Dress 连衣裙', '真丝 衬衫', 'Linen Pants', '运动鞋 Sneakers', '羊毛 围巾', 'Sun Hat'];
const COMMENT_WORDS = ['dress', '连衣裙', '衬衫', '3号', '13号', 'sneakers', '好看', '<b>hi</b>', 'hat', '\u202eevil', 'PANTS'];

export interface GenOptions {
  events?: number;
  users?: number;
  end?: boolean;
}

export function generate(seed: number, opts: GenOptions = {}): Generated {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const n = opts.events ?? 3000;
  const userPool = opts.users ?? 200;
  const startedAt = 1_700_000_003_217 + Math.floor(r() * 100_000);
  const out: Generated['events'] = [];
  let seq = 0;
  let ts = startedAt;
  const push = (type: string, body: Record<string, unknown>, known = true) => {
    const raw = { seq: ++seq, ts, type, ...body };
    const v = validateEvent(raw);
    if (!v.ok) throw new Error(`generator made an invalid ${type}: ${v.detail}`);
    if (v.known !== known) throw new Error(`known mismatch for ${type}`);
    out.push({ event: v.event, known: v.known });
  };
  push('session.start', {
    sessionId: `s${seed}`, roomId: 'room-1', title: 'Show', startedAt,
    // odd seeds: a talent-hosted session with agencies bound to host and shop (commission, agency share)
    host: seed % 2 ? { id: 't1', name: 'Talent', kind: 'talent', agency: { id: 'ag1', name: 'MCN', share: 0.3 } } : { id: 'h1', name: 'Host', kind: 'self' },
    shop: { id: 'shop1', name: 'Shop', category: 'apparel', tier: 'L3', ...(seed % 2 ? { agency: { id: 'ag2', name: 'Agency 2', share: 0.125 } } : {}) },
  });
  const products = TITLES.map((title, i) => ({
    productId: `p${i + 1}`, title, price: 1000 * (i + 1), category: 'apparel', stock: 50 + i, cartSlot: i + 1,
  }));
  // commission rates change with every list (p3 has none), so "the rate in force at payment" matters
  let lists = 0;
  const listed = (ps: typeof products) => {
    lists++;
    return ps.map((p, i) => (p.productId === 'p3' ? p : { ...p, commissionRate: ((i + lists) % 4) * 0.0833 }));
  };
  push('product.list', { products: listed(products.slice(0, 4)) });
  const orders: string[] = [];
  let orderNo = 0;
  let onlineStarted = false;
  const productIds = [...products.map((p) => p.productId), 'p-unlisted'];
  for (let i = 0; i < n; i++) {
    // time: mostly small steps, sometimes the same instant, rarely a long silence
    const jump = r();
    ts += jump < 0.01 ? 60_000 + Math.floor(r() * 600_000) : jump < 0.1 ? 0 : Math.floor(r() * 2500);
    const user = `u${Math.floor(r() * userPool)}`;
    const x = r();
    if (x < 0.22) {
      push('viewer.enter', {
        userId: user, channel: pick(CHANNELS), fan: r() < 0.3,
        ...(r() < 0.8 ? { gender: pick(['m', 'f']) } : {}),
        ...(r() < 0.7 ? { age: pick(AGES) } : {}),
        ...(r() < 0.7 ? { region: pick(REGIONS) } : {}),
        ...(r() < 0.6 ? { returning: r() < 0.5 } : {}),
      });
    } else if (x < 0.34) push('viewer.leave', { userId: user });
    else if (x < 0.38) {
      if (i > n / 5) onlineStarted = true;
      if (onlineStarted) push('online', { count: Math.floor(r() * 60) });
    } else if (x < 0.43) push('like', { ...(r() < 0.7 ? { userId: user } : {}), count: 1 + Math.floor(r() * 20) });
    else if (x < 0.49) {
      const words = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(COMMENT_WORDS));
      push('comment', { userId: user, nickname: `nick\n${user}`, text: words.join(' ') });
    } else if (x < 0.51) push('follow', { userId: user });
    else if (x < 0.52) push('share', { userId: user });
    else if (x < 0.53) push('fansclub.join', { userId: user });
    else if (x < 0.61) push('product.exposure', { userId: user, productId: pick(productIds) });
    else if (x < 0.67) push('product.click', { userId: user, productId: pick(productIds) });
    else if (x < 0.72) {
      const orderId = `o${++orderNo}`;
      orders.push(orderId);
      const productId = pick(productIds);
      push('order.create', {
        orderId, userId: user, productId, qty: 1 + Math.floor(r() * 3),
        amount: 100 * (1 + Math.floor(r() * 500)), channel: pick(CHANNELS), fan: r() < 0.4,
      });
    } else if (x < 0.77) {
      if (orders.length) push('order.pay', { orderId: r() < 0.05 ? 'o-unknown' : pick(orders) });
    } else if (x < 0.79) {
      if (orders.length) push('order.cancel', { orderId: pick(orders) });
    } else if (x < 0.8) push('ad.plan', { planId: `plan${Math.floor(r() * 3)}`, name: 'Plan', status: pick(['on', 'paused', 'over_budget']), budget: 100000, bid: 120, channel: 'qianchuan' });
    else if (x < 0.81) push('ad.creative', { creativeId: `cr${Math.floor(r() * 4)}`, planId: `plan${Math.floor(r() * 3)}`, title: 'Creative', kind: pick(['video', 'image', 'live']) });
    else if (x < 0.86) {
      push('ad.stats', {
        planId: `plan${Math.floor(r() * 4)}`, ...(r() < 0.6 ? { creativeId: `cr${Math.floor(r() * 5)}` } : {}),
        impressions: Math.floor(r() * 1000), clicks: Math.floor(r() * 50), spend: Math.floor(r() * 5000),
        conversions: Math.floor(r() * 3), gmv: Math.floor(r() * 20000),
      });
    } else if (x < 0.875) push('stream.state', { state: r() < 0.5 ? 'paused' : 'live' });
    else if (x < 0.9) push('product.explain', { productId: pick(productIds.slice(0, 5)), state: r() < 0.6 ? 'start' : 'end' });
    else if (x < 0.91) push('stock', { productId: pick(productIds), stock: Math.floor(r() * 40) });
    else if (x < 0.915) push('product.list', { products: listed(products.slice(Math.floor(r() * 2), 4 + Math.floor(r() * 3))) });
    else if (x < 0.93) push('gift', { userId: user, value: 100 });
    else if (x < 0.94) push('mystery.event', { anything: 1 }, false);
    // else: nothing this step (time still moved)
  }
  if (opts.end !== false) {
    ts += Math.floor(r() * 3000);
    push('session.end', { endedAt: ts });
    for (let i = 0; i < 20; i++) {
      ts += 3_600_000;
      if (orders.length) push(r() < 0.5 ? 'order.ship' : 'order.pay', { orderId: pick(orders) });
    }
  }
  return { events: out, startedAt };
}
