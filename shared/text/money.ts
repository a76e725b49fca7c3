/**
 * Money in text — alert messages, the CLI's tables, the diagnosis report (CLI, HTML, CSV):
 * fen → "¥12,345.60". Whole yuan without decimals ("¥10,000"), otherwise exactly two; groups of
 * three digits; a minus sign before the ¥. The screens have their own compact form for big
 * figures (renderer/src/format/format.ts formatMoney: "¥93.61万").
 */

/** fen (an integer amount, or a fraction of one from an average) as ¥ text. */
export function formatFen(fen: number): string {
  const yuan = Math.abs(fen) / 100;
  const cents = Math.round(yuan * 100) % 100 !== 0;
  const body = yuan.toLocaleString('en-US', { minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: cents ? 2 : 0 });
  return `${fen < 0 && body !== '0' ? '-' : ''}¥${body}`;
}
