/**
 * A diagnosis report as one printable, self-contained HTML page (no script, no external file,
 * inline CSS for A4): the console's HTML export, the page the wall server serves at a tokened
 * URL, and what the desktop app prints to PDF. Every text from the data is escaped.
 */
import type { DiagnosisReport } from '../../shared/diagnosis/diagnose';
import { INDICATORS_BY_KIND } from '../../shared/diagnosis/indicators';
import { MID_QUADRANT_ZH } from '../../shared/diagnosis/report-talent';
import { formatValue, headTalentRows, KIND_ZH, QUADRANT_ZH, reasonZh, top3Text, VERDICT_ZH } from '../diagnosis/format-text';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const money = (fen: number | null) => formatValue('fen', fen);
const rate = (r: number | null) => formatValue('rate', r);
const pct = (p: number | null) => (p === null ? '—' : p.toFixed(1));
const num = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));

function table(head: string[], rows: string[][], cls = ''): string {
  if (rows.length === 0) return '<p class="none">（没有）</p>';
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  // cells arrive escaped (some carry markup of their own)
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table class="${cls}"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function indicatorRows(r: DiagnosisReport): string[][] {
  const defs = new Map(INDICATORS_BY_KIND[r.kind].map((d) => [d.id, d]));
  return r.indicators.map((i) => {
    const def = defs.get(i.id);
    const why = r.reasons[i.id] ?? {};
    const valueNote = i.value === null && why.value ? `<div class="why">${esc(reasonZh(why.value))}</div>` : '';
    const verdictNote = i.verdict === null && why.verdict ? `<div class="why">${esc(reasonZh(why.verdict))}</div>` : '';
    return [
      `${esc(def?.zh ?? i.id)}<div class="id">${esc(i.id)}</div>`,
      esc(def ? formatValue(def.unit, i.value) : String(i.value ?? '—')) + valueNote,
      esc(pct(i.peerPercentile)),
      esc(pct(i.historyPercentile)),
      `<span class="v-${i.verdict ?? 'none'}" data-verdict="${i.verdict ?? ''}">${esc(i.verdict ? VERDICT_ZH[i.verdict] : '—')}</span>${verdictNote}`,
      esc(top3Text(def, i.top3)),
    ];
  });
}

function selfSection(r: Extract<DiagnosisReport, { kind: 'self' }>): string {
  const g = r.gmv;
  const prev = g.previous && g.change
    ? `上一窗口（${g.previous.window.start} 至 ${g.previous.window.end}）${money(g.previous.gmv)}，变化 ${money(g.change.gmv)}：PV 贡献 ${money(g.change.pvEffect)}，GPM 贡献 ${money(g.change.gpmEffect)}`
    : `上一窗口：${reasonZh(g.reason)}`;
  return `<h2>GMV = PV × GPM ÷ 1000</h2>
<p>${esc(`${money(g.current.gmv)} = ${g.current.pv.toLocaleString('zh-CN')} × ${money(g.current.gpm)} ÷ 1000`)}</p>
<p>${esc(prev)}</p>
<h2>贡献分析（四象限）</h2>
${table(['象限', 'PV', 'PV占比', 'GPM', '同行PV占比', '同行GPM', '上期PV占比', '上期GPM'], r.quadrants.map((q) => [QUADRANT_ZH[q.id], q.pv.toLocaleString('zh-CN'), rate(q.pvShare), money(q.gpm), rate(q.peerPvShare), money(q.peerGpm), rate(q.previousPvShare), money(q.previousGpm)].map(esc)))}`;
}

function talentSection(r: Extract<DiagnosisReport, { kind: 'talent' }>): string {
  const heads = r.headTalents.map((h) => `<h3>${esc(`头部达人 ${h.name} · ${h.sessions} 场 · ${money(h.gmv)}`)}</h3>
${table(['', '商品', '类目/价格带', '展示-下单转化率', '对比线'], headTalentRows(h).map((row) => row.map(esc)))}`).join('\n');
  return `<h2>达人代播GMV</h2>
<p>${esc(`${money(r.gmv.talent)} = 头部达人 ${money(r.gmv.head)} + 中腰部达人 ${money(r.gmv.mid)}（尾部达人 ${money(r.gmv.tail)} 不计入）`)}</p>
${heads}
<h2>中腰部达人</h2>
${table(['达人', '场次', 'GMV', '单商品场均展示PV', '展示-下单转化率', '象限'], r.midTalents.map((m) => [m.name, String(m.sessions), money(m.gmv), num(m.displayPvPerProduct), rate(m.displayToOrderRate), MID_QUADRANT_ZH[m.quadrant]].map(esc)))}
<h2>推荐达人</h2>
${r.recommended.length ? table(['达人', '等级', '粉丝', '口碑', '带货类目', '近30日GMV', '推荐理由'], r.recommended.map((t) => [t.name, t.level, t.followers.toLocaleString('zh-CN'), String(t.reputation), t.categories.join('/'), money(t.gmv30d), t.reasons.join('；')].map(esc))) : `<p class="none">${esc(reasonZh(r.recommendReason))}</p>`}`;
}

function serviceSection(r: Extract<DiagnosisReport, { kind: 'service' }>): string {
  const ids = ['negative_review_rate', 'complaint_rate', 'quality_return_rate', 'ship_48h_rate'] as const;
  return `<h2>异动问题商品</h2>
${table(['商品', '已支付订单', '合计影响', '差评', '投诉', '品质退货', '48h发货'], r.problemProducts.map((p) => [p.title ?? p.productId, String(p.paidOrders), p.impact.toFixed(2), ...ids.map((k) => num(p.impacts[k], 2))].map(esc)))}`;
}

export function reportHtml(r: DiagnosisReport, generatedAt: number = Date.now()): string {
  const title = `${KIND_ZH[r.kind]} · ${r.shop.id} · ${r.window.start} 至 ${r.window.end}`;
  const section = r.kind === 'self' ? selfSection(r) : r.kind === 'talent' ? talentSection(r) : serviceSection(r);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
@page { size: A4; margin: 14mm; }
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #111; font-size: 12px; margin: 0; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 18px 0 6px; } h3 { font-size: 13px; margin: 12px 0 4px; }
.meta, .why, .id, .none { color: #555; } .why, .id { font-size: 10px; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; } tr { page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; } th { background: #eef2f7; }
.v-excellent { color: #0a7a3a; font-weight: 600; } .v-lagging { color: #b42318; font-weight: 600; } .v-average { color: #444; }
ul.notes { margin: 4px 0; padding-left: 18px; color: #555; }
</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">${esc(`店铺 ${r.shop.id}（类目 ${r.shop.category ?? '—'} / 层级 ${r.shop.tier ?? '—'}）· ${r.days} 天 · ${r.sessions.length} 场 · 历史窗口 ${r.history.length} 个 · 生成于 ${new Date(generatedAt).toLocaleString('zh-CN', { hour12: false })}`)}</p>
${r.notes.length ? `<ul class="notes">${r.notes.map((n) => `<li>${esc(reasonZh(n))}</li>`).join('')}</ul>` : ''}
<h2>指标</h2>
${table(['指标', '数值', '同行分位', '历史分位', '结论', '影响最大的场次（TOP3）'], indicatorRows(r), 'indicators')}
${section}
</body></html>
`;
}
