/**
 * UI strings of the overview wall (#/overview) and the roll-up page (#/rollup), merged into the
 * i18n messages under their own top-level keys (i18n/zh-CN.ts and en.ts spread them in).
 */
export const OVERVIEW_ZH = {
  overview: {
    total: '合计',
    rooms: '直播间',
    roomsCount: '{n} 个直播间',
    sortBy: '排序',
    page: '第 {page}/{pages} 页',
    empty: '暂无直播间',
    emptyRole: {
      shop: '没有找到商家「{id}」的直播间（未知的商家，或近 30 分钟没有直播）',
      talent: '没有找到达人「{id}」的直播间（未知的达人，或近 30 分钟没有直播）',
      agency: '没有找到机构「{id}」的直播间（未知的机构，或近 30 分钟没有直播）',
    },
    role: { all: '全部直播间', shop: '商家', talent: '达人', agency: '机构' },
    state: { live: '直播中', paused: '暂停', ended: '已下播' },
    alert: '预警',
    gmvChange: '5分钟变化',
    sparkline: '近30分钟在线',
    open: { live: '直播', product: '商品', ad: '广告', traffic: '流量' },
    openHint: '打开固定到该直播间的大屏',
    noMeta: '未提供主播/店铺信息',
  },
  rollupPage: {
    title: '明细',
    by: { room: '按直播间', shop: '按店铺', talent: '按达人', agency: '按机构' },
    keyCol: { room: '直播间', shop: '店铺', talent: '达人', agency: '机构' },
    start: '开始日期',
    end: '结束日期',
    empty: '范围内没有场次',
    loading: '加载中…',
    failed: '加载失败：{error}',
    col: {
      key: 'ID', name: '名称', sessions: '场次', liveSeconds: '直播时长', gmv: '成交金额', orders: '成交订单', buyers: '成交人数',
      uv: '观看人数', newFollowers: '新增粉丝', commission: '佣金', agencyShare: '机构分成',
    },
  },
};

export const OVERVIEW_EN: typeof OVERVIEW_ZH = {
  overview: {
    total: 'Total',
    rooms: 'Rooms',
    roomsCount: '{n} rooms',
    sortBy: 'Sort',
    page: 'Page {page}/{pages}',
    empty: 'No rooms',
    emptyRole: {
      shop: 'No rooms of shop “{id}” (an unknown shop, or none live in the last 30 minutes)',
      talent: 'No rooms of talent “{id}” (an unknown talent, or none live in the last 30 minutes)',
      agency: 'No rooms of agency “{id}” (an unknown agency, or none live in the last 30 minutes)',
    },
    role: { all: 'All rooms', shop: 'Shop', talent: 'Talent', agency: 'Agency' },
    state: { live: 'Live', paused: 'Paused', ended: 'Ended' },
    alert: 'Alert',
    gmvChange: '5-min change',
    sparkline: 'Online, last 30 min',
    open: { live: 'Live', product: 'Product', ad: 'Ads', traffic: 'Traffic' },
    openHint: 'Open a big screen pinned to this room',
    noMeta: 'No host or shop information',
  },
  rollupPage: {
    title: 'Roll-ups',
    by: { room: 'By room', shop: 'By shop', talent: 'By talent', agency: 'By agency' },
    keyCol: { room: 'Room', shop: 'Shop', talent: 'Talent', agency: 'Agency' },
    start: 'From',
    end: 'To',
    empty: 'No sessions in the range',
    loading: 'Loading…',
    failed: 'Could not load: {error}',
    col: {
      key: 'ID', name: 'Name', sessions: 'Sessions', liveSeconds: 'Live time', gmv: 'GMV', orders: 'Paid orders', buyers: 'Buyers',
      uv: 'UV', newFollowers: 'New followers', commission: 'Commission', agencyShare: 'Agency share',
    },
  },
};
