/** Share rows for the bars of the portrait and channel panels: shares of each value, unknowns last, regions as a top-N. */
import { ratio } from '../../../shared/metrics/glossary';
import { displayText } from '../../../shared/text/sanitize';

export interface ShareRow {
  key: string;
  label: string;
  count: number;
  share: number | null;
}

/** Counts as rows with shares of the total; `order` fixes known keys' order, others follow by count. */
export function shareRows(counts: Record<string, number> | undefined, order: readonly string[], label: (key: string) => string, top = Infinity): ShareRow[] {
  const entries = Object.entries(counts ?? {}).filter(([, n]) => Number.isFinite(n) && n > 0);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : k === 'unknown' ? 1e9 : 1e6);
  entries.sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1]);
  return entries.slice(0, top).map(([key, count]) => ({ key, label: label(key), count, share: ratio(count, total) }));
}

/** Regions are free text from the stream: sanitised and clipped, unknown excluded from the top. */
export function regionRows(counts: Record<string, number> | undefined, top: number): ShareRow[] {
  const all = Object.entries(counts ?? {}).filter(([, n]) => Number.isFinite(n) && n > 0);
  const total = all.reduce((s, [, n]) => s + n, 0);
  return all
    .filter(([k]) => k !== 'unknown')
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, count]) => ({ key, label: displayText(key, 12), count, share: ratio(count, total) }));
}
