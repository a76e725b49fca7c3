/**
 * A seeded 30-minute live show for the renderer's browser test, as protocol-v1 events validated
 * by shared/protocol/validate.ts (a generator bug fails loudly): viewers from natural and paid
 * channels, a platform online figure, interaction, a cart of eight products explained in turn,
 * orders created and paid, ads. Times end at `endAt`, so the last-5-minutes trends are full.
 * (Stands in for the simulator, electron/sim, until it lands.)
 */
import { validateEvent } from '../../shared/protocol/validate';
import { mulberry32 } from '../../electron/sim/random';

export const SESSION = 'e2e-show-1';
export const ROOM = 'room-8801';

/** the simulator's seeded generator (mulberry32), so a failure names a reproducible case */
const rng = mulberry32;

const CHANNELS = ['feed', 'feed', 'feed', 'video', 'video', 'plaza', 'follow', 'search', 'mall', 'qianchuan', 'qianchuan', 'suixintui', 'dou_plus'];
const AGES = ['18-23', '24-30', '24-30', '31-40', '31-40', '41-50', '50+'] as const;
const REGIONS = ['广东', '浙江', '江苏', '山东', '四川', '河南', '上海', '北京', '湖北', '福建'];
const NICKS = ['晴天小猪', '爱吃橘子', '木子李', '小鹿乱撞', 'Momo', '夏天的风', '阿花', '一只喵', '大橙子', '糖糖', '风吹麦浪', '桃子汽水'];
const PHRASES = ['3号链接在哪', '这个连衣裙有S码吗', '主播好美', '真丝衬衫多少钱', '已下单！', '上链接上链接', '有优惠券吗', '发货快吗', '颜色好显白', '1号还有货吗', '求讲一下风衣', '包邮吗', '支持主播', '尺码怎么选'];
export const PRODUCTS = [
  { productId: 'p1', title: '真丝连衣裙 法式复古碎花', price: 39900, category: 'apparel', stock: 800, cartSlot: 1 },
  { productId: 'p2', title: '桑蚕丝衬衫 通勤百搭', price: 29900, category: 'apparel', stock: 600, cartSlot: 2 },
  { productId: 'p3', title: '羊毛针织开衫', price: 25900, category: 'apparel', stock: 500, cartSlot: 3 },
  { productId: 'p4', title: '高腰阔腿裤 垂感', price: 15900, category: 'apparel', stock: 900, cartSlot: 4 },
  { productId: 'p5', title: '双面羊绒大衣', price: 129900, category: 'apparel', stock: 120, cartSlot: 5 },
  { productId: 'p6', title: '小香风短外套', price: 45900, category: 'apparel', stock: 300, cartSlot: 6 },
  { productId: 'p7', title: '珍珠耳饰 礼盒装', price: 9900, category: 'accessory', stock: 1500, cartSlot: 7 },
  { productId: 'p8', title: '真皮托特包', price: 59900, category: 'bags', stock: 60, cartSlot: 8 },
];

export interface Show {
  events: Record<string, unknown>[];
  startedAt: number;
}

