/**
 * A three-minute session worked by hand (the numbers in the comments are the expected
 * review), shared by the review's unit tests: derived then platform online with an event out
 * of order, two explanation segments (a repeated start and a stray end ignored), a cancelled
 * order paid afterwards (not counted), an order created after the end (last minute), a pause.
 */
import type { StreamEvent } from '../../../shared/protocol/schemas';

export const T0 = Date.UTC(2024, 4, 10, 2, 0, 0);
const s = (sec: number) => T0 + sec * 1000;

const rows: [number, string, Record<string, unknown>][] = [
  [0, 'session.start', { sessionId: 'S', roomId: 'R', title: 'hand', startedAt: T0, host: { id: 'h', name: 'H', kind: 'self' }, shop: { id: 'shop', name: 'Shop', category: 'food', tier: 'L3' } }],
  [0, 'product.list', { products: [{ productId: 'p1', title: '坚果', price: 1000, category: 'food', stock: 10, cartSlot: 1 }, { productId: 'p2', title: '车厘子', price: 2500, category: 'food', stock: 10, cartSlot: 2 }] }],
  [10, 'viewer.enter', { userId: 'u1', channel: 'feed', fan: false, gender: 'f' }], // derived online 1
  [20, 'viewer.enter', { userId: 'u2', channel: 'qianchuan', fan: true, gender: 'm' }], // 2
  [30, 'online', { count: 10 }], // the platform figure from now on
  [40, 'viewer.enter', { userId: 'u3', channel: 'feed', fan: false }],
  [50, 'product.explain', { productId: 'p1', state: 'start' }], // p1 [50, 100)
  [55, 'product.click', { userId: 'u1', productId: 'p1' }],
  [65, 'product.click', { userId: 'u1', productId: 'p1' }],
  [70, 'product.click', { userId: 'u2', productId: 'p1' }],
  [70, 'order.create', { orderId: 'o1', userId: 'u1', productId: 'p1', qty: 1, amount: 1000, channel: 'feed', fan: false }],
  [72, 'order.pay', { orderId: 'o1' }],
  [80, 'order.create', { orderId: 'o2', userId: 'u2', productId: 'p1', qty: 1, amount: 2000, channel: 'qianchuan', fan: true }],
  [81, 'order.cancel', { orderId: 'o2' }],
  [82, 'order.pay', { orderId: 'o2' }], // after the cancel: ignored
  [90, 'online', { count: 20 }],
  [100, 'product.explain', { productId: 'p2', state: 'start' }], // ends p1; p2 [100, 180)
  [105, 'product.explain', { productId: 'p2', state: 'start' }], // already explained: ignored
  [110, 'product.click', { userId: 'u3', productId: 'p2' }],
  [125, 'order.create', { orderId: 'o3', userId: 'u3', productId: 'p2', qty: 1, amount: 2500, channel: 'feed', fan: false }],
  [126, 'order.pay', { orderId: 'o3' }],
  [130, 'product.explain', { productId: 'p1', state: 'end' }], // p1 is not explained: ignored
  [140, 'stream.state', { state: 'paused' }], // pause [140, 150)
  [150, 'stream.state', { state: 'live' }],
  [160, 'comment', { userId: 'u1', nickname: 'n1', text: '好吃' }],
  [170, 'like', { userId: 'u1', count: 5 }],
  [175, 'viewer.leave', { userId: 'u2' }],
  [85, 'online', { count: 12 }], // arrives late: in force from 85 s
  [180, 'session.end', { endedAt: s(180) }],
  [200, 'order.create', { orderId: 'o4', userId: 'u1', productId: 'p2', qty: 2, amount: 500, channel: 'feed', fan: false }], // after the end: last minute
  [201, 'order.pay', { orderId: 'o4' }],
];

export const HAND_EVENTS: StreamEvent[] = rows.map(([sec, type, body], i) => ({ seq: i + 1, ts: s(sec), type, ...body }) as StreamEvent);
export const at = s;
