/**
 * 抖店 pushes and order details, 千川 plans and reports, written for these tests from the public
 * SDKs' types (zsmhub/doudian-sdk message/ and api/order_orderDetail, bububa/oceanengine
 * model/qianchuan) — not copied responses — and a local HTTP server playing either API.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { doudianSign } from '../../../electron/relay/inputs/doudian-api';
import { doudianEventSign } from '../../../electron/relay/inputs/doudian';

export const DOUDIAN = { appKey: '7000000000000000001', appSecret: 'secret-of-the-app', accessToken: 'shop-access-token' };
export const PARENT = '6920000000000000100';
export const SKU_A = '6920000000000000101';
export const SKU_B = '6920000000000000102';
export const BROADCAST = '7400000000000000042';

/** One pushed message in the documented variant: `msg_id` and `data` as a JSON string; 64-bit ids as bare numbers. */
export function pushed(tag: number, msgId: string, dataJson: string): string {
  return `{"tag":"${tag}","msg_id":"${msgId}","data":${JSON.stringify(dataJson)}}`;
}

/** The other variant one public SDK's samples show: `msgId` and `data` as an object. */
export function pushedObject(tag: number, msgId: string, dataJson: string): string {
  return `{"tag":${tag},"msgId":"${msgId}","data":${dataJson}}`;
}

export const data = {
  created: (p = PARENT) => `{"biz":2,"create_time":1775044800,"order_status":1,"order_type":0,"p_id":${p},"s_ids":[${SKU_A},${SKU_B}],"shop_id":1234567}`,
  paid: (p = PARENT) => `{"biz":2,"order_status":105,"order_type":0,"p_id":${p},"pay_amount":17800,"pay_time":1775044900,"pay_type":1,"s_ids":[${SKU_A},${SKU_B}],"shop_id":1234567}`,
  shipped: (sku: string) => `{"biz":2,"order_status":3,"order_type":0,"p_id":${PARENT},"s_ids":[${sku}],"shop_id":1234567,"update_time":1775131200}`,
  received: () => `{"biz":2,"complete_time":1775390400,"order_status":5,"order_type":0,"p_id":${PARENT},"s_ids":[${SKU_A},${SKU_B}],"shop_id":1234567}`,
  cancelled: (p: string, s: string) => `{"biz":2,"cancel_reason":"不想要了","cancel_time":1775045000,"order_status":4,"order_type":0,"p_id":${p},"s_ids":[${s}],"shop_id":1234567}`,
  refundAsked: (sku: string, type: number, reason: number) =>
    `{"aftersale_id":7100000000000000001,"aftersale_status":6,"aftersale_type":${type},"apply_time":1775400000,"p_id":${PARENT},"reason_code":${reason},"refund_amount":9900,"refund_post_amount":0,"refund_voucher_num":0,"s_id":${sku},"shop_id":1234567}`,
  arbitration: (sku: string) => `{"aftersale_id":7100000000000000001,"aftersale_status":6,"aftersale_type":0,"arbitrate_id":"a-1","arbitrate_status":1,"p_id":${PARENT},"s_id":${sku},"shop_id":1234567}`,
  refunded: (sku: string) => `{"aftersale_id":7100000000000000001,"aftersale_status":12,"aftersale_type":0,"p_id":${PARENT},"reason_code":3,"refund_amount":9900,"s_id":${sku},"shop_id":1234567,"success_time":1775500000}`,
  closed: (sku: string) => `{"aftersale_id":7100000000000000002,"aftersale_status":28,"aftersale_type":1,"close_time":1775600000,"p_id":${PARENT},"s_id":${sku},"shop_id":1234567}`,
  addressChanged: () => `{"p_id":${PARENT},"receiver_msg":{"addr":"***","name":"*","tel":"***"},"shop_id":1234567}`,
};

/** The signed POST a push is. */
export function signedPush(body: string, sign = doudianEventSign(DOUDIAN.appKey, Buffer.from(body), DOUDIAN.appSecret)) {
  return { method: 'POST', body, headers: { 'content-type': 'application/json', 'event-sign': sign } };
}

/** order.orderDetail's reply for a parent order of two sku orders placed in a broadcast. */
export function orderDetail(parent: string, skus: { id: string; product: string; qty: number; pay: number; room: string }[]): string {
  const list = skus
    .map((s) => `{"order_id":"${s.id}","parent_order_id":"${parent}","product_id":${s.product},"product_id_str":"${s.product}","item_num":${s.qty},"order_amount":${s.pay + 500},"pay_amount":${s.pay},"room_id":${s.room || 0},"room_id_str":"${s.room}","author_id":4000001,"author_name":"主播小王"}`)
    .join(',');
  return `{"code":10000,"msg":"success","sub_code":"","sub_msg":"","log_id":"x","data":{"shop_order_detail":{"order_id":"${parent}","shop_id":1234567,"doudian_open_id":"1@#buyer-open-id","order_amount":18800,"pay_amount":17800,"sku_order_list":[${list}]}}}`;
}

export interface FakeApi {
  url: string;
  requests: { path: string; query: URLSearchParams; body: string; headers: IncomingMessage['headers'] }[];
  /** the reply for a request: [status, body] */
  reply: (path: string, query: URLSearchParams, body: string) => [number, string];
  close(): Promise<void>;
}

export async function startFakeApi(reply: FakeApi['reply']): Promise<FakeApi> {
  const api: FakeApi = { url: '', requests: [], reply, close: async () => {} };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      api.requests.push({ path: u.pathname, query: u.searchParams, body, headers: req.headers });
      const [status, text] = api.reply(u.pathname, u.searchParams, body);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () => new Promise((r) => server.close(() => r()));
  return api;
}

/** The signature order.orderDetail must carry, as the platform checks it. */
export function expectedDetailSign(q: URLSearchParams, body: string): string {
  return doudianSign(q.get('app_key') ?? '', DOUDIAN.appSecret, q.get('method') ?? '', q.get('timestamp') ?? '', body);
}

// --- 千川 ------------------------------------------------------------------------------------

export const PLAN_1 = '1780000000000000001';
export const PLAN_2 = '1780000000000000002';

export function adList(plans: { id: string; name: string; status: string; budget: number; bid: number }[]): string {
  const list = plans.map((p) => `{"ad_id":${p.id},"name":"${p.name}","status":"${p.status}","opt_status":"ENABLE","delivery_setting":{"budget":${p.budget},"cpa_bid":${p.bid},"budget_mode":"BUDGET_MODE_DAY"}}`).join(',');
  return `{"code":0,"message":"OK","request_id":"r","data":{"list":[${list}],"page_info":{"page":1,"page_size":100,"total_number":${plans.length},"total_page":1}}}`;
}

/** A cumulative report of the day: money in yuan, as the API reports it. */
export function adReport(rows: { id: string; cost: number; show: number; click: number; convert: number; gmv: number }[]): string {
  const list = rows.map((r) => `{"ad_id":${r.id},"ad_name":"计划","stat_cost":${r.cost},"show_cnt":${r.show},"click_cnt":${r.click},"convert_cnt":${r.convert},"pay_order_amount":${r.gmv}}`).join(',');
  return `{"code":0,"message":"OK","request_id":"r","data":{"list":[${list}],"page_info":{"page":1,"page_size":100,"total_number":${rows.length},"total_page":1}}}`;
}

export const apiError = (code: number, message: string) => `{"code":${code},"message":"${message}","request_id":"r","data":{}}`;
