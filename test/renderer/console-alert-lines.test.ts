/** Alerts fired by console rules are drawn on the trends: the markers of kind 'alert' in the window become markLine points. */
import { describe, expect, it } from 'vitest';
import { alertLines, trendPlot, type TrendLabels } from '../../renderer/src/charts/options/trend';
import type { Marker, Series } from '../../shared/viewmodel/room';

const T = 1_700_000_000_000;
const markers: Marker[] = [
  { ts: T + 5_000, kind: 'explain', ref: 'p1', label: '连衣裙', state: 'start' },
  { ts: T - 60_000, kind: 'alert', ref: 'old', label: 'before the window' },
  { ts: T + 20_000, kind: 'alert', ref: 'r1', label: '实时在线人数 1 分钟内下降 31.0%（阈值 30%，当前 690）' },
];

describe('alert markers on the trends', () => {
  it('keeps the alerts inside the window, label shortened for the chart', () => {
    const lines = alertLines(markers, T, T + 300_000);
    expect(lines).toEqual([{ xAxis: T + 20_000, name: expect.stringMatching(/^实时在线人数 1 分钟内下降/) }]);
    expect([...lines[0]!.name].length).toBeLessThanOrEqual(24);
    expect(alertLines(markers, T + 30_000, T + 300_000)).toEqual([]);
  });

  it('is drawn on every trend group', () => {
    const labels = { explain: '', names: {} } as unknown as TrendLabels;
    const keys = ['online', 'enters', 'exits', 'comments', 'likes', 'follows', 'shares', 'gmv', 'orders', 'buyers', 'adSpend', 'adGmv'] as const;
    const series = { t: [T, T + 10_000, T + 20_000] } as Series;
    for (const k of keys) (series as unknown as Record<string, number[]>)[k] = [1, 2, 3];
    for (const group of ['popularity', 'interaction', 'transactions'] as const) {
      expect(trendPlot(group, series, markers, 'recent', labels).alerts, group).toEqual([T + 20_000]);
    }
  });
});
