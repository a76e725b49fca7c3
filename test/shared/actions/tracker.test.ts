/**
 * ActionTracker: the three sources on one timeline — the stream's `action`, the actions derived
 * from price changes, ad plan changes and explanation starts, an operator's note — the stream's
 * action and the change it caused counted once, windows measured only once they passed (or at
 * the session's end, clipped), with the label.
 */
import { describe, expect, it } from 'vitest';
import { ActionTracker } from '../../../shared/actions/tracker';
import { MEASURE_LAG_MS } from '../../../shared/actions/types';
import type { StreamEvent } from '../../../shared/protocol/schemas';

const T0 = 1_800_000_000_000;
const MIN = 60_000;
let seq = 0;
const ev = (ts: number, type: string, body: Record<string, unknown> = {}) => ({ seq: ++seq, ts, type, ...body }) as unknown as StreamEvent;
const cart = (price: number) => ({ products: [{ productId: 'p1', title: '福袋款', price, category: 'food', stock: 9, cartSlot: 1 }] });
const plan = (status: string, budget: number, bid: number) => ({ planId: 'k1', name: '千川', status, budget, bid, channel: 'qianchuan' });

function tracker(): ActionTracker {
  const t = new ActionTracker();
  t.apply(ev(T0, 'session.start', { sessionId: 's', roomId: 'r', title: 'x', startedAt: T0, host: { id: 'h', name: 'h', kind: 'self' }, shop: { id: 'sh', name: 's', category: 'food', tier: 'L1' } }));
  t.apply(ev(T0, 'product.list', cart(9900)));
  t.apply(ev(T0, 'ad.plan', plan('on', 100_000, 500)));
  return t;
}

describe('ActionTracker', () => {
  it('derives price changes, ad plan changes and explanation starts; takes the stream’s actions and operator notes', () => {
    const t = tracker();
    t.apply(ev(T0 + MIN, 'product.explain', { productId: 'p1', state: 'start' }));
    t.apply(ev(T0 + 2 * MIN, 'product.list', cart(6900)));
    t.apply(ev(T0 + 3 * MIN, 'ad.plan', plan('on', 150_000, 500)));
    t.apply(ev(T0 + 4 * MIN, 'ad.plan', plan('on', 150_000, 600)));
    t.apply(ev(T0 + 5 * MIN, 'ad.plan', plan('paused', 150_000, 600)));
    t.apply(ev(T0 + 6 * MIN, 'ad.plan', plan('over_budget', 150_000, 600))); // not on before: no second pause
    t.apply(ev(T0 + 7 * MIN, 'ad.plan', plan('on', 150_000, 600)));
    t.apply(ev(T0 + 8 * MIN, 'action', { kind: 'giveaway', text: '福袋' }));
    t.apply(ev(T0 + 8 * MIN, 'product.explain', { productId: 'p1', state: 'end' }));
    t.addOperator({ ts: T0 + 9 * MIN, kind: 'note', text: '换主播' });
    expect(t.poll()).toBe(true);
    expect(t.actions().map((a) => [a.ts - T0, a.kind, a.source, a.productId ?? a.planId ?? null, a.value ?? null])).toEqual([
      [MIN, 'explain', 'derived', 'p1', null],
      [2 * MIN, 'price_change', 'derived', 'p1', 6900],
      [3 * MIN, 'ad_budget', 'derived', 'k1', 150_000],
      [4 * MIN, 'ad_bid', 'derived', 'k1', 600],
      [5 * MIN, 'ad_pause', 'derived', 'k1', null],
      [7 * MIN, 'ad_resume', 'derived', 'k1', null],
      [8 * MIN, 'giveaway', 'stream', null, null],
      [9 * MIN, 'note', 'operator', null, null],
    ]);
    expect(t.actions()[1]!.text).toBe('福袋款');
    expect(t.poll()).toBe(false); // nothing new, nothing measured
  });

  it('counts the stream’s price change and the list that shows it once, as the stream’s', () => {
    const t = tracker();
    t.apply(ev(T0 + MIN, 'action', { kind: 'price_change', productId: 'p1', value: 6900 }));
    t.apply(ev(T0 + MIN + 2_000, 'product.list', cart(6900)));
    t.apply(ev(T0 + 3 * MIN, 'product.list', cart(9900))); // restored later, on its own: derived
    t.apply(ev(T0 + 4 * MIN, 'action', { kind: 'price_change', productId: 'p1', value: 9900 })); // the stream says it 1 min later: the stream's replaces it
    expect(t.actions().map((a) => [a.ts - T0, a.source])).toEqual([[MIN, 'stream'], [4 * MIN, 'stream']]);
  });

  it('measures a window once it passed (plus the lag), with the label; at the session end what remains, clipped', () => {
    const t = tracker();
    // 1 paid order a minute before the action, 3 a minute after
    const minute = (m: number) => {
      const at = T0 + m * MIN + 30_000;
      t.apply(ev(at - 20_000, 'online', { count: 100 }));
      for (let k = 0; k < (m >= 10 ? 3 : 1); k++) {
        t.apply(ev(at, 'order.create', { orderId: `o${m}-${k}`, userId: 'u', productId: 'p1', qty: 1, amount: 1000, channel: 'feed', fan: false }));
        t.apply(ev(at + 1_000, 'order.pay', { orderId: `o${m}-${k}` }));
      }
    };
    for (let m = 0; m < 10; m++) minute(m);
    const a = t.addOperator({ ts: T0 + 10 * MIN, kind: 'giveaway', text: '福袋' })!;
    for (let m = 10; m < 15; m++) minute(m);
    t.apply(ev(T0 + 15 * MIN + MEASURE_LAG_MS - 1, 'like', { count: 1 }));
    t.poll();
    expect(a.impact.w5).toBeNull(); // not yet: 5 minutes and the lag
    expect(a.label).toBeNull();
    t.apply(ev(T0 + 15 * MIN + MEASURE_LAG_MS, 'like', { count: 1 }));
    expect(t.poll()).toBe(true);
    expect(a.impact.w5!.before.gmvPerMin).toBeCloseTo(1000, 10);
    expect(a.impact.w5!.after.gmvPerMin).toBeCloseTo(3000, 10);
    expect(a.impact.w5!.change.gmvPerMin).toBeCloseTo(2, 10);
    expect(a.impact.w5!.before.online).toBe(100);
    expect(a.label).toBe('起量');
    expect(a.impact.w15).toBeNull();
    for (let m = 15; m < 20; m++) minute(m);
    t.apply(ev(T0 + 21 * MIN, 'session.end', { endedAt: T0 + 21 * MIN }));
    t.poll();
    // the after-window clipped to [10, 21): 10 minutes at 3000 a minute, then an empty one
    expect(a.impact.w15!.after.gmvPerMin).toBeCloseTo((10 * 3000) / 11, 6);
    expect(a.impact.w15!.before.gmvPerMin).toBeCloseTo(1000, 6); // [0, 10) clipped to the start
    expect(a.label).toBe('起量');
  });
});
