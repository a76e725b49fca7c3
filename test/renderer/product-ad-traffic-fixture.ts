/**
 * The shows behind the product, ad and traffic browser tests, fed through the shared harness:
 * - a simulated room (electron/sim, seed 3): 14 show minutes ending now, with benchmarks, a
 *   cart that restocks, ad plans and creatives — plus a product nobody has seen yet and a plan
 *   without spend, whose rates have a zero denominator and must read "—";
 * - a quiet room: one natural fan entered, nothing else — every rate of it is "—".
 */
import { RoomShow, type SimEvent } from '../../electron/sim/show';
import type { Page } from 'playwright-core';
import { validateEvent } from '../../shared/protocol/validate';
import type { RoomView } from '../../shared/viewmodel/room';
import type { Harness } from './harness';

export const QUIET_SESSION = 'quiet-session-1';
export const QUIET_PRODUCT = 'p-unseen';
export const IDLE_PLAN = 'plan-idle';
const MINUTES = 14;

export interface ScreenShows {
  sessionId: string;
  quietSession: string;
}

function checked(e: Record<string, unknown>): Record<string, unknown> {
  const v = validateEvent(e);
  if (!v.ok) throw new Error(`fixture made an invalid ${String(e.type)}: ${v.detail}`);
  return e;
}

export async function feedScreenShows(h: Harness): Promise<ScreenShows> {
  const now = Date.now();
  const show = new RoomShow({ seed: 3, roomIndex: 0, startAt: now - MINUTES * 60_000 });
  const events: SimEvent[] = show.advanceTo(MINUTES * 60_000 - 2_000);
  const last = events[events.length - 1]!;
  const cart = [...events].reverse().find((e) => e.type === 'product.list') as SimEvent & { products: Record<string, unknown>[] };
  let seq = last.seq;
  const ts = last.ts;
  const slot = Math.max(...cart.products.map((p) => p.cartSlot as number)) + 1;
  events.push(
    checked({ seq: ++seq, ts, type: 'product.list', products: [...cart.products, { productId: QUIET_PRODUCT, title: '新品 未上架曝光', price: 19_900, category: cart.products[0]!.category, stock: 50, cartSlot: slot }] }) as SimEvent,
    checked({ seq: ++seq, ts, type: 'ad.plan', planId: IDLE_PLAN, name: '待投放计划', status: 'paused', budget: 100_000, bid: 120, channel: 'qianchuan' }) as SimEvent,
  );
  await h.send(show.sessionId, events);

  const t0 = now - 60_000;
  await h.send(QUIET_SESSION, [
    checked({
      seq: 1, ts: t0, type: 'session.start', sessionId: QUIET_SESSION, roomId: 'room-quiet', title: '安静的直播间', startedAt: t0,
      host: { id: 'h-q', name: '小安', kind: 'self' }, shop: { id: 'shop-q', name: '安静小店', category: 'food', tier: 'L1' },
    }),
    checked({ seq: 2, ts: t0 + 1_000, type: 'viewer.enter', userId: 'q1', channel: 'follow', fan: true }),
  ]);
  return { sessionId: show.sessionId, quietSession: QUIET_SESSION };
}

/** Open a screen pinned to a session and wait until it shows the engine's `metric` at the session's last event. */
export async function openScreen(h: Harness, screen: 'live' | 'product' | 'ad' | 'traffic', sessionId: string, metric: string): Promise<{ page: Page; view: RoomView }> {
  const page = await h.newPage();
  await page.goto(`${h.wall.screenUrls[screen]}?room=${sessionId}`);
  const view = await h.settle(page, h.lastSeq(sessionId), { sessionId, metric });
  // tables and bars take the view at most twice a second (renderer/src/components/pace.ts)
  await page.waitForTimeout(600);
  return { page, view };
}

/** The data-value of one column of a SortableTable, in the order shown. */
export async function tableValues(page: Page, testid: string, col: string): Promise<string[]> {
  return page.$$eval(`[data-testid="${testid}"] tbody td[data-col="${col}"]`, (tds) => tds.map((td) => td.getAttribute('data-value') ?? ''));
}

/** Numbers sorted one way, empty values ("—") last. */
export function isSorted(values: string[], dir: 'asc' | 'desc'): boolean {
  const firstEmpty = values.indexOf('');
  const filled = firstEmpty < 0 ? values : values.slice(0, firstEmpty);
  if (firstEmpty >= 0 && values.slice(firstEmpty).some((v) => v !== '')) return false;
  const nums = filled.map(Number);
  return nums.every((v, i) => i === 0 || (dir === 'desc' ? nums[i - 1]! >= v : nums[i - 1]! <= v));
}
