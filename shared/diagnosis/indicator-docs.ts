/**
 * The words of every diagnosis indicator for people (the help centre, the report exports): the
 * English name, the definition in both languages, the window formula and the TOP3 weight, as
 * docs/product.md "Post-show diagnosis" states them. The Chinese name, unit and direction stay in
 * ./indicators.ts, next to the code that computes the value; a test keeps the two id lists equal.
 */
export interface IndicatorDoc {
  en: string;
  zhDefinition: string;
  enDefinition: string;
  /** the window value, language-neutral symbols */
  formula: string;
  /** w_s of the TOP3 impact */
  weight: string;
}

const d = (en: string, zhDefinition: string, enDefinition: string, formula: string, weight: string): IndicatorDoc => ({
  en, zhDefinition, enDefinition, formula, weight,
});

export const INDICATOR_DOCS: Record<string, IndicatorDoc> = {
  effective_duration: d('Effective live time', '各场（下播时间 − 开播时间 − 暂停时长）之和', 'Sum over sessions of (end − start − paused seconds)', 'Σ (endedAt − startedAt − paused s)', '1'),
  avg_watch_duration: d('Avg. watch time', '总观看时长 ÷ 观看人数（各场去重后相加）', 'Total watch seconds ÷ viewers (distinct per session, summed)', 'Σ watch s ÷ Σ UV', 'UV'),
  avg_online: d('Average online', '在线人数对时间的积分 ÷ 直播总秒数（含暂停）', 'Integral of the online figure over time ÷ total session seconds (pauses included)', '∫ online dt ÷ Σ session s', 'session s'),
  peak_online: d('Peak online', '窗口内最大的在线人数', 'The largest online figure in the window', 'max online', '1'),
  product_click_rate: d('Product click rate', '商品点击人数 ÷ 商品曝光人数', 'Product click users ÷ product exposure users', 'Σ click users ÷ Σ exposure users', 'exposure users'),
  click_to_order_rate: d('Click → order rate', '成交人数 ÷ 商品点击人数', 'Buyers ÷ product click users', 'Σ buyers ÷ Σ click users', 'click users'),
  watch_to_order_rate: d('Watch → order rate', '成交人数 ÷ 观看人数', 'Buyers ÷ viewers', 'Σ buyers ÷ Σ UV', 'UV'),
  item_price: d('Price per item', '成交金额 ÷ 成交件数', 'GMV ÷ items sold', 'Σ GMV ÷ Σ items', 'items'),
  ship_48h_rate: d('Shipped within 48 h', '支付后 48 小时内发货的订单 ÷ 未取消的已支付订单', 'Paid orders shipped ≤ 48 h after payment ÷ paid orders not cancelled', 'shipped ≤ 48 h ÷ paid not cancelled', 'paid orders'),
  quality_return_rate: d('Quality return rate', '原因为质量问题的售后 ÷ 已支付订单', 'After-sales opened for quality ÷ paid orders', 'after-sales(quality) ÷ paid orders', 'paid orders'),
  negative_review_rate: d('Negative review rate', '1–2 星评价 ÷ 评价数', 'Reviews rated 1–2 ÷ reviews', 'reviews(1–2) ÷ reviews', 'reviews'),
  complaint_rate: d('Complaint rate', '投诉 ÷ 已支付订单', 'Complaints ÷ paid orders', 'complaints ÷ paid orders', 'paid orders'),
  reply_3min_rate: d('Replied within 3 min', '180 秒内得到店铺回复的买家消息 ÷ 买家消息', 'Buyer messages answered by the shop within 180 s ÷ buyer messages', 'answered ≤ 180 s ÷ buyer messages', 'buyer messages'),
  delivery_hours: d('Delivery time', '已签收订单从支付到签收的平均小时数', 'Mean hours from payment to delivery, delivered orders', 'mean(delivered − paid) h', 'delivered orders'),
  refund_only_hours: d('Refund-only closing time', '商家自主完结的仅退款售后从发起到完结的平均小时数', 'Mean hours from open to close of refund-only after-sales the shop closed itself', 'mean(closed − opened) h', 'those after-sales'),
  return_refund_hours: d('Return-refund closing time', '商家自主完结的退货退款售后从发起到完结的平均小时数', 'Mean hours from open to close of return-refund after-sales the shop closed itself', 'mean(closed − opened) h', 'those after-sales'),
  dispute_rate: d('Dispute rate', '平台介入的纠纷 ÷ 发起的售后', 'Disputes ÷ after-sales opened', 'disputes ÷ after-sales opened', 'after-sales opened'),
  talent_gmv: d('Talent co-broadcast GMV', '头部达人GMV + 中腰部达人GMV', 'Head-tier plus mid-tier talents’ GMV', 'GMV(head) + GMV(mid)', '1'),
  head_talent_gmv: d('Head talents’ GMV', '头部达人代播场次的成交金额', 'GMV of sessions hosted by head-tier talents', 'Σ GMV(head sessions)', '1'),
  mid_talent_gmv: d('Mid-tier talents’ GMV', '中腰部达人代播场次的成交金额', 'GMV of sessions hosted by mid-tier talents', 'Σ GMV(mid sessions)', '1'),
};

/** How a verdict is reached, for the help centre (docs/product.md "Verdict of one indicator value"). */
export const VERDICT_RULE = {
  zh: '同行分位按最新同类目同层级基准的 p25/p50/p75/p90 分段线性插值；历史分位 = 低于本值的历史窗口数加一半相等窗口数 ÷ 历史窗口数（至少 3 个窗口才使用）；越低越好的指标取 100 − 分位。得分 = 可用分位的平均：≥ 75 优秀，< 40 落后（待改进），否则普通。落后指标列出影响最大的 3 个场次：影响 = w × (x − t)，t 为同行中位数（求和类指标再除以场次数）。',
  en: 'The peer percentile interpolates linearly through p25/p50/p75/p90 of the latest benchmark of the shop’s category and tier; the history percentile = (windows below the value + ½ windows equal) ÷ windows, used with ≥ 3 history windows; for lower-is-better indicators each becomes 100 − percentile. Score = mean of the available percentiles: ≥ 75 excellent, < 40 lagging (to improve), else average. A lagging indicator lists the 3 most harmful sessions: impact = w × (x − t), t the peer median (divided by the number of sessions for a summed indicator).',
};
