/**
 * What the simulated rooms are made of: shops, hosts, products, nicknames, comment phrases,
 * ad plans and the talent catalogue — realistic Chinese live-commerce content.
 */
export interface ShopProfile {
  id: string;
  name: string;
  category: string;
  tier: string;
  products: { title: string; price: number; priceBand: string }[];
}

const band = (price: number) => (price < 10000 ? '0-100' : price < 30000 ? '100-300' : price < 80000 ? '300-800' : '800+');
const items = (list: [string, number][]) => list.map(([title, price]) => ({ title, price, priceBand: band(price) }));

export const SHOPS: ShopProfile[] = [
  {
    id: 'shop-yayi', name: '雅衣旗舰店', category: 'apparel', tier: 'L4',
    products: items([
      ['真丝连衣裙 法式复古碎花', 39900], ['桑蚕丝衬衫 通勤百搭', 29900], ['羊毛针织开衫', 25900], ['高腰阔腿裤 垂感', 15900],
      ['双面羊绒大衣', 129900], ['小香风短外套', 45900], ['珍珠耳饰 礼盒装', 9900], ['真皮托特包', 59900],
      ['醋酸缎面半身裙', 19900], ['纯棉白T恤 三件装', 9900], ['羊绒围巾 双面', 23900], ['牛仔直筒裤', 17900],
      ['法式方领针织衫', 16900], ['风衣 中长款 英伦', 69900], ['丝巾 印花小方巾', 6900], ['马丁靴 厚底', 35900],
      ['羊毛西装外套', 79900], ['打底衫 德绒', 7900], ['通勤乐福鞋', 29900], ['珍珠发夹 三件套', 3900],
      ['针织背心 复古', 12900], ['冰丝防晒衫', 8900], ['羽绒马甲 轻薄', 39900], ['皮带 头层牛皮', 15900],
    ]),
  },
  {
    id: 'shop-xianwei', name: '鲜味优选', category: 'food', tier: 'L3',
    products: items([
      ['每日坚果 30袋装', 12900], ['五常大米 10斤', 6990], ['阳澄湖大闸蟹 礼券', 39900], ['云南小粒咖啡 100杯', 8900],
      ['低脂鸡胸肉 20袋', 9900], ['智利车厘子 2斤', 15900], ['手工牛轧糖 礼盒', 5900], ['螺蛳粉 6袋装', 4990],
      ['内蒙古牛肉干', 7900], ['有机纯牛奶 12盒', 6900], ['黑芝麻丸 2罐', 3990], ['冻干水果 混合装', 4900],
      ['挂耳咖啡 50包', 9900], ['燕麦片 即食 2kg', 3590], ['海南椰子水 12瓶', 5990], ['老北京酸梅汤', 2990],
    ]),
  },
  {
    id: 'shop-guangyan', name: '光妍美妆', category: 'beauty', tier: 'L5',
    products: items([
      ['玻尿酸精华 30ml', 19900], ['氨基酸洁面乳', 6900], ['防晒霜 SPF50+', 12900], ['口红 丝绒雾面 3支装', 15900],
      ['面膜 补水 20片', 9900], ['眼霜 淡纹', 25900], ['粉底液 持妆', 22900], ['卸妆油 温和', 8900],
      ['身体乳 烟酰胺', 7900], ['护手霜 礼盒', 5900], ['香水 木质调 50ml', 39900], ['眉笔 防水', 3900],
      ['素颜霜', 11900], ['化妆刷 12支', 8900], ['洗发水 无硅油', 6900], ['美容仪 射频', 129900],
    ]),
  },
];

export const HOSTS = [
  { id: 'host-xiaoya', name: '小雅' }, { id: 'host-ajie', name: '阿杰' }, { id: 'host-tangtang', name: '糖糖' },
  { id: 'host-lingling', name: '玲玲' }, { id: 'host-dawei', name: '大伟' },
];

