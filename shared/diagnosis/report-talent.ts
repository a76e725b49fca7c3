/**
 * 达人代播诊断: 达人代播GMV = 头部达人GMV + 中腰部达人GMV (tail-tier talents are outside that sum
 * and shown apart), per head talent the TOP3 good products and TOP3 to improve, the mid-tier
 * talents in four quadrants, and talents to recommend from the talent catalogue.
 *
 * Product conversion is 展示-下单转化率: orders created ÷ product display (exposure) PV.
 * - Good / to improve: against the product benchmark of the same category and price band
 *   (benchmark id `display_to_order_rate`: above p75 / below p50); without one, against the
 *   same category and price band among the shop's own products in the window (every session,
 *   per session and product).
 * - Mid-tier quadrants: average display PV per product per session and display→order conversion
 *   against the peer averages (shop benchmark ids `display_pv_per_product` and
 *   `display_to_order_rate`, their median); without them, the mean over the shop's mid talents.
 */
import { ratio } from '../metrics/glossary';
import { productBenchmark } from './benchmarks';
import type { DiagnosisContext } from './context';
import { isHead, isMid, TALENT_INDICATORS } from './indicators';
import { baseReport } from './report';
import type { CatalogTalent, Portrait, ReportBase, SessionStats } from './types';

export interface ProductVerdictRow {
  productId: string;
  title: string | null;
  category: string | null;
  priceBand: string | null;
  displayPv: number;
  orders: number;
  conversion: number;
  /** the bar it was compared with (p75 for good, median for to improve) */
  threshold: number;
  basis: 'benchmark' | 'shop_products';
}

export interface HeadTalentRow {
  hostId: string;
  name: string;
  sessions: number;
  gmv: number;
  good: ProductVerdictRow[];
  improve: ProductVerdictRow[];
}

export type MidQuadrant = 'excellent' | 'potential' | 'traffic_to_convert' | 'poor';
export const MID_QUADRANT_ZH: Record<MidQuadrant, string> = {
  excellent: '表现优异',
  potential: '潜力合作',
  traffic_to_convert: '流量待转化',
  poor: '表现较差',
};

export interface MidTalentRow {
  hostId: string;
  name: string;
  sessions: number;
  gmv: number;
  displayPvPerProduct: number | null;
  displayToOrderRate: number | null;
  quadrant: MidQuadrant;
  quadrantZh: string;
}

export interface RecommendedTalent {
  id: string;
  name: string;
  level: string;
  followers: number;
  reputation: number;
  categories: string[];
  gmv30d: number;
  reasons: string[];
}

export interface TalentReport extends ReportBase {
  kind: 'talent';
  gmv: { talent: number; head: number; mid: number; tail: number };
  headTalents: HeadTalentRow[];
  midTalents: MidTalentRow[];
  midPeer: { displayPvPerProduct: number | null; displayToOrderRate: number | null; basis: 'benchmark' | 'shop_mid_talents' | null };
  recommended: RecommendedTalent[];
  recommendReason?: string;
}

const sumGmv = (ss: SessionStats[]) => ss.reduce((a, s) => a + s.gmv, 0);

function byHost(sessions: SessionStats[]): Map<string, SessionStats[]> {
  const m = new Map<string, SessionStats[]>();
  for (const s of sessions) {
    const id = s.host?.id ?? '';
    const list = m.get(id);
    if (list) list.push(s);
    else m.set(id, [s]);
  }
  return m;
}

/** Linear-interpolation quantile of sorted values. */
function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const bandKey = (category: string | null, band: string | null) => JSON.stringify([category, band]);

