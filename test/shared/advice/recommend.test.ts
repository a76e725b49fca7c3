/** The recommendation ranking on a hand-worked cart (points in shared/advice/recommend.ts). */
import { describe, expect, it } from 'vitest';
import { recommendProducts } from '../../../shared/advice';
import { MIN, NOW, row } from './rows';

// Σ click users 80, Σ buyers 20 → the cart converts 0.25
const cart = () => [
  row('r1', { cartSlot: 1, clicksLast5m: 12, clicksPrev5m: 6, stock: 100, initialStock: 200 }), // rising +3, stock 50% +1 = 4
  row('r2', { cartSlot: 2, commentMentions: 5, stock: 30, initialStock: 200 }), // mentions +2 = 2
  row('r3', { cartSlot: 3, clickUsers: 20, buyers: 8, lastExplainStart: NOW - 25 * MIN, lastExplainEnd: NOW - 15 * MIN, stock: 150, initialStock: 200 }), // converts 0.4, 15 min ago +2, stock +1 = 3
  row('r4', { cartSlot: 4, explaining: true, clicksLast5m: 30, clickUsers: 40, buyers: 4 }), // being explained: never
  row('r5', { cartSlot: 5, stock: 0, commentMentions: 9 }), // sold out: never
  row('r6', { cartSlot: 6, stock: 200, initialStock: 200 }), // only stock: not a reason
  row('r7', { cartSlot: 7, clicksLast5m: 6, clicksPrev5m: 0, stock: 10, initialStock: 200 }), // rising +3, stock 5% −2 = 1
  row('r8', { cartSlot: 8, clickUsers: 20, buyers: 8, lastExplainEnd: NOW - 5 * MIN, commentMentions: 3, clicksLast5m: 2, stock: 120, initialStock: 200 }), // explained 5 min ago: mentions +2, stock +1 = 3
];

describe('product recommendation', () => {
  it('ranks by points, then clicks in the last 5 minutes, then cart slot', () => {
    const recs = recommendProducts(cart(), NOW, 10);
    expect(recs.map((r) => [r.productId, r.score])).toEqual([['r1', 4], ['r8', 3], ['r3', 3], ['r2', 2], ['r7', 1]]);
    expect(recommendProducts(cart(), NOW).map((r) => r.productId)).toEqual(['r1', 'r8', 'r3']);
  });

  it('gives the reasons as message ids with parameters', () => {
    const recs = Object.fromEntries(recommendProducts(cart(), NOW, 10).map((r) => [r.productId, r.reasons]));
    expect(recs.r1).toEqual([
      { id: 'advice.rec.rising', params: { last: { kind: 'count', value: 12 }, prev: { kind: 'count', value: 6 } } },
      { id: 'advice.rec.stockAmple', params: { stock: { kind: 'count', value: 100 } } },
    ]);
    expect(recs.r3![0]).toEqual({ id: 'advice.rec.convertsNotRecent', params: { rate: { kind: 'rate', value: 0.4 }, minutes: { kind: 'minutes', value: 15 } } });
    expect(recs.r7!.map((m) => m.id)).toEqual(['advice.rec.rising', 'advice.rec.stockLow']);
  });

  it('a product never explained that converts best says so; rising needs 1.5× the 5 minutes before', () => {
    const recs = recommendProducts([row('n', { clickUsers: 10, buyers: 5 }), row('m', { clickUsers: 10, buyers: 1, clicksLast5m: 8, clicksPrev5m: 6 })], NOW);
    expect(recs.map((r) => r.productId)).toEqual(['n']);
    expect(recs[0]!.reasons[0]!.id).toBe('advice.rec.convertsNever');
  });

  it('nothing to recommend in an empty or quiet cart', () => {
    expect(recommendProducts([], NOW)).toEqual([]);
    expect(recommendProducts([row('q', { stock: 150 })], NOW)).toEqual([]);
  });
});
