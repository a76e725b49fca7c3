/**
 * The review's comparison (previous session, median of the last N, relative changes), its
 * channels and portraits, and each findings rule — on hand-worked figures, in both languages.
 */
import { describe, expect, it } from 'vitest';
import { reviewChannels, reviewPortraits } from '../../../shared/review/audience';
import { compareSession, median, relativeChange } from '../../../shared/review/compare';
import { findings, type FindingsInput } from '../../../shared/review/findings';
import { REVIEW_METRICS } from '../../../shared/review/metrics';
import type { ReviewFigures, ReviewMinute } from '../../../shared/review/types';
import type { ChannelRow, PortraitCounts } from '../../../shared/viewmodel/room';

const figs = (over: Partial<ReviewFigures>): ReviewFigures => ({ ...(Object.fromEntries(REVIEW_METRICS.map((m) => [m, null])) as ReviewFigures), ...over });

describe('comparison', () => {
  it('median of odd and even counts; relative change null without a reference or for 0', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(relativeChange(150, 100)).toBe(0.5);
    expect(relativeChange(50, 100)).toBe(-0.5);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(null, 3)).toBeNull();
    expect(relativeChange(3, null)).toBeNull();
  });

  it('previous = the newest past session; median over the first N; a figure missing somewhere is left out of its median', () => {
    const past = [
      { sessionId: 'c', figures: figs({ gmv: 1000, gpm: null, ad_spend: 300 }) },
      { sessionId: 'b', figures: figs({ gmv: 3000, gpm: 20, ad_spend: 100 }) },
      { sessionId: 'a', figures: figs({ gmv: 2000, gpm: 40, ad_spend: 200 }) },
      { sessionId: 'z', figures: figs({ gmv: 9e9 }) }, // beyond N = 3
    ];
    const c = compareSession(figs({ gmv: 1500, gpm: 30, ad_spend: 100 }), past, 3, false);
    expect(c.previous?.sessionId).toBe('c');
    expect(c.median.sessions).toEqual(['c', 'b', 'a']);
    expect(c.median.figures.gmv).toBe(2000);
    expect(c.median.figures.gpm).toBe(30); // (20 + 40) / 2: c has none
    expect(c.deltas.gmv).toEqual({ previous: 0.5, median: -0.25 });
    expect(c.deltas.gpm).toEqual({ previous: null, median: 0 });
    expect(c.deltas.ad_spend).toEqual({ previous: (100 - 300) / 300, median: -0.5 });
    expect(c.deltas.uv).toEqual({ previous: null, median: null });
  });

  it('a live session is compared with nothing', () => {
    const c = compareSession(figs({ gmv: 1 }), [{ sessionId: 'a', figures: figs({ gmv: 2 }) }], 7, true);
    expect(c.previous).toBeNull();
    expect(c.median.sessions).toEqual([]);
    expect(Object.values(c.deltas).every((d) => d.previous === null && d.median === null)).toBe(true);
  });
});

describe('channels and portraits', () => {
  const row = (channel: ChannelRow['channel'], enters: number, gmv: number, buyers: number): ChannelRow => ({ channel, paid: channel === 'qianchuan', enters, uv: enters, share: null, orders: buyers, gmv, buyers, exposureUsers: 0, clickUsers: 0, orderUsers: 0 });
  it('per channel: entries, PV share, buyers, GMV, GMV share, GPM; channels with nothing left out', () => {
    const rows = reviewChannels([row('feed', 300, 10_000, 2), row('qianchuan', 100, 30_000, 3), row('mall', 0, 0, 0)]);
    expect(rows).toEqual([
      { channel: 'feed', entries: 300, pvShare: 0.75, buyers: 2, gmv: 10_000, gmvShare: 0.25, gpm: (10_000 / 300) * 1000 },
      { channel: 'qianchuan', entries: 100, pvShare: 0.25, buyers: 3, gmv: 30_000, gmvShare: 0.75, gpm: 300_000 },
    ]);
  });
  it('watched but did not buy = watchers − buyers per bucket, never below 0', () => {
    const p = (m: number, f: number, fan: number, nonfan: number, region: Record<string, number>): PortraitCounts => ({
      gender: { m, f, unknown: 0 }, age: { '18-23': m }, region, fan: { fan, nonfan }, returning: { new: m + f, returning: 0, unknown: 0 },
    });
    const r = reviewPortraits(p(10, 20, 5, 25, { 广东: 30 }), p(2, 8, 4, 6, { 广东: 9, unknown: 1 }));
    expect(r.nonBuyers).toEqual({ gender: { m: 8, f: 12, unknown: 0 }, age: { '18-23': 8 }, region: { 广东: 21, unknown: 0 }, fan: { fan: 1, nonfan: 19 }, returning: { new: 20, returning: 0, unknown: 0 } });
  });
});

