/**
 * The 抖店 push input through a real HTTP client, with a local HTTP server playing the
 * order-detail API: the signature on the raw bytes, both message variants, duplicates by msg_id,
 * every mapped tag in the order's room's session, arbitration once per order and `self` after
 * it, unknown tags and unroutable orders kept in the log, and an API failure answered so that
 * the platform pushes again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../electron/relay/config';
import { startRelay, type Relay } from '../../../electron/relay/relay';
import { readSpoolEvents, recentSpoolLog } from '../../../electron/store/spool/spool';
import { tempDb } from '../../integration/helpers';
import { ndjson, sessionStart } from './fixtures';
import {
  BROADCAST, data, DOUDIAN, expectedDetailSign, orderDetail, PARENT, pushed, pushedObject, signedPush, SKU_A, SKU_B, startFakeApi, type FakeApi,
} from './platform-fixtures';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

type Ev = { seq: number; type: string } & Record<string, unknown>;

async function setup(): Promise<{ r: Relay; api: FakeApi; post: (body: string, sign?: string) => Promise<{ status: number; body: unknown }>; events: () => Ev[] }> {
  let detailFails = false;
  const api = await startFakeApi((path, q) => {
    if (path !== '/order/orderDetail') return [404, '{}'];
    if (detailFails) return [200, '{"code":50002,"msg":"业务处理失败","sub_code":"isp.service-error","sub_msg":"服务繁忙"}'];
    const parent = (JSON.parse(api.requests.at(-1)!.body) as { shop_order_id: string }).shop_order_id;
    if (parent === PARENT) return [200, orderDetail(PARENT, [{ id: SKU_A, product: '3600000000000000001', qty: 2, pay: 9900, room: BROADCAST }, { id: SKU_B, product: '3600000000000000002', qty: 1, pay: 7900, room: BROADCAST }])];
    if (parent === '6920000000000000200') return [200, orderDetail(parent, [{ id: '6920000000000000201', product: '36', qty: 1, pay: 100, room: BROADCAST }])];
    if (parent === '6920000000000000300') return [200, orderDetail(parent, [{ id: '6920000000000000301', product: '37', qty: 1, pay: 100, room: '7400000000000009999' }, { id: '6920000000000000302', product: '38', qty: 1, pay: 100, room: '' }])];
    return [200, '{"code":30001,"msg":"订单不存在"}'];
  });
  (api as FakeApi & { fail: (v: boolean) => void }).fail = (v) => (detailFails = v);
  closers.push(() => api.close());
  const r = await startRelay({
    db: tempDb('spool.db'), inputs: [{ kind: 'http' }, { kind: 'doudian' }],
    env: { LUOPAN_DOUDIAN_APP_KEY: DOUDIAN.appKey, LUOPAN_DOUDIAN_APP_SECRET: DOUDIAN.appSecret, LUOPAN_DOUDIAN_ACCESS_TOKEN: DOUDIAN.accessToken },
    config: parseConfig({ doudian: { baseUrl: api.url, qualityReasonCodes: [3] } }),
  });
  closers.push(() => r.close());
  // the room's session, started by a feed whose session.start names the broadcast as its room
  expect((await fetch(`${r.url}/events`, { method: 'POST', body: ndjson('s1', [sessionStart('s1', BROADCAST)]) })).status).toBe(200);
  const post = async (body: string, sign?: string) => {
    const res = await fetch(`${r.url}/doudian`, signedPush(body, sign));
    return { status: res.status, body: await res.json() };
  };
  return { r, api, post, events: () => readSpoolEvents(r.db, 's1', 0, 10_000).map((e) => JSON.parse(e.body) as Ev) };
}

describe('luopan relay: 抖店 push', () => {
  it('refuses a bad signature before parsing, and maps orders into the session of their room', async () => {
    const { r, api, post, events } = await setup();
    const created = `[${pushed(100, 'm1', data.created())}]`;
    expect(await post(created, 'f'.repeat(32))).toEqual({ status: 401, body: { code: 1, msg: 'invalid signature' } });
    expect(await post('not json', 'f'.repeat(32))).toMatchObject({ status: 401 }); // refused on the bytes, not parsed
    expect(api.requests).toHaveLength(0);

    expect(await post(created)).toEqual({ status: 200, body: { code: 0, msg: 'success' } });
    const detailCall = api.requests[0]!;
    expect(detailCall.query.get('method')).toBe('order.orderDetail');
    expect(detailCall.query.get('access_token')).toBe(DOUDIAN.accessToken);
    expect(detailCall.query.get('sign')).toBe(expectedDetailSign(detailCall.query, detailCall.body));
    expect(JSON.parse(detailCall.body)).toEqual({ shop_order_id: PARENT });
    expect(events().slice(1)).toEqual([
      { seq: 2, ts: 1775044800000, type: 'order.create', orderId: SKU_A, userId: '1@#buyer-open-id', productId: '3600000000000000001', qty: 2, amount: 9900, channel: 'other', fan: false },
      { seq: 3, ts: 1775044800000, type: 'order.create', orderId: SKU_B, userId: '1@#buyer-open-id', productId: '3600000000000000002', qty: 1, amount: 7900, channel: 'other', fan: false },
    ]);

    // the platform pushes the same message again: counted once
    expect(await post(created)).toMatchObject({ status: 200 });
    expect(events()).toHaveLength(3);
    expect(r.status().inputs.find((i) => i.name === 'doudian')).toMatchObject({ duplicates: 1 });

    // the other variant (msgId, data as an object), a tag the relay does not map, and a ship of one sku
    expect(await post(`[${pushedObject(101, 'm2', data.paid())},${pushed(102, 'm3', data.shipped(SKU_A))},${pushed(105, 'm4', data.addressChanged())}]`)).toMatchObject({ status: 200, body: { code: 0 } });
    expect(events().slice(3).map((e) => [e.type, e.orderId])).toEqual([['order.pay', SKU_A], ['order.pay', SKU_B], ['order.ship', SKU_A]]);
    expect(recentSpoolLog(r.db, 10).map((l) => l.kind)).toContain('unmapped_tag');

    // after-sale: A goes to arbitration (one dispute for two arbitration messages), then is refunded; B closes by itself
    const after = [
      pushed(200, 'm5', data.refundAsked(SKU_A, 0, 3)), pushed(212, 'm6', data.arbitration(SKU_A)), pushed(217, 'm7', data.arbitration(SKU_A)),
      pushed(206, 'm8', data.refunded(SKU_A)), pushed(200, 'm9', data.refundAsked(SKU_B, 1, 9)), pushed(207, 'm10', data.closed(SKU_B)), pushed(103, 'm11', data.received()),
    ];
    expect(await post(`[${after.join(',')}]`)).toMatchObject({ status: 200 });
    expect(events().slice(6).map(({ seq: _s, ts: _t, ...e }) => e)).toEqual([
      { type: 'aftersale.open', orderId: SKU_A, kind: 'return_refund', reason: 'quality' },
      { type: 'dispute', orderId: SKU_A },
      { type: 'aftersale.close', orderId: SKU_A, self: false },
      { type: 'aftersale.open', orderId: SKU_B, kind: 'refund_only', reason: 'other' },
      { type: 'aftersale.close', orderId: SKU_B, self: true },
      { type: 'order.deliver', orderId: SKU_A },
      { type: 'order.deliver', orderId: SKU_B },
    ]);
  });

  it('answers so the platform pushes again when the order detail cannot be had, and keeps unroutable orders in the log', async () => {
    const { r, api, post, events } = await setup();
    const fail = (api as FakeApi & { fail: (v: boolean) => void }).fail;
    fail(true);
    const p2 = `[${pushed(100, 'n1', data.created('6920000000000000200'))}]`;
    expect(await post(p2)).toEqual({ status: 500, body: { code: 1, msg: 'fail' } });
    expect(events()).toHaveLength(1);
    expect(r.status().inputs.find((i) => i.name === 'doudian')!.rejected).toMatchObject({ api_error: 1 });
    fail(false);
    expect(await post(p2)).toMatchObject({ status: 200 }); // the same msg_id: not marked handled the first time
    expect(events().map((e) => e.type)).toEqual(['session.start', 'order.create']);
    // a cancel of an order the relay has not seen created: looked up, created, then cancelled
    const p3 = `[${pushed(106, 'n2', data.cancelled('6920000000000000300', '6920000000000000301'))}]`;
    expect(await post(p3)).toMatchObject({ status: 200 });
    expect(events()).toHaveLength(2); // neither sku order belongs to a room the relay has
    expect(recentSpoolLog(r.db, 10).map((l) => l.kind).sort()).toEqual(['no_session', 'not_live']);
    expect(await post('{"tag":"100"}')).toMatchObject({ status: 400, body: { code: 1 } });
    expect(await post(`[{"tag":"101"},${pushed(100, 'n3', '{"no":"p_id"}')}]`)).toMatchObject({ status: 200 });
    expect(r.status().inputs.find((i) => i.name === 'doudian')!.rejected).toMatchObject({ bad_message: 2 });
  });
});
