/**
 * What the simulated rooms are made of: shops, hosts, products, nicknames, comment phrases,
 * ad plans and the talent catalogue — realistic Chinese live-commerce content. Plain data: the
 * generator draws from it with its seeded random stream, so changing an entry changes the shows.
 */
export interface ShopProfile {
  id: string;
  name: string;
  category: string;
  /** the shop's level (店铺等级); peers are the same category and tier */
  tier: string;
  /** traffic scale of the shop's rooms (1 = a typical mid-sized shop) */
  scale: number;
  products: { title: string; price: number; priceBand: string }[];
  /** spec variants that make a longer cart out of the base items: [suffix, price factor] */
  variants: [string, number][];
}

export const priceBandOf = (price: number): string =>
  price < 5000 ? '0-50' : price < 10000 ? '50-100' : price < 30000 ? '100-300' : price < 80000 ? '300-800' : '800+';
const items = (list: [string, number][]) => list.map(([title, price]) => ({ title, price, priceBand: priceBandOf(price) }));

export const SHOPS: ShopProfile[] = [
  {
    id: 'shop-yayi', name: '雅衣旗舰店', category: 'apparel', tier: 'L4', scale: 1,
    products: items([
      ['真丝连衣裙 法式复古碎花', 39900], ['桑蚕丝衬衫 通勤百搭', 29900], ['羊毛针织开衫', 25900], ['高腰阔腿裤 垂感', 15900],
      ['双面羊绒大衣', 129900], ['小香风短外套', 45900], ['珍珠耳饰 礼盒装', 9900], ['真皮托特包', 59900],
      ['醋酸缎面半身裙', 19900], ['纯棉白T恤 三件装', 9900], ['羊绒围巾 双面', 23900], ['牛仔直筒裤', 17900],
      ['法式方领针织衫', 16900], ['风衣 中长款 英伦', 69900], ['丝巾 印花小方巾', 6900], ['马丁靴 厚底', 35900],
      ['羊毛西装外套', 79900], ['打底衫 德绒', 7900], ['通勤乐福鞋', 29900], ['珍珠发夹 三件套', 3900],
      ['针织背心 复古', 12900], ['冰丝防晒衫', 8900], ['羽绒马甲 轻薄', 39900], ['皮带 头层牛皮', 15900],
    ]),
    variants: [['（黑色）', 1], ['（加绒款）', 1.15], ['（大码）', 1.05], ['（米白）', 1]],
  },
  {
    id: 'shop-xianwei', name: '鲜味优选', category: 'food', tier: 'L3', scale: 0.8,
    products: items([
      ['每日坚果 30袋装', 12900], ['五常大米 10斤', 6990], ['阳澄湖大闸蟹 礼券', 39900], ['云南小粒咖啡 100杯', 8900],
      ['低脂鸡胸肉 20袋', 9900], ['智利车厘子 2斤', 15900], ['手工牛轧糖 礼盒', 5900], ['螺蛳粉 6袋装', 4990],
      ['内蒙古牛肉干', 7900], ['有机纯牛奶 12盒', 6900], ['黑芝麻丸 2罐', 3990], ['冻干水果 混合装', 4900],
      ['挂耳咖啡 50包', 9900], ['燕麦片 即食 2kg', 3590], ['海南椰子水 12瓶', 5990], ['老北京酸梅汤', 2990],
      ['麻辣小龙虾 4斤', 12800], ['新疆灰枣 5斤', 4590], ['自热火锅 6盒', 6990], ['东北黑木耳 500g', 3990],
    ]),
    variants: [['（家庭装）', 1.8], ['（尝鲜装）', 0.5], ['（两件装）', 1.9]],
  },
  {
    id: 'shop-guangyan', name: '光妍美妆', category: 'beauty', tier: 'L5', scale: 1.4,
    products: items([
      ['玻尿酸精华 30ml', 19900], ['氨基酸洁面乳', 6900], ['防晒霜 SPF50+', 12900], ['口红 丝绒雾面 3支装', 15900],
      ['面膜 补水 20片', 9900], ['眼霜 淡纹', 25900], ['粉底液 持妆', 22900], ['卸妆油 温和', 8900],
      ['身体乳 烟酰胺', 7900], ['护手霜 礼盒', 5900], ['香水 木质调 50ml', 39900], ['眉笔 防水', 3900],
      ['素颜霜', 11900], ['化妆刷 12支', 8900], ['洗发水 无硅油', 6900], ['美容仪 射频', 129900],
    ]),
    variants: [['（旅行装）', 0.4], ['（礼盒装）', 1.3], ['（两支装）', 1.85]],
  },
  {
    id: 'shop-jujia', name: '木语家居', category: 'home', tier: 'L3', scale: 0.7,
    products: items([
      ['乳胶枕 泰国进口', 19900], ['四件套 全棉 1.8米', 29900], ['空气炸锅 5L', 39900], ['保温杯 316不锈钢', 8900],
      ['收纳箱 三件套', 5990], ['香薰蜡烛 礼盒', 6900], ['电动牙刷', 15900], ['羽绒被 95白鹅绒', 89900],
      ['懒人沙发', 45900], ['陶瓷餐具 16件套', 19900], ['除螨仪', 29900], ['抽纸 24包', 4990],
    ]),
    variants: [['（灰色）', 1], ['（升级款）', 1.3], ['（两件装）', 1.9]],
  },
];

