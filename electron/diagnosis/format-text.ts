/**
 * The human-readable diagnosis report of `luopan diagnose` (without --json): Chinese tables,
 * "—" for a value that has none, with the reason underneath.
 */
import { impactInOwnUnit, INDICATORS_BY_KIND, type IndicatorDef, type IndicatorUnit } from '../../shared/diagnosis/indicators';
import type { DiagnosisReport } from '../../shared/diagnosis/diagnose';
import { MID_QUADRANT_ZH, type HeadTalentRow } from '../../shared/diagnosis/report-talent';
import type { QuadrantId, Top3Entry, Verdict } from '../../shared/diagnosis/types';
import { reasonZh } from '../../shared/diagnosis/reasons';
import { formatFen } from '../../shared/text/money';

export const KIND_ZH = { self: '自播诊断', talent: '达人代播诊断', service: '服务诊断' } as const;
export const VERDICT_ZH: Record<Verdict, string> = { excellent: '优秀', average: '普通', lagging: '落后（待改进）' };
export const QUADRANT_ZH: Record<QuadrantId, string> = { natural_fan: '自然粉丝', natural_nonfan: '自然非粉丝', paid_fan: '付费粉丝', paid_nonfan: '付费非粉丝' };

export { reasonZh };

export function formatValue(unit: IndicatorUnit, v: number | null): string {
  if (v === null) return '—';
  switch (unit) {
    case 'rate': return `${(v * 100).toFixed(2)}%`;
    case 'fen': return formatFen(v);
    case 'hours': return `${v.toFixed(1)} 小时`;
    case 'seconds': {
      const s = Math.round(v);
      const h = Math.floor(s / 3600);
      const m = Math.floor((s % 3600) / 60);
      return h ? `${h}小时${String(m).padStart(2, '0')}分` : `${m}分${String(s % 60).padStart(2, '0')}秒`;
    }
    case 'count': return Number.isInteger(v) ? v.toLocaleString('zh-CN') : v.toFixed(1);
  }
}

/**
 * A TOP3 impact: in the indicator's own unit when its weight is 1 (-¥1,916.59, -23分20秒);
 * otherwise a weighted amount (rate × viewers …) without a unit of its own, as a plain number.
 */
export function formatImpact(def: IndicatorDef, impact: number): string {
  if (!impactInOwnUnit(def)) return impact.toFixed(2);
  return `${impact < 0 ? '-' : ''}${formatValue(def.unit, Math.abs(impact))}`;
}

/** What a head talent's product is compared with: the peer benchmark, or (without one) the shop's own products of the band. */
export const BAR_BASIS_ZH = { benchmark: '同行基准', shop_products: '本店同类商品' } as const;
export function barText(sign: '>' | '<', p: { threshold: number; basis: keyof typeof BAR_BASIS_ZH }): string {
  return `${sign} ${formatValue('rate', p.threshold)}（${BAR_BASIS_ZH[p.basis]}）`;
}

/** A TOP3 cell: each session with its impact (a plain number for an indicator not known here). */
export function top3Text(def: IndicatorDef | undefined, top3: Top3Entry[]): string {
  return top3.map((t) => `${t.sessionId}（${def ? formatImpact(def, t.impact) : t.impact.toFixed(2)}）`).join('、') || '—';
}

/** A head talent's products as table rows (plain text): verdict, product, band, conversion, the bar. */
export function headTalentRows(h: HeadTalentRow): string[][] {
  const row = (verdict: string, sign: '>' | '<') => (p: HeadTalentRow['good'][number]) =>
    [verdict, p.title ?? p.productId, `${p.category ?? '—'}/${p.priceBand ?? '—'}`, formatValue('rate', p.conversion), barText(sign, p)];
  return [...h.good.map(row('效果良好', '>')), ...h.improve.map(row('需要改进', '<'))];
}

const pct = (p: number | null) => (p === null ? '—' : p.toFixed(1));
const money = (fen: number | null) => formatValue('fen', fen);
const rate = (r: number | null) => formatValue('rate', r);

