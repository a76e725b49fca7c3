/**
 * Keyword highlight without markup: a comment is split into plain-text segments, the matching
 * ones flagged, and the template renders each as a <span> by text interpolation — the comment
 * text is never parsed as HTML.
 */
export interface Segment {
  text: string;
  hit: boolean;
}

/** Words viewers use when they want to buy; highlighted in every room. */
export const INTENT_WORDS = ['多少钱', '链接', '上链接', '优惠', '尺码', '有货', '库存', '发货', '包邮', '怎么买', '下单', '券'];

/** Split `text` at case-insensitive occurrences of any keyword (longest first). */
export function highlightSegments(text: string, keywords: readonly string[]): Segment[] {
  const words = [...new Set(keywords.filter((k) => k.length > 0).map((k) => k.toLowerCase()))].sort((a, b) => b.length - a.length);
  if (words.length === 0 || text.length === 0) return [{ text, hit: false }];
  const lower = text.toLowerCase();
  const out: Segment[] = [];
  let plainFrom = 0;
  let i = 0;
  // toLowerCase keeps string length for the scripts shown here; guard anyway
  const sameLength = lower.length === text.length;
  while (sameLength && i < lower.length) {
    const word = words.find((w) => lower.startsWith(w, i));
    if (!word) {
      i++;
      continue;
    }
    if (i > plainFrom) out.push({ text: text.slice(plainFrom, i), hit: false });
    out.push({ text: text.slice(i, i + word.length), hit: true });
    i += word.length;
    plainFrom = i;
  }
  if (plainFrom < text.length) out.push({ text: text.slice(plainFrom), hit: false });
  return out;
}
