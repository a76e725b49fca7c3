/**
 * The one 抖店 open-platform call the relay makes: `order.orderDetail` (zsmhub/doudian-sdk
 * api/order_orderDetail, core/doudian_op_api_client.go, utils/sign_util.go, read for this
 * client). POST `{baseUrl}/order/orderDetail?app_key&method&access_token&timestamp&v=2&sign&
 * sign_method=hmac-sha256` with the parameters as the JSON body; sign = hex HMAC-SHA256 keyed
 * with the app secret of `secret + "app_key…method…param_json…timestamp…v2" + secret`. A reply
 * whose code is not 10000 is an error carrying the platform's message.
 */
import { createHmac } from 'node:crypto';
import { idString, countOf, parseLossless, asObject, type JsonObject } from '../lossless';

export interface DoudianCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
}

/** One sku order of a parent order, as the relay needs it. */
export interface SkuOrder {
  orderId: string;
  productId: string;
  qty: number;
  /** fen */
  amount: number;
  /** the broadcast the order was placed in ('' for a video or shop-window order) */
  roomId: string;
}

export interface OrderDetail {
  orderId: string;
  /** the buyer's id for this app (doudian_open_id) */
  buyerId: string;
  skus: SkuOrder[];
}

export class DoudianApiError extends Error {}

export function doudianSign(appKey: string, appSecret: string, method: string, timestamp: string, paramJson: string): string {
  const pattern = `app_key${appKey}method${method}param_json${paramJson}timestamp${timestamp}v2`;
  return createHmac('sha256', appSecret).update(appSecret + pattern + appSecret).digest('hex');
}


export async function fetchOrderDetail(baseUrl: string, cred: DoudianCredentials, shopOrderId: string, now = Date.now()): Promise<OrderDetail> {
  const method = 'order.orderDetail';
  const paramJson = JSON.stringify({ shop_order_id: shopOrderId });
  const timestamp = String(Math.floor(now / 1000));
  const q = new URLSearchParams({
    app_key: cred.appKey, method, access_token: cred.accessToken, timestamp, v: '2',
    sign: doudianSign(cred.appKey, cred.appSecret, method, timestamp, paramJson), sign_method: 'hmac-sha256',
  });
  let text: string;
  try {
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/order/orderDetail?${q}`, {
      method: 'POST', body: paramJson, headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(12_000),
    });
    text = await res.text();
    if (!res.ok) throw new DoudianApiError(`order detail ${shopOrderId}: HTTP ${res.status}`);
  } catch (err) {
    if (err instanceof DoudianApiError) throw err;
    throw new DoudianApiError(`order detail ${shopOrderId}: ${(err as Error).message}`);
  }
  let body: JsonObject | null;
  try {
    body = asObject(parseLossless(text));
  } catch {
    throw new DoudianApiError(`order detail ${shopOrderId}: the reply is not JSON`);
  }
  if (countOf(body?.code) !== 10000) {
    throw new DoudianApiError(`order detail ${shopOrderId}: code ${idString(body?.code) || '?'} ${String(body?.msg ?? '')} ${String(body?.sub_msg ?? '')}`.trim());
  }
  const d = asObject(asObject(body!.data)?.shop_order_detail);
  if (!d) throw new DoudianApiError(`order detail ${shopOrderId}: no shop_order_detail`);
  const skus = (Array.isArray(d.sku_order_list) ? d.sku_order_list : []).map(asObject).filter((s): s is JsonObject => s !== null);
  return {
    orderId: idString(d.order_id) || shopOrderId,
    buyerId: idString(d.doudian_open_id) || `buyer:${shopOrderId}`,
    skus: skus.map((s) => ({
      orderId: idString(s.order_id),
      productId: idString(s.product_id_str) || idString(s.product_id),
      qty: Math.max(1, Math.floor(countOf(s.item_num) ?? 1)),
      amount: Math.max(0, Math.round(countOf(s.pay_amount) ?? countOf(s.order_amount) ?? 0)),
      roomId: (() => {
        const r = idString(s.room_id_str) || idString(s.room_id);
        return r === '0' ? '' : r;
      })(),
    })).filter((s) => s.orderId && s.productId),
  };
}