function headTalents(ctx: DiagnosisContext): HeadTalentRow[] {
  // own distribution per category + price band: every (session, product) with display PV
  const own = new Map<string, number[]>();
  for (const s of ctx.shopCurrent) {
    for (const p of Object.values(s.products)) {
      if (p.exposurePv === 0) continue;
      const k = bandKey(p.category, p.priceBand);
      const list = own.get(k) ?? [];
      list.push(p.createdOrders / p.exposurePv);
      own.set(k, list);
    }
  }
  for (const list of own.values()) list.sort((a, b) => a - b);

  const rows: HeadTalentRow[] = [];
  for (const [hostId, sessions] of byHost(ctx.current.filter(isHead))) {
    const products = new Map<string, { title: string | null; category: string | null; priceBand: string | null; displayPv: number; orders: number }>();
    for (const s of sessions) {
      for (const p of Object.values(s.products)) {
        const acc = products.get(p.productId) ?? { title: p.title, category: p.category, priceBand: p.priceBand, displayPv: 0, orders: 0 };
        acc.displayPv += p.exposurePv;
        acc.orders += p.createdOrders;
        acc.title ??= p.title;
        acc.category ??= p.category;
        acc.priceBand ??= p.priceBand;
        products.set(p.productId, acc);
      }
    }
    const good: ProductVerdictRow[] = [];
    const improve: ProductVerdictRow[] = [];
    for (const [productId, p] of products) {
      const conversion = ratio(p.orders, p.displayPv);
      if (conversion === null) continue;
      const bench = p.category === null ? null : productBenchmark(ctx.benchmarks, p.category, p.priceBand, ctx.shop.tier, ctx.days)?.indicators.display_to_order_rate;
      const ownList = own.get(bandKey(p.category, p.priceBand));
      const bar = bench
        ? { p75: bench.p75, p50: bench.p50, basis: 'benchmark' as const }
        : ownList?.length
          ? { p75: quantile(ownList, 0.75), p50: quantile(ownList, 0.5), basis: 'shop_products' as const }
          : null;
      if (!bar) continue;
      const row = { productId, ...p, conversion, basis: bar.basis };
      if (conversion > bar.p75) good.push({ ...row, threshold: bar.p75 });
      else if (conversion < bar.p50) improve.push({ ...row, threshold: bar.p50 });
    }
    good.sort((a, b) => b.conversion - a.conversion || a.productId.localeCompare(b.productId));
    improve.sort((a, b) => a.conversion - b.conversion || a.productId.localeCompare(b.productId));
    rows.push({ hostId, name: sessions[0]!.host?.name ?? hostId, sessions: sessions.length, gmv: sumGmv(sessions), good: good.slice(0, 3), improve: improve.slice(0, 3) });
  }
  return rows.sort((a, b) => b.gmv - a.gmv || a.hostId.localeCompare(b.hostId));
}

function midTalents(ctx: DiagnosisContext): { rows: MidTalentRow[]; peer: TalentReport['midPeer'] } {
  const figures = [...byHost(ctx.current.filter(isMid))].map(([hostId, sessions]) => {
    let displayPv = 0;
    let productSessions = 0;
    let orders = 0;
    for (const s of sessions) {
      for (const p of Object.values(s.products)) {
        if (p.exposurePv === 0) continue;
        displayPv += p.exposurePv;
        orders += p.createdOrders;
        productSessions++;
      }
    }
    return {
      hostId,
      name: sessions[0]!.host?.name ?? hostId,
      sessions: sessions.length,
      gmv: sumGmv(sessions),
      displayPvPerProduct: ratio(displayPv, productSessions),
      displayToOrderRate: ratio(orders, displayPv),
    };
  });
  const bench = ctx.shopBenchmark.benchmark?.indicators;
  const mean = (xs: (number | null)[]) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  const peer: TalentReport['midPeer'] =
    bench?.display_pv_per_product && bench.display_to_order_rate
      ? { displayPvPerProduct: bench.display_pv_per_product.p50, displayToOrderRate: bench.display_to_order_rate.p50, basis: 'benchmark' }
      : figures.length
        ? { displayPvPerProduct: mean(figures.map((f) => f.displayPvPerProduct)), displayToOrderRate: mean(figures.map((f) => f.displayToOrderRate)), basis: 'shop_mid_talents' }
        : { displayPvPerProduct: null, displayToOrderRate: null, basis: null };
  const rows = figures.map((f) => {
    const highPv = f.displayPvPerProduct !== null && peer.displayPvPerProduct !== null && f.displayPvPerProduct >= peer.displayPvPerProduct;
    const highConv = f.displayToOrderRate !== null && peer.displayToOrderRate !== null && f.displayToOrderRate >= peer.displayToOrderRate;
    const quadrant: MidQuadrant = highPv ? (highConv ? 'excellent' : 'traffic_to_convert') : highConv ? 'potential' : 'poor';
    return { ...f, quadrant, quadrantZh: MID_QUADRANT_ZH[quadrant] };
  });
  rows.sort((a, b) => b.gmv - a.gmv || a.hostId.localeCompare(b.hostId));
  return { rows, peer };
}

