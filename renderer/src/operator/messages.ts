/**
 * UI strings of the operator's tools (issue 15): ghost curves, actions and their impact, notes
 * (场记), the budget guard — merged into the i18n messages under their own top-level keys.
 */
export const OPERATOR_ZH = {
  ghost: {
    previous: '上场',
    median: '近{n}场中位',
    medianShort: '中位',
    vsPrevious: '{metric} {gap} vs 上场 同时段',
    vsMedian: '近{n}场中位 {gap}',
    none: '无往场记录，暂无对比',
    metric: { online: '在线', gmv: '成交', enters: '进入' },
    tip: '上场：同一直播间上一场在相同开播分钟的值；中位：近{n}场在该分钟的中位数',
  },
};

export const OPERATOR_EN: typeof OPERATOR_ZH = {
  ghost: {
    previous: 'last show',
    median: 'median of {n}',
    medianShort: 'median',
    vsPrevious: '{metric} {gap} vs last show, same minute',
    vsMedian: 'median of {n} {gap}',
    none: 'No earlier show of this room to compare with',
    metric: { online: 'Online', gmv: 'GMV', enters: 'Entries' },
    tip: 'Last show: this room’s previous show at the same minute since it started; median: the median of its last {n} shows at that minute',
  },
};
