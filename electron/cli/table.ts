/** Plain-text tables for the terminal: columns padded to the widest cell, CJK counted as two columns. */

/** Width of a string on a terminal: CJK characters take two columns. */
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
export const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - width(s)));

/** The head and body as aligned lines, two spaces between columns, a newline at the end. */
export function formatColumns(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i] ?? ''))));
  return [head, ...body].map((cells) => cells.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}