/**
 * Agencies (机构) of the demo: two MCNs binding talents, one shop-service agency. 星河MCN binds
 * both talents and a shop, so its view mixes host- and shop-bound rooms; two talents and two
 * shops stay unbound. `share` = fraction of the host's commission that goes to the agency.
 */
export const AGENCIES = {
  xinghe: { id: 'agency-xinghe', name: '星河MCN', share: 0.3 },
  qinghe: { id: 'agency-qinghe', name: '青禾传媒', share: 0.25 },
  yuanshan: { id: 'agency-yuanshan', name: '远山电商服务', share: 0.1 },
} as const;
export type SimAgency = (typeof AGENCIES)[keyof typeof AGENCIES];

/** talent id → its agency (talents not listed are independent) */
export const TALENT_AGENCY: Record<string, SimAgency> = {
  'talent-001': AGENCIES.xinghe, 'talent-003': AGENCIES.xinghe, 'talent-004': AGENCIES.xinghe, 'talent-007': AGENCIES.xinghe,
  'talent-002': AGENCIES.qinghe, 'talent-005': AGENCIES.qinghe, 'talent-008': AGENCIES.qinghe,
};
/** shop id → its agency */
export const SHOP_AGENCY: Record<string, SimAgency> = {
  'shop-guangyan': AGENCIES.xinghe,
  'shop-xianwei': AGENCIES.yuanshan,
};

/** The base commission rate (达人佣金率) of a shop's category; products vary around it. */
export const CATEGORY_COMMISSION: Record<string, number> = { beauty: 0.25, apparel: 0.2, food: 0.15, home: 0.12 };

/** A cart item's commission rate: the category's, ±5 points by cart position, in whole percents. */
export function commissionRateOf(category: string, index: number): number {
  const base = CATEGORY_COMMISSION[category] ?? 0.15;
  return Math.round((base + ((index % 3) - 1) * 0.05) * 100) / 100;
}

export const HOSTS = [
  { id: 'host-xiaoya', name: '小雅' }, { id: 'host-ajie', name: '阿杰' }, { id: 'host-tangtang', name: '糖糖' },
  { id: 'host-lingling', name: '玲玲' }, { id: 'host-dawei', name: '大伟' },
];

export const TALENTS = [
  { id: 'talent-001', name: '李佳佳', level: 'S', tier: 'head' as const, followers: 12_800_000, reputation: 4.9, categories: ['beauty', 'apparel'], gmv30d: 980_000_000, portrait: { gender: 'f', age: '24-30', region: '上海' } },
  { id: 'talent-002', name: '美食小王', level: 'A', tier: 'mid' as const, followers: 1_560_000, reputation: 4.7, categories: ['food'], gmv30d: 86_000_000, portrait: { gender: 'f', age: '31-40', region: '四川' } },
  { id: 'talent-003', name: '穿搭师Coco', level: 'A', tier: 'mid' as const, followers: 2_100_000, reputation: 4.8, categories: ['apparel'], gmv30d: 120_000_000, portrait: { gender: 'f', age: '18-23', region: '浙江' } },
  { id: 'talent-004', name: '辛巴巴', level: 'S', tier: 'head' as const, followers: 9_900_000, reputation: 4.6, categories: ['food', 'home'], gmv30d: 720_000_000, portrait: { gender: 'f', age: '31-40', region: '广东' } },
  { id: 'talent-005', name: '好物阿May', level: 'B', tier: 'mid' as const, followers: 680_000, reputation: 4.5, categories: ['beauty', 'home'], gmv30d: 23_000_000, portrait: { gender: 'f', age: '24-30', region: '江苏' } },
  { id: 'talent-006', name: '宝妈小林', level: 'B', tier: 'tail' as const, followers: 210_000, reputation: 4.4, categories: ['food', 'home'], gmv30d: 6_500_000, portrait: { gender: 'f', age: '31-40', region: '山东' } },
  { id: 'talent-007', name: '型男阿杰', level: 'A', tier: 'mid' as const, followers: 1_300_000, reputation: 4.6, categories: ['apparel'], gmv30d: 54_000_000, portrait: { gender: 'm', age: '24-30', region: '北京' } },
  { id: 'talent-008', name: '护肤博士', level: 'A', tier: 'mid' as const, followers: 1_900_000, reputation: 4.9, categories: ['beauty'], gmv30d: 98_000_000, portrait: { gender: 'f', age: '24-30', region: '湖北' } },
  { id: 'talent-009', name: '数码老周', level: 'B', tier: 'tail' as const, followers: 340_000, reputation: 4.5, categories: ['home'], gmv30d: 9_800_000, portrait: { gender: 'm', age: '31-40', region: '广东' } },
];