function top(map: Record<string, number>): string | null {
  let best: string | null = null;
  for (const [k, n] of Object.entries(map)) if (best === null || n > map[best]! || (n === map[best]! && k < best)) best = k;
  return best;
}

function buyerPortrait(sessions: SessionStats[]): Portrait {
  const p: Portrait = { gender: {}, age: {}, region: {} };
  for (const s of sessions) {
    for (const dim of ['gender', 'age', 'region'] as const) {
      for (const [k, n] of Object.entries(s.buyerPortrait[dim])) p[dim][k] = (p[dim][k] ?? 0) + n;
    }
  }
  return p;
}

const GENDER_ZH: Record<string, string> = { m: '男性', f: '女性' };

function recommend(ctx: DiagnosisContext): { recommended: RecommendedTalent[]; reason?: string } {
  let catalog: { ts: number; seq: number; talents: CatalogTalent[] } | null = null;
  for (const s of ctx.shopSessions) {
    const c = s.talentCatalog;
    if (c && (!catalog || c.ts > catalog.ts || (c.ts === catalog.ts && c.seq > catalog.seq))) catalog = c;
  }
  if (!catalog) return { recommended: [], reason: 'no talent catalogue on record' };
  const portrait = buyerPortrait(ctx.shopCurrent);
  const want = { gender: top(portrait.gender), age: top(portrait.age), region: top(portrait.region) };
  const cooperating = new Set(ctx.current.map((s) => s.host?.id));
  const scored = catalog.talents
    .filter((t) => !cooperating.has(t.id))
    .map((t) => {
      const reasons: string[] = [];
      let score = 0;
      if (ctx.shop.category !== null && t.categories.includes(ctx.shop.category)) {
        reasons.push(`带货类目匹配（${ctx.shop.category}）`);
        score += 2;
      }
      const matched: string[] = [];
      if (t.portrait && want.gender && t.portrait.gender === want.gender) matched.push(GENDER_ZH[want.gender] ?? want.gender);
      if (t.portrait && want.age && t.portrait.age === want.age) matched.push(want.age);
      if (t.portrait && want.region && t.portrait.region === want.region) matched.push(want.region);
      if (matched.length) {
        reasons.push(`用户画像匹配（${matched.join('、')}）`);
        score += matched.length;
      }
      return { t, reasons, score };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || b.t.gmv30d - a.t.gmv30d || b.t.reputation - a.t.reputation || a.t.id.localeCompare(b.t.id));
  const recommended = scored.slice(0, 5).map(({ t, reasons }) => ({
    id: t.id, name: t.name, level: t.level, followers: t.followers, reputation: t.reputation,
    categories: t.categories, gmv30d: t.gmv30d, reasons,
  }));
  return recommended.length ? { recommended } : { recommended, reason: 'no talent in the catalogue matches the category or the buyer portrait' };
}

export function talentReport(ctx: DiagnosisContext): TalentReport {
  const { scores: _scores, ...base } = baseReport(ctx, TALENT_INDICATORS);
  const head = sumGmv(ctx.current.filter(isHead));
  const mid = sumGmv(ctx.current.filter(isMid));
  const mids = midTalents(ctx);
  const rec = recommend(ctx);
  return {
    ...base,
    kind: 'talent',
    gmv: { talent: head + mid, head, mid, tail: sumGmv(ctx.current) - head - mid },
    headTalents: headTalents(ctx),
    midTalents: mids.rows,
    midPeer: mids.peer,
    recommended: rec.recommended,
    ...(rec.reason ? { recommendReason: rec.reason } : {}),
  };
}
