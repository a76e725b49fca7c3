/**
 * The reasons a report gives for a missing value or verdict are one-line English strings
 * (types.ts IndicatorNotes); this renders them in Chinese for the terminal table, the report
 * exports and the console, with the original in brackets so nothing is lost in translation.
 */
const REASON_ZH: [RegExp, string][] = [
  [/^no sessions in window$/, '窗口内没有场次'],
  [/^no benchmark for this tier/, '没有同行同层基准'],
  [/^benchmark has no /, '基准中没有该指标'],
  [/^history holds (\d+) window/, '历史窗口不足 3 个'],
  [/^no benchmark and no history$/, '无基准也无历史，无法判定'],
  [/^no viewers/, '没有观看人数'],
  [/^no items sold$/, '没有成交件数'],
  [/^no paid orders/, '没有已支付订单'],
  [/^no online figures$/, '没有在线人数数据'],
  [/^not lagging$/, '未落后，无需列出'],
  [/^no /, '没有数据'],
];

export function reasonZh(reason: string | undefined): string {
  if (!reason) return '';
  for (const [re, zh] of REASON_ZH) if (re.test(reason)) return `${zh}（${reason}）`;
  return reason;
}