describe('findings', () => {
  const T0 = 1_700_000_000_000;
  const minute = (m: number, online: number): ReviewMinute => ({ minute: m, online, entries: 0, exits: 0, comments: 0, likes: 0, orders: 0, gmv: 0, clicks: 0 });
  const base = (over: Partial<FindingsInput> = {}): FindingsInput => {
    const figures = figs({ gmv: 50_000, uv: 900, gpm: 1000, ad_spend: 2000, buyers: 100 });
    const past = [1, 2, 3].map((i) => ({ sessionId: `p${i}`, figures: figs({ gmv: 100_000, uv: 1000, gpm: 1000, ad_spend: 1000, buyers: 80 }) }));
    return {
      startedAt: T0,
      effectiveEnd: T0 + 12 * 60_000,
      live: false,
      figures,
      compare: compareSession(figures, past, 3, false),
      // online 100 for 6 minutes, then 60 (≤ 70 % of the 5 before), 50, back to 100, then 65
      minutes: [100, 100, 100, 100, 100, 100, 60, 50, 100, 100, 100, 65].map((o, i) => minute(i, o)),
      explanations: [
        { productId: 'a', start: T0 + 60_000, end: T0 + 5 * 60_000, durationSec: 240, clicks: 20, clickUsers: 10, orders: 1, gmv: 100, avgOnline: 100 },
        { productId: 'b', start: T0 + 5 * 60_000, end: T0 + 9 * 60_000, durationSec: 240, clicks: 20, clickUsers: 8, orders: 4, gmv: 400, avgOnline: 90 },
        { productId: 'c', start: T0 + 9 * 60_000, end: T0 + 10 * 60_000, durationSec: 60, clicks: 4, clickUsers: 4, orders: 4, gmv: 400, avgOnline: 100 },
      ],
      pauses: [{ start: T0 + 11 * 60_000, end: T0 + 12 * 60_000 }],
      titles: { a: '坚果', b: '车厘子' },
      lang: 'zh-CN',
      ...over,
    };
  };

  it('the three figures furthest below the median (ad spend: lower is better), best and worst explanation, online drops with what was on screen', () => {
    const f = findings(base());
    expect(f.map((x) => [x.rule, x.metric ?? x.minute])).toEqual([
      // gmv −50 %, ad_spend +100 % (worse), uv −10 %; buyers +25 % and gpm 0 % are not worse
      ['below_median', 'ad_spend'],
      ['below_median', 'gmv'],
      ['below_median', 'uv'],
      // c has 4 < 5 click users: not eligible; b converts 50 %, a 10 %
      ['best_explanation', 5],
      ['worst_explanation', 1],
      // minute 6 (60 ≤ 70) starts a run, minute 7 continues it; minute 11 (65) during the pause
      ['online_drop', 6],
      ['online_drop', 11],
    ]);
    expect(f[0]!.message).toBe('消耗 ¥20.00，比近 3 场中位数 ¥10.00 高 100.0%（越低越好）');
    expect(f[1]!.message).toBe('成交金额 ¥500.00，比近 3 场中位数 ¥1,000.00 低 50.0%');
    expect(f[3]!.message).toBe('点击→成交转化最好的讲解：「车厘子」（5:00–9:00）50.0%，4 单 / 8 人点击');
    expect(f[5]!.message).toBe('开播后 6:00 在线从 100 降到 60（-40.0%，5 分钟内）；当时在讲解「车厘子」');
    expect(f[6]!.message).toBe('开播后 11:00 在线从 100 降到 65（-35.0%，5 分钟内）；当时直播暂停中');
  });

  it('English, one language per message', () => {
    const f = findings(base({ lang: 'en' }));
    expect(f[1]!.message).toBe('GMV ¥500.00, 50.0% below the median of the last 3 sessions (¥1,000.00)');
    expect(f[4]!.message).toBe('Worst click → order conversion: “坚果” (1:00–5:00) 10.0%, 1 orders / 10 click users');
    expect(f[6]!.message).toBe('At 11:00 into the show online fell from 100 to 65 (-35.0% within 5 minutes); on screen: the stream was paused');
    for (const x of f) expect(x.message.replace(/“[^”]*”/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
    for (const x of findings(base())) expect(x.message.replace(/「[^」]*」/g, '')).not.toMatch(/\b[a-z]{4,}\b/);
  });

  it('a live session: a `live` finding and no comparison findings', () => {
    const f = findings(base({ live: true }));
    expect(f[0]!.rule).toBe('live');
    expect(f.some((x) => x.rule === 'below_median')).toBe(false);
  });

  it('fewer than two eligible explanations, a small room: no explanation or drop finding', () => {
    const f = findings(base({ explanations: base().explanations.slice(0, 1), minutes: [9, 9, 2, 2].map((o, i) => minute(i, o)) }));
    expect(f.map((x) => x.rule)).toEqual(['below_median', 'below_median', 'below_median']);
  });
});