/** Terminal columns of a string: CJK and full-width characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i]! - displayWidth(c))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatReport(r: DiagnosisReport): string {
  const defs = new Map(INDICATORS_BY_KIND[r.kind].map((d) => [d.id, d]));
  const out: string[] = [];
  out.push(`${KIND_ZH[r.kind]} · 店铺 ${r.shop.id}${r.shop.category ? `（${r.shop.category}/${r.shop.tier ?? '—'}）` : ''} · ${r.window.start} 至 ${r.window.end}（${r.days} 天）· ${r.sessions.length} 场 · 历史窗口 ${r.history.length} 个`);
  for (const n of r.notes) out.push(`注：${reasonZh(n)}`);
  out.push('');
  out.push(table(
    ['指标', '数值', '同行分位', '历史分位', '结论', '影响最大的场次（TOP3）'],
    r.indicators.map((i) => {
      const d = defs.get(i.id)!;
      return [
        `${d.zh} ${i.id}`,
        formatValue(d.unit, i.value),
        pct(i.peerPercentile),
        pct(i.historyPercentile),
        i.verdict ? VERDICT_ZH[i.verdict] : '—',
        top3Text(d, i.top3),
      ];
    }),
  ));
  const why = r.indicators.filter((i) => r.reasons[i.id]?.value || (i.verdict === null && r.reasons[i.id]?.verdict));
  if (why.length) {
    out.push('');
    for (const i of why) out.push(`  ${defs.get(i.id)!.zh}：${reasonZh(r.reasons[i.id]!.value ?? r.reasons[i.id]!.verdict)}`);
  }

  if (r.kind === 'self') {
    const g = r.gmv;
    out.push('', `GMV = 观看PV × GPM ÷ 1000：${money(g.current.gmv)} = ${g.current.pv} × ${g.current.gpm === null ? '—' : (g.current.gpm / 100).toFixed(2)} ÷ 1000`);
    if (g.previous && g.change) {
      out.push(`  上一窗口（${g.previous.window.start} 至 ${g.previous.window.end}）${money(g.previous.gmv)}，变化 ${money(g.change.gmv)}：PV 贡献 ${money(g.change.pvEffect)}，GPM 贡献 ${money(g.change.gpmEffect)}`);
    } else out.push(`  上一窗口：${reasonZh(g.reason)}`);
    out.push('', '贡献分析（四象限）');
    out.push(table(
      ['象限', 'PV', 'PV占比', 'GPM', '同行PV占比', '同行GPM', '上期PV占比', '上期GPM'],
      r.quadrants.map((q) => [QUADRANT_ZH[q.id], String(q.pv), rate(q.pvShare), money(q.gpm), rate(q.peerPvShare), money(q.peerGpm), rate(q.previousPvShare), money(q.previousGpm)]),
    ));
  } else if (r.kind === 'talent') {
    out.push('', `达人代播GMV ${money(r.gmv.talent)} = 头部达人 ${money(r.gmv.head)} + 中腰部达人 ${money(r.gmv.mid)}（尾部达人 ${money(r.gmv.tail)} 不计入）`);
    for (const h of r.headTalents) {
      out.push('', `头部达人 ${h.name}（${h.hostId}）· ${h.sessions} 场 · ${money(h.gmv)}`);
      const rows = headTalentRows(h);
      out.push(rows.length ? table(['', '商品', '类目/价格带', '展示-下单转化率', '同类同价'], rows) : '  （没有可比较的商品）');
    }
    if (r.midTalents.length) {
      out.push('', `中腰部达人（同行平均：单商品场均展示PV ${r.midPeer.displayPvPerProduct?.toFixed(1) ?? '—'}，展示-下单转化率 ${rate(r.midPeer.displayToOrderRate)}）`);
      out.push(table(
        ['达人', '场次', 'GMV', '单商品场均展示PV', '展示-下单转化率', '象限'],
        r.midTalents.map((m) => [m.name, String(m.sessions), money(m.gmv), m.displayPvPerProduct?.toFixed(1) ?? '—', rate(m.displayToOrderRate), MID_QUADRANT_ZH[m.quadrant]]),
      ));
    }
    out.push('', '推荐达人');
    out.push(r.recommended.length
      ? table(['达人', '等级', '粉丝', '口碑', '带货类目', '近30日GMV', '推荐理由'], r.recommended.map((t) => [t.name, t.level, t.followers.toLocaleString('zh-CN'), String(t.reputation), t.categories.join('/'), money(t.gmv30d), t.reasons.join('；')]))
      : `  ${reasonZh(r.recommendReason)}`);
  } else {
    out.push('', '异动问题商品（对差评率、投诉率、品质退货率、48小时发货率影响最大）');
    out.push(r.problemProducts.length
      ? table(['商品', '已支付订单', '合计影响', '差评', '投诉', '品质退货', '48h发货'], r.problemProducts.map((p) => [
        p.title ?? p.productId, String(p.paidOrders), p.impact.toFixed(2),
        ...(['negative_review_rate', 'complaint_rate', 'quality_return_rate', 'ship_48h_rate'] as const).map((k) => p.impacts[k]?.toFixed(2) ?? '—'),
      ]))
      : '  （没有）');
  }
  return out.join('\n') + '\n';
}
