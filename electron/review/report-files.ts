/**
 * The review as files, in the page's language: CSV (UTF-8 with a BOM for Excel, one block per
 * part — figures, explanations, channels, minutes, findings — each with its own header row,
 * formula-safe cells) and one printable self-contained HTML page (no script, A4 CSS, every
 * text from the data escaped), which the wall server also serves for printing.
 */
import type { Lang } from '../../shared/i18n/lang';
import { fill } from '../../shared/i18n/lang';
import { dateTime } from '../../shared/review/format';
import { REVIEW_METRICS } from '../../shared/review/metrics';
import type { ReviewPage } from '../../shared/review/types';
import { REVIEW_WORDS } from '../../shared/review/words';
import { channelHead, channelRows, explanationHead, explanationRows, figureHead, figureRows, reviewHeadline } from '../../shared/review/rows';

function cell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
const line = (cells: (string | number | null)[]) => cells.map(cell).join(',');

export function reviewCsv(p: ReviewPage, lang: Lang): string {
  const w = REVIEW_WORDS[lang];
  const r = p.review;
  const c = r.compare;
  const rows: string[] = [];
  // raw numbers (fen, fractions) first, so a spreadsheet can compute; the shown text after
  rows.push(line([w.col.section, 'metric', w.col.metric, 'value', 'previous', 'median', 'change_vs_previous', 'change_vs_median']));
  const shown = figureRows(p, lang);
  REVIEW_METRICS.forEach((m, i) => rows.push(line([w.figures, m, shown[i]![0]!, r.figures[m], c.previous?.figures[m] ?? null, c.median.figures[m], c.deltas[m]?.previous ?? null, c.deltas[m]?.median ?? null])));
  rows.push('');
  rows.push(line([w.col.section, 'productId', ...explanationHead(lang), 'start_ms', 'end_ms', 'gmv_fen', 'avg_online']));
  const ex = explanationRows(p, lang);
  r.explanations.forEach((e, i) => rows.push(line([w.explanations, e.productId, ...ex[i]!, e.start, e.end, e.gmv, e.avgOnline])));
  rows.push('');
  rows.push(line([w.col.section, 'channel', ...channelHead(lang), 'gmv_fen']));
  const ch = channelRows(p, lang);
  r.channels.forEach((x, i) => rows.push(line([w.channels, x.channel, ...ch[i]!, x.gmv])));
  rows.push('');
  const col = w.col;
  rows.push(line([w.col.section, col.minute, col.online, col.entries, col.exits, col.comments, col.likes, col.orders, `${col.gmv} (fen)`, col.clicks]));
  for (const m of r.minutes) rows.push(line([w.minutes, m.minute, m.online, m.entries, m.exits, m.comments, m.likes, m.orders, m.gmv, m.clicks]));
  rows.push('');
  rows.push(line([w.col.section, col.rule, col.message]));
  for (const f of r.findings) rows.push(line([w.findings, f.rule, f.message]));
  return '\ufeff' + rows.join('\r\n') + '\r\n';
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function table(head: string[], rows: string[][], attrs: (i: number) => string = () => ''): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r, i) => `<tr${attrs(i)}>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function reviewHtml(p: ReviewPage, lang: Lang, generatedAt: number = Date.now()): string {
  const w = REVIEW_WORDS[lang];
  const r = p.review;
  const title = `${w.title} · ${p.title || r.sessionId}`;
  const figureAttrs = (i: number) => ` data-metric="${REVIEW_METRICS[i]}" data-value="${r.figures[REVIEW_METRICS[i]!] ?? ''}"`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
@page { size: A4; margin: 14mm; }
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #111; font-size: 12px; margin: 0; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 18px 0 6px; }
.meta, .none { color: #555; } .live { color: #b45309; font-weight: 600; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; } tr { page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; } th { background: #eef2f7; }
</style></head>
<body>
<h1>${esc(title)} <span class="${p.live ? 'live' : ''}" data-state="${p.live ? 'live' : 'ended'}">${esc(p.live ? w.live : w.ended)}</span></h1>
<p class="meta">${esc(reviewHeadline(p, lang))} · ${esc(fill(w.generated, { at: dateTime(generatedAt) }))}</p>
${p.live ? `<p class="live">${esc(w.liveNote)}</p>` : ''}
<h2>${esc(w.figures)}</h2>
${table(figureHead(p, lang), figureRows(p, lang), figureAttrs)}
<h2>${esc(w.explanations)}</h2>
${r.explanations.length ? table(explanationHead(lang), explanationRows(p, lang), (i) => ` data-explanation="${i}"`) : `<p class="none">${esc(w.noExplanations)}</p>`}
<h2>${esc(w.channels)}</h2>
${table(channelHead(lang), channelRows(p, lang))}
<h2>${esc(w.findings)}</h2>
${r.findings.length ? `<ul>${r.findings.map((f) => `<li data-rule="${esc(f.rule)}">${esc(f.message)}</li>`).join('')}</ul>` : `<p class="none">${esc(w.noFindings)}</p>`}
</body></html>
`;
}

export function reviewFileName(p: ReviewPage, ext: 'csv' | 'html'): string {
  const id = p.review.sessionId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80) || 'session';
  return `luopan-review-${id}.${ext}`;
}