export const TALENTS = [
  { id: 'talent-001', name: '李佳佳', level: 'S', tier: 'head' as const, followers: 12_800_000, reputation: 4.9, categories: ['beauty', 'apparel'], gmv30d: 980_000_000 },
  { id: 'talent-002', name: '美食小王', level: 'A', tier: 'mid' as const, followers: 1_560_000, reputation: 4.7, categories: ['food'], gmv30d: 86_000_000 },
  { id: 'talent-003', name: '穿搭师Coco', level: 'A', tier: 'mid' as const, followers: 2_100_000, reputation: 4.8, categories: ['apparel'], gmv30d: 120_000_000 },
  { id: 'talent-004', name: '辛巴巴', level: 'S', tier: 'head' as const, followers: 9_900_000, reputation: 4.6, categories: ['food', 'beauty'], gmv30d: 720_000_000 },
  { id: 'talent-005', name: '好物阿May', level: 'B', tier: 'mid' as const, followers: 680_000, reputation: 4.5, categories: ['beauty', 'food'], gmv30d: 23_000_000 },
  { id: 'talent-006', name: '宝妈小林', level: 'B', tier: 'tail' as const, followers: 210_000, reputation: 4.4, categories: ['food'], gmv30d: 6_500_000 },
  { id: 'talent-007', name: '型男阿杰', level: 'A', tier: 'mid' as const, followers: 1_300_000, reputation: 4.6, categories: ['apparel'], gmv30d: 54_000_000 },
  { id: 'talent-008', name: '护肤博士', level: 'A', tier: 'mid' as const, followers: 1_900_000, reputation: 4.9, categories: ['beauty'], gmv30d: 98_000_000 },
];

export const NICKNAMES = [
  '晴天小猪', '爱吃橘子', '木子李', '小鹿乱撞', 'Momo', '夏天的风', '阿花', '一只喵', '大橙子', '糖糖', '风吹麦浪', '桃子汽水',
  '追光者', '奶茶续命', '北漂小张', '佛系青年', '喵了个咪', '柠檬不萌', '南风知我意', '小确幸', '吃不胖的猫', '早睡早起',
  'Lucky', '浅浅', '阿布', '彩虹糖', '栗子', '森林里的鹿', '向日葵', '豆豆妈',
];

/** `{p}` is replaced by a product's short name, so comments mention products. */
export const PHRASES = [
  '{p}还有货吗', '{p}多少钱', '求讲一下{p}', '{p}有优惠券吗', '{p}什么颜色好看', '已拍{p}！', '{p}发什么快递',
  '主播好美', '上链接上链接', '包邮吗', '支持主播', '尺码怎么选', '发货快吗', '质量怎么样', '有没有赠品', '什么时候开抢',
  '已下单！', '第一次来直播间', '老粉来了', '再便宜点吧', '颜色好显白', '能退换吗', '主播声音好好听', '等了好久了',
  '有大码吗', '上次买的很好用', '回购了', '秒没了', '拼手速', '求返场',
];

export const REGIONS = ['广东', '浙江', '江苏', '山东', '四川', '河南', '上海', '北京', '湖北', '福建', '湖南', '河北', '安徽', '陕西', '辽宁'];
export const REGION_WEIGHTS = [14, 11, 10, 8, 7, 7, 6, 6, 5, 5, 5, 4, 4, 3, 3];
export const AGES = ['18-23', '24-30', '31-40', '41-50', '50+'] as const;
export const AGE_WEIGHTS = [18, 32, 28, 14, 8];

export const NATURAL = ['feed', 'video', 'plaza', 'nearby', 'follow', 'search', 'profile', 'mall', 'other'];
export const NATURAL_WEIGHTS = [34, 18, 10, 3, 14, 7, 4, 8, 2];
export const PAID = ['qianchuan', 'suixintui', 'dou_plus', 'brand', 'paid_other'];
export const PAID_WEIGHTS = [55, 20, 15, 6, 4];

export const AD_PLANS = [
  { name: '千川-直播间成交-通投', channel: 'qianchuan', budget: 5_000_00, bid: 45_00 },
  { name: '千川-新客拉新-定向', channel: 'qianchuan', budget: 3_000_00, bid: 38_00 },
  { name: '随心推-爆款引流', channel: 'suixintui', budget: 1_000_00, bid: 20_00 },
  { name: 'DOU+-短视频加热', channel: 'dou_plus', budget: 800_00, bid: 15_00 },
  { name: '品牌-开屏曝光', channel: 'brand', budget: 2_000_00, bid: 60_00 },
];
export const CREATIVE_TITLES = ['主播口播15s', '商品特写轮播', '直播间实时画面', '开箱测评', '限时秒杀海报', '买家秀合集'];
