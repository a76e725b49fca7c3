/**
 * The event mix of the screen benchmark's source: one session of a big room (a few thousand
 * events a second), seeded. Shares per 1,000 events, roughly what a busy apparel room sends:
 * viewer.enter 280, viewer.leave 250, like 160, product.exposure 140, comment 80,
 * product.click 50, order.create 15, order.pay 12, follow 8, share 3, fansclub.join 2;
 * `online` every 5 s and `ad.stats` every 30 s of wall time. Timestamps are the wall clock at
 * generation, so the screen's trends run in real time.
 */
import { mulberry32 } from '../electron/sim/random';

export const SESSION = 'bench-screen-1';
export const ROOM = 'room-bench';

const CHANNELS = ['feed', 'feed', 'feed', 'video', 'video', 'plaza', 'follow', 'search', 'mall', 'qianchuan', 'qianchuan', 'suixintui', 'dou_plus', 'brand'];
const AGES = ['18-23', '24-30', '24-30', '31-40', '31-40', '41-50', '50+'] as const;
const REGIONS = ['广东', '浙江', '江苏', '山东', '四川', '河南', '上海', '北京', '湖北', '福建'];
const NICKS = ['晴天小猪', '爱吃橘子', '木子李', '小鹿乱撞', 'Momo', '夏天的风', '阿花', '一只喵', '大橙子', '糖糖'];
const PHRASES = ['3号链接在哪', '这个连衣裙有S码吗', '主播好美', '真丝衬衫多少钱', '已下单！', '上链接上链接', '有优惠券吗', '发货快吗', '颜色好显白', '求讲一下风衣', '包邮吗', '尺码怎么选'];
const PRODUCTS = Array.from({ length: 12 }, (_, i) => ({
  productId: `p${i + 1}`,
  title: ['真丝连衣裙', '桑蚕丝衬衫', '羊毛针织开衫', '高腰阔腿裤', '双面羊绒大衣', '小香风短外套', '珍珠耳饰', '真皮托特包', '羊绒围巾', '牛仔半裙', '针织背心', '乐福鞋'][i]!,
  price: [39900, 29900, 25900, 15900, 129900, 45900, 9900, 59900, 19900, 16900, 12900, 35900][i]!,
  category: 'apparel',
  stock: 100_000,
  cartSlot: i + 1,
}));
// cumulative thresholds per 1000
const SHARES: [number, string][] = [
  [280, 'viewer.enter'], [530, 'viewer.leave'], [690, 'like'], [830, 'product.exposure'], [910, 'comment'],
  [960, 'product.click'], [975, 'order.create'], [987, 'order.pay'], [995, 'follow'], [998, 'share'], [1000, 'fansclub.join'],
];

const rng = mulberry32;

export interface Mix {
  /** session.start, product.list, ad.plan, the first explanation — seq 1… */
  opening(): Record<string, unknown>[];
  /** the next `n` events, stamped `ts` */
  next(n: number, ts: number): Record<string, unknown>[];
  /** viewer.enter events made so far = the cumulative PV the screen should reach */
  pv(): number;
  /** one event of every type the mix makes (for a validation check before the run) */
  samples(): Record<string, unknown>[];
}

