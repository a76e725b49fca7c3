/** The traffic and ad screens' derived figures by hand: entries vs exits per minute, paid channels beside the natural sum. */
import { describe, expect, it } from 'vitest';
import { paidTrafficRows } from '../../renderer/src/screens/ad/traffic-rows';
import { flowRates } from '../../renderer/src/screens/traffic/flow';
import type { ChannelRow } from '../../shared/viewmodel/room';

const ch = (channel: ChannelRow['channel'], paid: boolean, enters: number, extra: Partial<ChannelRow> = {}): ChannelRow => ({
  channel, paid, enters, uv: enters, share: null, orders: 0, gmv: 0, buyers: 0, exposureUsers: 0, clickUsers: 0, orderUsers: 0, ...extra,
});

describe('traffic figures', () => {
  it('entries and exits per minute over the recent window; exits ÷ entries', () => {
    // 30 buckets of 10 s = 5 minutes: 150 entries, 100 exits
    const recent = { t: Array.from({ length: 30 }, (_, i) => i * 10_000), enters: Array(30).fill(5), exits: Array(30).fill(0).map((_, i) => (i < 20 ? 5 : 0)) };
    expect(flowRates(recent)).toEqual({ enterRate: 30, exitRate: 20, netRate: 10, exitRatio: 100 / 150 });
    expect(flowRates({ t: [0], enters: [0], exits: [3] })).toEqual({ enterRate: 0, exitRate: 18, netRate: -18, exitRatio: null });
    expect(flowRates(null)).toEqual({ enterRate: null, exitRate: null, netRate: null, exitRatio: null });
  });

  it('each paid channel with entries, then the natural channels summed', () => {
    const rows = paidTrafficRows([
      ch('feed', false, 600, { gmv: 30_000, clickUsers: 60 }),
      ch('follow', false, 200, { gmv: 10_000, clickUsers: 40 }),
      ch('qianchuan', true, 200, { gmv: 8_000, clickUsers: 10, orders: 2 }),
      ch('dou_plus', true, 0),
    ]);
    expect(rows.map((r) => r.key)).toEqual(['qianchuan', 'natural']);
    expect(rows[0]).toMatchObject({ enters: 200, share: 0.2, gmv: 8_000, orders: 2, clickRate: 0.05, gpm: 40_000 });
    expect(rows[1]).toMatchObject({ enters: 800, share: 0.8, gmv: 40_000, uv: 800, clickRate: 0.125, gpm: 50_000 });
    expect(paidTrafficRows([])).toEqual([{ key: 'natural', channel: 'natural', paid: false, enters: 0, share: null, uv: 0, clickUsers: 0, orders: 0, gmv: 0, buyers: 0, clickRate: null, gpm: null }]);
  });
});
