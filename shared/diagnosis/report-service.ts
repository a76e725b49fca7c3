/**
 * 服务诊断: the nine service indicators over every session of the shop (self and talent alike:
 * after-sale follows the shop's orders, whoever sold them), and the 异动问题商品 — the (at most)
 * nine products with the largest harmful impact on 差评率, 投诉率, 品质退货率 and 48小时发货率.
 *
 * A product's impact on one indicator is the TOP3 formula applied to the product instead of a
 * session: w × (x − t) (lower-is-better: w × (t − x)), t the peer median, or the shop's own
 * window value when there is no benchmark. Every term counts orders or reviews, so the four add
 * up; the products with a total below zero are listed, most harmful first.
 */
import { quantilesOf } from './benchmarks';
import type { DiagnosisContext } from './context';
import { SERVICE_INDICATORS } from './indicators';
import { baseReport } from './report';
import type { ProductStats, ReportBase } from './types';

export const PRODUCT_IMPACT_IDS = ['negative_review_rate', 'complaint_rate', 'quality_return_rate', 'ship_48h_rate'] as const;
type ImpactId = (typeof PRODUCT_IMPACT_IDS)[number];

export interface ProblemProduct {
  productId: string;
  title: string | null;
  category: string | null;
  paidOrders: number;
  impact: number;
  impacts: Record<ImpactId, number | null>;
}

export interface ServiceReport extends ReportBase {
  kind: 'service';
  problemProducts: ProblemProduct[];
  /** per indicator: the target t products were measured against and where it came from */
  productTargets: Record<ImpactId, { target: number | null; basis: 'benchmark' | 'shop_window' | null }>;
}

type Acc = Pick<ProductStats, 'paidOrders' | 'paidNotCancelled' | 'shipped48h' | 'reviews' | 'negativeReviews' | 'complaints' | 'qualityAftersales'>;

const PRODUCT_FORMULA: Record<ImpactId, { better: 'higher' | 'lower'; x: (p: Acc) => number | null; w: (p: Acc) => number }> = {
  negative_review_rate: { better: 'lower', x: (p) => (p.reviews ? p.negativeReviews / p.reviews : null), w: (p) => p.reviews },
  complaint_rate: { better: 'lower', x: (p) => (p.paidOrders ? p.complaints / p.paidOrders : null), w: (p) => p.paidOrders },
  quality_return_rate: { better: 'lower', x: (p) => (p.paidOrders ? p.qualityAftersales / p.paidOrders : null), w: (p) => p.paidOrders },
  ship_48h_rate: { better: 'higher', x: (p) => (p.paidNotCancelled ? p.shipped48h / p.paidNotCancelled : null), w: (p) => p.paidOrders },
};

function problemProducts(ctx: DiagnosisContext, windowValues: Record<string, number | null>) {
  const products = new Map<string, Acc & { title: string | null; category: string | null }>();
  for (const s of ctx.current) {
    for (const p of Object.values(s.products)) {
      const a = products.get(p.productId) ?? {
        title: null, category: null, paidOrders: 0, paidNotCancelled: 0, shipped48h: 0, reviews: 0, negativeReviews: 0, complaints: 0, qualityAftersales: 0,
      };
      a.title ??= p.title;
      a.category ??= p.category;
      a.paidOrders += p.paidOrders;
      a.paidNotCancelled += p.paidNotCancelled;
      a.shipped48h += p.shipped48h;
      a.reviews += p.reviews;
      a.negativeReviews += p.negativeReviews;
      a.complaints += p.complaints;
      a.qualityAftersales += p.qualityAftersales;
      products.set(p.productId, a);
    }
  }
  const targets = {} as ServiceReport['productTargets'];
  for (const id of PRODUCT_IMPACT_IDS) {
    const peer = quantilesOf(ctx.shopBenchmark, id).quantiles;
    targets[id] = peer ? { target: peer.p50, basis: 'benchmark' } : windowValues[id] != null ? { target: windowValues[id]!, basis: 'shop_window' } : { target: null, basis: null };
  }
  const rows: ProblemProduct[] = [];
  for (const [productId, p] of products) {
    const impacts = {} as Record<ImpactId, number | null>;
    let total = 0;
    for (const id of PRODUCT_IMPACT_IDS) {
      const f = PRODUCT_FORMULA[id];
      const x = f.x(p);
      const t = targets[id].target;
      if (x === null || t === null) {
        impacts[id] = null;
        continue;
      }
      const impact = f.better === 'higher' ? f.w(p) * (x - t) : f.w(p) * (t - x);
      impacts[id] = impact;
      total += impact;
    }
    if (total < 0) rows.push({ productId, title: p.title, category: p.category, paidOrders: p.paidOrders, impact: total, impacts });
  }
  rows.sort((a, b) => a.impact - b.impact || a.productId.localeCompare(b.productId));
  return { rows: rows.slice(0, 9), targets };
}

export function serviceReport(ctx: DiagnosisContext): ServiceReport {
  const { scores: _scores, ...base } = baseReport(ctx, SERVICE_INDICATORS);
  const values = Object.fromEntries(base.indicators.map((i) => [i.id, i.value]));
  const { rows, targets } = problemProducts(ctx, values);
  return { ...base, kind: 'service', problemProducts: rows, productTargets: targets };
}