export function createMix(startedAt: number, seed = 11): Mix {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  let seq = 0;
  let pv = 0;
  let users = 0;
  let orderNo = 0;
  const inside: string[] = [];
  const unpaid: string[] = [];
  let explaining = 'p1';
  let lastOnline = 0;
  let lastAd = startedAt;
  let lastExplain = startedAt;

  const someone = () => `u${Math.floor(r() * Math.max(1, users))}`;
  const product = () => (r() < 0.5 ? explaining : pick(PRODUCTS).productId);

  function body(type: string): Record<string, unknown> | null {
    switch (type) {
      case 'viewer.enter': {
        const returning = users > 100 && r() < 0.25;
        const userId = returning ? someone() : `u${users++}`;
        inside.push(userId);
        pv++;
        return { userId, channel: pick(CHANNELS), fan: r() < 0.35, gender: r() < 0.72 ? 'f' : 'm', age: pick(AGES), region: pick(REGIONS), returning };
      }
      case 'viewer.leave': {
        if (inside.length === 0) return null;
        const i = Math.floor(r() * inside.length);
        const userId = inside[i]!;
        inside[i] = inside[inside.length - 1]!;
        inside.pop();
        return { userId };
      }
      case 'like': return { userId: someone(), count: 1 + Math.floor(r() * 30) };
      case 'product.exposure': return { userId: someone(), productId: product() };
      case 'comment': return { userId: someone(), nickname: pick(NICKS), text: pick(PHRASES) };
      case 'product.click': return { userId: someone(), productId: product() };
      case 'order.create': {
        const id = product();
        const p = PRODUCTS.find((x) => x.productId === id)!;
        const qty = r() < 0.85 ? 1 : 2;
        const orderId = `o${++orderNo}`;
        unpaid.push(orderId);
        return { orderId, userId: someone(), productId: p.productId, qty, amount: p.price * qty, channel: pick(CHANNELS), fan: r() < 0.4 };
      }
      case 'order.pay': return unpaid.length === 0 ? null : { orderId: unpaid.shift()! };
      default: return { userId: someone() };
    }
  }

  function next(n: number, ts: number): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const push = (type: string, b: Record<string, unknown>) => out.push({ seq: ++seq, ts, type, ...b });
    if (ts - lastOnline >= 5_000) {
      lastOnline = ts;
      push('online', { count: Math.round(inside.length * 0.42) });
    }
    if (ts - lastAd >= 30_000) {
      lastAd = ts;
      push('ad.stats', { planId: 'plan-1', impressions: 20_000 + Math.floor(r() * 30_000), clicks: 400 + Math.floor(r() * 800), spend: 200_000 + Math.floor(r() * 300_000), conversions: Math.floor(r() * 60), gmv: Math.floor(r() * 2_000_000) });
    }
    if (ts - lastExplain >= 60_000) {
      lastExplain = ts;
      push('product.explain', { productId: explaining, state: 'end' });
      explaining = PRODUCTS[(PRODUCTS.findIndex((p) => p.productId === explaining) + 1) % PRODUCTS.length]!.productId;
      push('product.explain', { productId: explaining, state: 'start' });
    }
    while (out.length < n) {
      const x = r() * 1000;
      const type = SHARES.find(([t]) => x < t)![1];
      const b = body(type);
      if (b) push(type, b);
    }
    return out;
  }

  return {
    opening() {
      const out: Record<string, unknown>[] = [];
      const push = (type: string, b: Record<string, unknown>) => out.push({ seq: ++seq, ts: startedAt, type, ...b });
      push('session.start', {
        sessionId: SESSION, roomId: ROOM, title: '性能基准 · 大场直播', startedAt,
        host: { id: 'host-b', name: '小雅', kind: 'self', followers: 1_820_000 },
        shop: { id: 'shop-b', name: '雅衣旗舰店', category: 'apparel', tier: 'L5' },
      });
      push('product.list', { products: PRODUCTS });
      push('ad.plan', { planId: 'plan-1', name: '千川 · 直播间成交', status: 'on', budget: 50_000_000, bid: 150, channel: 'qianchuan' });
      push('product.explain', { productId: explaining, state: 'start' });
      return out;
    },
    next,
    pv: () => pv,
    samples() {
      const mixSample = createMix(startedAt, seed + 1);
      const all = [...mixSample.opening(), ...mixSample.next(4000, startedAt + 61_000)];
      const seen = new Map<string, Record<string, unknown>>();
      for (const e of all) if (!seen.has(e.type as string)) seen.set(e.type as string, e);
      return [...seen.values()];
    },
  };
}