/**
 * The talent hosting a talent room (every third room: 2, 5, 8 …). Talent rooms take the
 * catalogue in turn — room 2 李佳佳 (head), 5 and 8 mid, 11 辛巴巴 (head) … — so a default
 * three-room demo already has a head-talent show and nine talent rooms cover every tier
 * (indexing by `room % 9` only ever reached the mid and tail talents 3, 6 and 9).
 */
export function talentOfRoom(roomIndex: number): (typeof TALENTS)[number] {
  return TALENTS[Math.floor(roomIndex / 3) % TALENTS.length]!;
}

/** Nicknames are a prefix + a suffix (+ sometimes digits): thousands of plausible names from two short lists. */
export const NICK_HEADS = [
  '晴天', '爱吃橘子的', '木子', '小鹿', '夏天的', '一只', '大橙子', '风吹', '桃子', '追光的', '奶茶', '北漂', '佛系',
  '喵了个', '柠檬', '南风', '吃不胖的', '早睡早起的', '浅浅', '彩虹', '森林里的', '向日葵', '豆豆', '快乐', '温柔的', '小胖',
];
export const NICK_TAILS = ['小猪', '喵', '李', '乱撞', '风', '阿花', '猫', '麦浪', '汽水', '者', '续命', '小张', '青年', '咪', '不萌', '宝妈', '酱', '鱼', 'Momo', 'Lucky'];

/** `{p}` is replaced by a product's short name, so comments mention products. */
export const PRODUCT_PHRASES = [
  '{p}还有货吗', '{p}多少钱', '求讲一下{p}', '{p}有优惠券吗', '{p}什么颜色好看', '已拍{p}！', '{p}发什么快递',
  '{p}今天什么价', '{p}和上次一样吗', '{p}能便宜点吗', '{p}几号链接', '{p}怎么选尺码', '{p}有没有赠品', '{p}回购第三次了',
];
export const PHRASES = [
  '主播好美', '上链接上链接', '包邮吗', '支持主播', '尺码怎么选', '发货快吗', '质量怎么样', '有没有赠品', '什么时候开抢',
  '已下单！', '第一次来直播间', '老粉来了', '再便宜点吧', '颜色好显白', '能退换吗', '主播声音好好听', '等了好久了',
  '有大码吗', '上次买的很好用', '回购了', '秒没了', '拼手速', '求返场', '多少钱', '身高160穿什么码', '120斤穿多大',
  '价格能再低点吗', '有运费险吗', '什么时候发货', '怎么领券', '666', '来了来了', '姐妹们冲', '福袋什么时候开',
];
/** During a flash sale the room gets loud. */
export const FLASH_PHRASES = ['抢到了！', '没抢到 求补货', '手慢了', '再上一波', '秒杀价太香了', '拼手速啦', '库存好少'];

export const REGIONS = ['广东', '浙江', '江苏', '山东', '四川', '河南', '上海', '北京', '湖北', '福建', '湖南', '河北', '安徽', '陕西', '辽宁', '重庆', '云南', '广西'];
export const REGION_WEIGHTS = [14, 11, 10, 8, 7, 7, 6, 6, 5, 5, 5, 4, 4, 3, 3, 3, 2, 2];
export const AGES = ['18-23', '24-30', '31-40', '41-50', '50+'] as const;
export const AGE_WEIGHTS = [18, 32, 28, 14, 8];

export const NATURAL = ['feed', 'video', 'plaza', 'nearby', 'follow', 'search', 'profile', 'mall', 'other'] as const;
/** The natural mix at the start of a show; it drifts over the show (see `naturalWeights`). */
export const NATURAL_WEIGHTS = [34, 18, 10, 3, 14, 7, 4, 8, 2];

export const AD_PLANS = [
  { name: '千川-直播间成交-通投', channel: 'qianchuan', budget: 5_000_00, bid: 45_00, hours: 3 },
  { name: '千川-新客拉新-定向', channel: 'qianchuan', budget: 3_000_00, bid: 38_00, hours: 2.5 },
  { name: '随心推-爆款引流', channel: 'suixintui', budget: 1_000_00, bid: 20_00, hours: 1 },
  { name: 'DOU+-短视频加热', channel: 'dou_plus', budget: 800_00, bid: 15_00, hours: 1.5 },
  { name: '品牌-开屏曝光', channel: 'brand', budget: 2_000_00, bid: 60_00, hours: 4 },
  { name: '其他-联盟推广', channel: 'paid_other', budget: 500_00, bid: 10_00, hours: 2 },
];
export const CREATIVE_TITLES = ['主播口播15s', '商品特写轮播', '直播间实时画面', '开箱测评', '限时秒杀海报', '买家秀合集'];
export const SESSION_THEMES = ['春季新品首发', '宠粉福利专场', '周年庆大促', '限时秒杀夜', '品牌日', '源头工厂直供'];