export function makeShow(seed: number, endAt: number, minutes = 30): Show {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const startedAt = endAt - minutes * 60_000;
  const events: Record<string, unknown>[] = [];
  let seq = 0;
  const push = (ts: number, type: string, body: Record<string, unknown>) => {
    const raw = { seq: ++seq, ts, type, ...body };
    const v = validateEvent(raw);
    if (!v.ok) throw new Error(`show generator made an invalid ${type}: ${v.detail}`);
    events.push(raw);
  };
  push(startedAt, 'session.start', {
    sessionId: SESSION, roomId: ROOM, title: '春季新品首发 · 真丝连衣裙专场', startedAt,
    host: { id: 'host-1', name: '小雅', kind: 'self', followers: 182000 },
    shop: { id: 'shop-1', name: '雅衣旗舰店', category: 'apparel', tier: 'L4' },
  });
  push(startedAt, 'product.list', { products: PRODUCTS });
  push(startedAt, 'ad.plan', { planId: 'plan-1', name: '千川 · 直播间成交', status: 'on', budget: 5_000_000, bid: 150, channel: 'qianchuan' });
  const inside = new Set<string>();
  const orders: string[] = [];
  let users = 0;
  let orderNo = 0;
  let explaining: string | null = null;
  for (let s = 0; s < minutes * 60; s++) {
    const ts = startedAt + s * 1000;
    const wave = 1 + 0.6 * Math.sin(s / 240) + s / (minutes * 60);
    const enters = Math.floor(r() * 4 * wave);
    for (let i = 0; i < enters; i++) {
      const returning = r() < 0.3 && users > 50;
      const userId = returning ? `u${Math.floor(r() * users)}` : `u${users++}`;
      inside.add(userId);
      push(ts, 'viewer.enter', {
        userId, channel: pick(CHANNELS), fan: r() < 0.35, gender: r() < 0.72 ? 'f' : 'm', age: pick(AGES),
        ...(r() < 0.9 ? { region: pick(REGIONS) } : {}), returning,
      });
    }
    if (r() < 0.45 * wave && inside.size > 0) {
      const userId = [...inside][Math.floor(r() * inside.size)]!;
      inside.delete(userId);
      push(ts, 'viewer.leave', { userId });
    }
    if (s % 5 === 0) push(ts, 'online', { count: Math.round(inside.size * 0.42) });
    const someone = () => `u${Math.floor(r() * Math.max(1, users))}`;
    if (r() < 0.5) push(ts, 'like', { userId: someone(), count: 1 + Math.floor(r() * 30) });
    if (r() < 0.35) push(ts, 'comment', { userId: someone(), nickname: pick(NICKS), text: pick(PHRASES) });
    if (r() < 0.05) push(ts, 'follow', { userId: someone() });
    if (r() < 0.02) push(ts, 'share', { userId: someone() });
    if (r() < 0.015) push(ts, 'fansclub.join', { userId: someone() });
    if (s % 240 === 30) {
      if (explaining) push(ts, 'product.explain', { productId: explaining, state: 'end' });
      explaining = PRODUCTS[Math.floor(s / 240) % PRODUCTS.length]!.productId;
      push(ts, 'product.explain', { productId: explaining, state: 'start' });
    }
    for (let i = 0; i < 2; i++) if (r() < 0.6 * wave) push(ts, 'product.exposure', { userId: someone(), productId: explaining && r() < 0.5 ? explaining : pick(PRODUCTS).productId });
    if (r() < 0.3 * wave) push(ts, 'product.click', { userId: someone(), productId: explaining && r() < 0.6 ? explaining : pick(PRODUCTS).productId });
    if (r() < 0.09 * wave) {
      const product = explaining && r() < 0.6 ? PRODUCTS.find((p) => p.productId === explaining)! : pick(PRODUCTS);
      const qty = r() < 0.85 ? 1 : 2;
      const orderId = `o${++orderNo}`;
      orders.push(orderId);
      push(ts, 'order.create', { orderId, userId: someone(), productId: product.productId, qty, amount: product.price * qty, channel: pick(CHANNELS), fan: r() < 0.4 });
    }
    if (orders.length > 0 && r() < 0.075 * wave) push(ts, 'order.pay', { orderId: orders.splice(Math.floor(r() * orders.length), 1)[0]! });
    if (s % 30 === 29) {
      push(ts, 'ad.stats', { planId: 'plan-1', impressions: 2000 + Math.floor(r() * 3000), clicks: 40 + Math.floor(r() * 80), spend: 20000 + Math.floor(r() * 30000), conversions: Math.floor(r() * 6), gmv: Math.floor(r() * 200000) });
    }
  }
  return { events, startedAt };
}

/** Text a screen must show as inert text, never as markup, and never lose its layout to. */
export const HOSTILE = {
  img: '<img src=x onerror="window.__pwned=1">好看',
  script: '<script>window.__pwned=2</script>',
  huge: '长'.repeat(100_000),
  rtlNick: '\u202Eevil\u202C 粉丝',
  productTitle: `<b onmouseover="window.__pwned=3">爆款</b>${'W'.repeat(99_000)}`,
};

/** The hostile events, continuing the show's seq. */
export function hostileEvents(fromSeq: number, ts: number): Record<string, unknown>[] {
  let seq = fromSeq;
  const ev = (type: string, body: Record<string, unknown>) => ({ seq: seq++, ts, type, ...body });
  const out = [
    ev('product.list', { products: [...PRODUCTS, { productId: 'p-evil', title: HOSTILE.productTitle, price: 100, category: 'x', stock: 5, cartSlot: 9 }] }),
    ev('product.explain', { productId: 'p-evil', state: 'start' }),
    ev('comment', { userId: 'u-evil', nickname: HOSTILE.rtlNick, text: HOSTILE.img }),
    ev('comment', { userId: 'u-evil', nickname: '<script>x</script>', text: HOSTILE.script }),
    ev('comment', { userId: 'u-evil', nickname: 'x'.repeat(100_000), text: HOSTILE.huge }),
  ];
  for (const e of out) {
    const v = validateEvent(e);
    if (!v.ok) throw new Error(`hostile ${String(e.type)} is invalid: ${v.detail}`);
  }
  return out;
}
