/**
 * A diagnosis report as CSV: one row per indicator (id, Chinese name, raw value, shown value,
 * percentiles, verdict, TOP3 sessions, why a field is empty). UTF-8 with a BOM so Excel opens
 * the Chinese text correctly; a text cell that a spreadsheet would run as a formula is quoted
 * with a leading apostrophe.
 */
import type { DiagnosisReport } from '../../shared/diagnosis/diagnose';
import { INDICATORS_BY_KIND } from '../../shared/diagnosis/indicators';
import { formatValue, reasonZh, VERDICT_ZH } from '../diagnosis/format-text';

function cell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const CSV_HEADER = ['indicator', '指标', 'value', '数值', 'peer_percentile', 'history_percentile', 'verdict', '结论', 'top3', '说明'];

export function reportCsv(r: DiagnosisReport): string {
  const defs = new Map(INDICATORS_BY_KIND[r.kind].map((d) => [d.id, d]));
  const rows = r.indicators.map((i) => {
    const def = defs.get(i.id);
    const why = r.reasons[i.id] ?? {};
    const reason = why.value ?? (i.verdict === null ? why.verdict : undefined);
    return [
      i.id,
      def?.zh ?? i.id,
      i.value,
      def ? formatValue(def.unit, i.value) : String(i.value ?? '—'),
      i.peerPercentile,
      i.historyPercentile,
      i.verdict ?? '',
      i.verdict ? VERDICT_ZH[i.verdict] : '—',
      i.top3.map((t) => `${t.sessionId} (${t.impact.toFixed(2)})`).join('; '),
      reason ? reasonZh(reason) : '',
    ].map(cell).join(',');
  });
  return '\ufeff' + [CSV_HEADER.join(','), ...rows].join('\r\n') + '\r\n';
}

/** The file name of an export: kind, shop and window. */
export function reportFileName(r: DiagnosisReport, ext: 'csv' | 'html' | 'pdf'): string {
  const shop = r.shop.id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60) || 'shop';
  return `luopan-diagnosis-${r.kind}-${shop}-${r.window.start}_${r.window.end}.${ext}`;
}
