/**
 * The metric glossary: the one place a live figure is defined. The aggregator computes with
 * these ids, the screens show `name` and `definition` as tooltips, and `#/help` lists them.
 * Definitions follow ../../docs (docs/product.md "Metric definitions").
 */
export type MetricUnit = 'fen' | 'count' | 'rate' | 'seconds' | 'ratio';

export interface MetricDefinition {
  id: MetricId;
  unit: MetricUnit;
  /** Which direction is good: drives colours of changes and alert defaults. */
  better: 'higher' | 'lower';
  zh: { name: string; definition: string };
  en: { name: string; definition: string };
  /** The formula in symbols, language-neutral. */
  formula: string;
}

export const METRIC_IDS = [
  'gmv', 'orders', 'items', 'buyers', 'online', 'uv', 'pv', 'peak_online', 'avg_online',
  'avg_watch_duration', 'gpm', 'watch_to_order_rate', 'product_click_rate', 'click_to_order_rate',
  'product_exposure_users', 'product_click_users', 'interaction_rate', 'item_price', 'order_price',
  'new_followers', 'fansclub_joins', 'comments', 'likes', 'shares', 'fan_buyer_share',
  'effective_duration',
  'ad_spend', 'ad_impressions', 'ad_clicks', 'ad_ctr', 'ad_cpm', 'ad_cpc', 'ad_conversions',
  'ad_cost_per_conversion', 'ad_gmv', 'ad_roi',
  'commission', 'agency_share',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

type Def = Omit<MetricDefinition, 'id'>;
const m = (
  unit: MetricUnit,
  zhName: string,
  zhDef: string,
  enName: string,
  enDef: string,
  formula: string,
  better: 'higher' | 'lower' = 'higher',
): Def => ({ unit, better, zh: { name: zhName, definition: zhDef }, en: { name: enName, definition: enDef }, formula });

const DEFS: Record<MetricId, Def> = {
  gmv: m('fen', '成交金额', '已支付订单金额之和（每单只计一次；支付后取消或退款不扣减，另行统计）', 'GMV', 'Sum of paid orders’ amounts (each order once; a cancel or refund after payment is reported separately, not deducted)', 'Σ amount(order.pay)'),
  orders: m('count', '成交订单数', '已支付订单数', 'Paid orders', 'Number of paid orders', 'count(order.pay)'),
  items: m('count', '成交件数', '已支付订单的件数之和', 'Items sold', 'Sum of paid orders’ quantities', 'Σ qty(order.pay)'),
  buyers: m('count', '成交人数', '有已支付订单的去重用户数（支付后取消仍计入）', 'Buyers', 'Distinct users with a paid order (a cancel after payment does not remove them)', 'distinct userId(order.pay)'),
  online: m('count', '实时在线人数', '平台最新的在线人数；未收到时按进入减离开（当前在场的去重用户数）估算', 'Online now', 'The latest platform online figure; if none arrived, enters − leaves (distinct users currently inside)', 'latest online.count'),
  uv: m('count', '累计观看人数', '进入直播间的去重用户数', 'Viewers (UV)', 'Distinct users who entered', 'distinct userId(viewer.enter)'),
  pv: m('count', '累计观看人次', '进入直播间的次数', 'Views (PV)', 'Number of entries', 'count(viewer.enter)'),
  peak_online: m('count', '最高在线', '直播期间在线人数的最大值', 'Peak online', 'Largest online figure during the show', 'max online'),
  avg_online: m('count', '平均在线', '实时在线人数按时间加权的平均值，从开播到结束（未结束时到最新事件时间），含暂停', 'Average online', 'Time-weighted mean of the online figure from the start to the end (or the newest event time), pauses included', '∫ online dt ÷ live time'),
  avg_watch_duration: m('seconds', '人均观看时长', '总观看时长 ÷ 观看人数；观看从进入到该用户下一次离开，未离开的计到结束（未结束时到最新事件时间）；在场时重复进入不另计时长，无进入的离开忽略', 'Avg. watch time', 'Total watch time ÷ UV; a stay runs from an enter to that user’s next leave, an open stay to the end (or the newest event time); a repeated enter while inside adds no second stay, a leave without an enter is ignored', 'Σ watch seconds ÷ UV'),
  gpm: m('fen', 'GPM', '千次观看成交金额：成交金额 ÷ 观看人次 × 1000', 'GPM', 'GMV per thousand views: GMV ÷ PV × 1000', 'GMV ÷ PV × 1000'),
  watch_to_order_rate: m('rate', '看播成交转化率', '成交人数 ÷ 累计观看人数', 'Watch → order rate', 'Buyers ÷ UV', 'buyers ÷ UV'),
  product_click_rate: m('rate', '商品点击率', '商品点击人数 ÷ 商品曝光人数', 'Product click rate', 'Product click users ÷ product exposure users', 'click users ÷ exposure users'),
  click_to_order_rate: m('rate', '点击-成交转化率', '成交人数 ÷ 商品点击人数', 'Click → order rate', 'Buyers ÷ product click users', 'buyers ÷ click users'),
  product_exposure_users: m('count', '商品曝光人数', '看到商品的去重用户数', 'Product exposure users', 'Distinct users with a product exposure', 'distinct userId(product.exposure)'),
  product_click_users: m('count', '商品点击人数', '点击商品的去重用户数', 'Product click users', 'Distinct users with a product click', 'distinct userId(product.click)'),
  interaction_rate: m('rate', '互动率', '评论、点赞、分享或关注的去重用户数 ÷ 累计观看人数（无用户的点赞批次不计入用户）', 'Interaction rate', 'Distinct users who commented, liked, shared or followed ÷ UV (like bundles without a user count no user)', 'interacting users ÷ UV'),
  item_price: m('fen', '成交件单价', '成交金额 ÷ 成交件数', 'Price per item', 'GMV ÷ items', 'GMV ÷ items'),
  order_price: m('fen', '客单价', '成交金额 ÷ 成交人数', 'Spend per buyer', 'GMV ÷ buyers', 'GMV ÷ buyers'),
  new_followers: m('count', '新增粉丝', '直播期间的关注数', 'New followers', 'Follows during the show', 'count(follow)'),
  fansclub_joins: m('count', '新加团人数', '加入粉丝团的人数', 'Fan-club joins', 'Fan-club joins during the show', 'count(fansclub.join)'),
  comments: m('count', '评论次数', '评论条数', 'Comments', 'Number of comments', 'count(comment)'),
  likes: m('count', '点赞次数', '点赞数（按批次上报累加）', 'Likes', 'Likes, summed over reported bundles', 'Σ like.count'),
  shares: m('count', '分享次数', '分享次数', 'Shares', 'Number of shares', 'count(share)'),
  fan_buyer_share: m('rate', '成交粉丝占比', '成交人数中粉丝的占比；是否粉丝以使其成为买家的那笔订单的 fan 字段为准', 'Fan share of buyers', 'Buyers who are fans ÷ buyers; a buyer is a fan when the order that made them a buyer says fan', 'fan buyers ÷ buyers'),
  effective_duration: m('seconds', '有效直播时长', '直播时长减去暂停，只计在线人数 ≥ 1 的分钟（从开播起每 60 秒一分钟，其间任一时刻在线 ≥ 1 即计）', 'Effective live time', 'Live time minus pauses, counting only minutes with online ≥ 1 (60-second minutes from the start; a minute counts if online reached 1 at any moment in it)', 'Σ unpaused seconds of minutes with online ≥ 1'),
  ad_spend: m('fen', '消耗', '广告消耗', 'Ad spend', 'Ad spend', 'Σ ad.stats.spend', 'lower'),
  ad_impressions: m('count', '展示次数', '广告展示次数', 'Impressions', 'Ad impressions', 'Σ ad.stats.impressions'),
  ad_clicks: m('count', '点击次数', '广告点击次数', 'Ad clicks', 'Ad clicks', 'Σ ad.stats.clicks'),
  ad_ctr: m('rate', '点击率', '点击次数 ÷ 展示次数', 'CTR', 'Clicks ÷ impressions', 'clicks ÷ impressions'),
  ad_cpm: m('fen', 'CPM', '千次展示费用：消耗 ÷ 展示次数 × 1000', 'CPM', 'Spend per thousand impressions', 'spend ÷ impressions × 1000', 'lower'),
  ad_cpc: m('fen', 'CPC', '单次点击费用：消耗 ÷ 点击次数', 'CPC', 'Spend per click', 'spend ÷ clicks', 'lower'),
  ad_conversions: m('count', '转化数', '广告转化数', 'Conversions', 'Ad conversions', 'Σ ad.stats.conversions'),
  ad_cost_per_conversion: m('fen', '转化成本', '消耗 ÷ 转化数', 'Cost per conversion', 'Spend ÷ conversions', 'spend ÷ conversions', 'lower'),
  ad_gmv: m('fen', '成交金额（广告）', '付费渠道带来的成交金额', 'Ad GMV', 'GMV attributed to paid channels', 'Σ amount(paid orders from paid channels)'),
  commission: m('fen', '达人佣金', '达人代播场次中已支付订单的佣金之和：每单金额 × 支付时该商品的佣金率（四舍五入到分）；自播场次为 0', 'Commission', 'On talent-hosted sessions, the sum over paid orders of amount × the product’s commission rate in force at payment (rounded to the fen); 0 on self-hosted sessions', 'Σ round(amount × commissionRate)'),
  agency_share: m('fen', '机构分成', '佣金中归主播所属机构与店铺所属机构的部分：佣金 × 各自分成比例（各自四舍五入到分）之和', 'Agency share', 'The part of the commission that goes to the host’s and the shop’s agencies: commission × each one’s share (each rounded to the fen), summed', 'round(commission × host share) + round(commission × shop share)'),
  ad_roi: m('ratio', '支付ROI', '付费渠道成交金额 ÷ 广告消耗', 'Pay ROI', 'GMV from paid channels ÷ ad spend', 'ad GMV ÷ spend'),
};

export const GLOSSARY: Record<MetricId, MetricDefinition> = Object.fromEntries(
  METRIC_IDS.map((id) => [id, { id, ...DEFS[id] }]),
) as Record<MetricId, MetricDefinition>;

/** A ratio whose denominator is zero has no value: "—", never NaN, Infinity or 0. */
export function ratio(numerator: number, denominator: number, scale = 1): number | null {
  if (!denominator || !Number.isFinite(numerator) || !Number.isFinite(denominator)) return null;
  return (numerator / denominator) * scale;
}
