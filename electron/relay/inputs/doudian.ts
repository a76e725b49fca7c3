/**
 * The `doudian` input: 抖店 message push to `POST /doudian` on the relay's port (zsmhub/
 * doudian-sdk message/, read for this adapter). The body is an array of `{tag, msg_id, data}`
 * where data is a JSON string (one public SDK's samples write `msgId` and an object `data`: both
 * are taken); the header `event-sign` is hex md5(appKey + raw body + appSecret), checked on the
 * raw bytes before anything is parsed (401 otherwise). The reply `{code:0,msg:"success"}` comes
 * after the events are committed; a message already handled (its msg_id) is skipped, so the
 * platform's re-pushes count once.
 *
 * Tags → events of the session live in the order's room (the room id of the order detail, a
 * broadcast id the capture tools report too; `order.orderDetail` through doudian-api.ts):
 *   100 created → order.create (one per sku order: product, qty, amount in fen, the buyer),
 *   101 paid → order.pay · 102 shipped / 108 partly shipped → order.ship ·
 *   103 completed (received) → order.deliver · 106 cancelled → order.cancel ·
 *   200 refund asked → aftersale.open (type 0 return_refund, 1/2 refund_only; reason 'quality'
 *   for the config's qualityReasonCodes) · 206 refunded / 207 closed → aftersale.close (`self`
 *   unless the order went to arbitration) · 212–218 arbitration → dispute (once per order).
 * Other tags, orders of no live room, and orders of a room the relay has no session for are
 * kept in the spool's log and counted. When the order detail cannot be had, the reply is
 * `{code:1}` so the platform pushes again; what else the body held is committed and skipped then.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Database from 'better-sqlite3';
import { hasSeen, orderSession, ordersOf, sessionsByAlias } from '../../store/spool/spool';
import type { RelayConfig } from '../config';
import { BodyTooLarge, readBody, sendJson } from '../http-util';
import { CommitFailed, type CommitExtras, type Intake, type Submission } from '../intake';
import type { InputStats } from '../input-stats';
import { countOf, idString, parseLossless, asObject, type JsonObject } from '../lossless';
import { DoudianApiError, fetchOrderDetail, type DoudianCredentials, type OrderDetail } from './doudian-api';

export const MAX_DOUDIAN_BODY_BYTES = 4 * 1024 * 1024;
const INPUT = 'doudian';
const DISPUTE = 'doudian-dispute';

export interface DoudianContext {
  db: Database.Database;
  intake: Intake;
  stats: InputStats;
  config: RelayConfig;
  credentials: DoudianCredentials;
  now?: () => number;
}

export function doudianEventSign(appKey: string, body: Buffer, appSecret: string): string {
  return createHash('md5').update(Buffer.concat([Buffer.from(appKey, 'utf8'), body, Buffer.from(appSecret, 'utf8')])).digest('hex');
}

function signOk(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given.toLowerCase()), Buffer.from(expected));
}


interface PushMessage {
  tag: string;
  msgId: string;
  data: JsonObject;
}

/** One element of the pushed array, in either variant; a reason when it is neither. */
function readMessage(v: unknown): PushMessage | string {
  const m = asObject(v);
  if (!m) return 'not an object';
  const tag = idString(m.tag);
  const msgId = idString(m.msg_id ?? m.msgId);
  if (!tag) return 'no tag';
  if (!msgId) return 'no msg_id';
  let data: JsonObject | null;
  try {
    data = typeof m.data === 'string' ? asObject(parseLossless(m.data)) : asObject(m.data);
  } catch {
    return `tag ${tag}: data is not JSON`;
  }
  if (!data) return `tag ${tag}: no data object`;
  return { tag, msgId, data };
}

/** A time of the message's data (seconds or ms) as epoch ms, else now. */
function timeOf(data: JsonObject, keys: string[], now: number): number {
  for (const k of keys) {
    const n = countOf(data[k]);
    if (n !== null && n > 0) return n < 1e12 ? n * 1000 : n;
  }
  return now;
}

const ORDER_TAGS: Record<string, { type: string; time: string[] }> = {
  '101': { type: 'order.pay', time: ['pay_time'] },
  '102': { type: 'order.ship', time: ['update_time'] },
  '108': { type: 'order.ship', time: ['update_time'] },
  '103': { type: 'order.deliver', time: ['complete_time'] },
  '106': { type: 'order.cancel', time: ['cancel_time'] },
};

/** One POST's work: what it commits and whether a lookup failed (then the platform must push again). */
class Batch {
  readonly items: Submission[] = [];
  readonly extras: Required<CommitExtras> = { seen: [], orders: [], state: [], log: [] };
  /** sku order → session, for orders created earlier in this same body */
  readonly created = new Map<string, { sessionId: string; parentId: string }>();
  readonly disputed = new Set<string>();
  retryLater = false;
  accepted = 0;
}

export class DoudianInput {
  private readonly inFlight = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly ctx: DoudianContext) {
    this.now = ctx.now ?? Date.now;
    ctx.stats.setState('listening', 'POST /doudian');
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { stats, credentials } = this.ctx;
    let body: Buffer;
    try {
      body = await readBody(req, MAX_DOUDIAN_BODY_BYTES);
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      stats.rejects.add('too_large', 1, err.message);
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { code: 1, msg: err.message });
    }
    // the signature covers the exact bytes: checked before anything is parsed
    if (!signOk(req.headers['event-sign'], doudianEventSign(credentials.appKey, body, credentials.appSecret))) {
      stats.rejects.add('bad_signature', 1, 'event-sign does not match md5(appKey + body + appSecret)');
      return sendJson(res, 401, { code: 1, msg: 'invalid signature' });
    }
    let list: unknown;
    try {
      list = parseLossless(body.toString('utf8'));
    } catch {
      stats.rejects.add('bad_body', 1, 'body is not JSON');
      return sendJson(res, 400, { code: 1, msg: 'body is not JSON' });
    }
    if (!Array.isArray(list)) {
      stats.rejects.add('bad_body', 1, 'body is not an array of messages');
      return sendJson(res, 400, { code: 1, msg: 'body is not an array of messages' });
    }
    const batch = new Batch();
    const claimed: string[] = [];
    try {
      for (const raw of list) {
        stats.received++;
        const m = readMessage(raw);
        if (typeof m === 'string') {
          stats.rejects.add('bad_message', 1, m);
          batch.extras.log.push({ input: INPUT, kind: 'bad_message', detail: `${m}: ${JSON.stringify(raw)?.slice(0, 500)}` });
          continue;
        }
        if (this.inFlight.has(m.msgId) || hasSeen(this.ctx.db, INPUT, m.msgId) || claimed.includes(m.msgId)) {
          stats.duplicates++;
          continue;
        }
        const before = batch.items.length;
        const handled = await this.map(m, batch);
        if (!handled) continue; // not marked seen: the platform's next push tries it again
        claimed.push(m.msgId);
        this.inFlight.add(m.msgId);
        batch.extras.seen.push({ input: INPUT, key: m.msgId });
        batch.accepted += batch.items.length - before;
      }
      if (batch.items.length || batch.extras.seen.length || batch.extras.log.length) {
        const outcomes = await this.ctx.intake.submit(batch.items, batch.extras);
        for (const o of outcomes) if (!o.ok) stats.rejects.add('refused', 1, o.reason);
        stats.accepted += outcomes.filter((o) => o.ok && !o.duplicate).length;
      }
    } catch (err) {
      if (!(err instanceof CommitFailed)) throw err;
      stats.rejects.add('spool_full', 1, err.message);
      return sendJson(res, 503, { code: 1, msg: 'fail' }, { 'retry-after': '5' });
    } finally {
      for (const id of claimed) this.inFlight.delete(id);
    }
    if (batch.retryLater) return sendJson(res, 500, { code: 1, msg: 'fail' });
    sendJson(res, 200, { code: 0, msg: 'success' });
  }

  /** The events of one message into the batch; false when it must be pushed again (a lookup failed). */
  private async map(m: PushMessage, batch: Batch): Promise<boolean> {
    const now = this.now();
    const d = m.data;
    const parentId = idString(d.p_id);
    const skuIds = (Array.isArray(d.s_ids) ? d.s_ids : [d.s_id]).map(idString).filter(Boolean);
    const keep = (kind: string, detail: string): boolean => {
      batch.extras.log.push({ input: INPUT, kind, detail: `tag ${m.tag} msg ${m.msgId}: ${detail}`.slice(0, 1000) });
      this.ctx.stats.rejects.add(kind, 1, `tag ${m.tag}: ${detail}`);
      return true;
    };
    if (m.tag === '100') {
      if (!parentId) return keep('bad_message', 'no p_id');
      return this.createOrders(parentId, batch, timeOf(d, ['create_time'], now), keep);
    }
    const orderTag = ORDER_TAGS[m.tag];
    const aftersale = m.tag === '200' || m.tag === '206' || m.tag === '207' || (Number(m.tag) >= 212 && Number(m.tag) <= 218);
    if (!orderTag && !aftersale) return keep('unmapped_tag', JSON.stringify(d).slice(0, 500));
    const key = skuIds[0] ?? parentId;
    if (!key) return keep('bad_message', 'no p_id or s_id');
    // the sku orders this message is about, and their sessions; an order the relay has not seen created is looked up
    let known = this.known(parentId || key, batch);
    if (known.length === 0) {
      const ok = await this.createOrders(parentId || key, batch, now, keep);
      if (!ok) return false;
      known = this.known(parentId || key, batch);
      if (known.length === 0) return true; // kept in the log by createOrders (no live room, no session)
    }
    const targets = skuIds.length ? known.filter((k) => skuIds.includes(k.orderId)) : known;
    if (targets.length === 0) return keep('unknown_order', `sku orders ${skuIds.join(',')} are not in order ${parentId}`);
    if (orderTag) {
      const ts = timeOf(d, orderTag.time, now);
      for (const t of targets) batch.items.push({ sessionId: t.sessionId, event: { type: orderTag.type, ts, orderId: t.orderId } });
      return true;
    }
    for (const t of targets) {
      if (m.tag === '200') {
        const type = countOf(d.aftersale_type);
        const kind = type === 0 ? 'return_refund' : type === 1 || type === 2 ? 'refund_only' : null;
        if (!kind) return keep('unmapped_aftersale', `aftersale_type ${idString(d.aftersale_type) || '?'}`);
        const reason = this.ctx.config.doudian.qualityReasonCodes.includes(countOf(d.reason_code) ?? NaN) ? 'quality' : 'other';
        batch.items.push({ sessionId: t.sessionId, event: { type: 'aftersale.open', ts: timeOf(d, ['apply_time'], now), orderId: t.orderId, kind, reason } });
      } else if (m.tag === '206' || m.tag === '207') {
        const self = !batch.disputed.has(t.orderId) && !hasSeen(this.ctx.db, DISPUTE, t.orderId);
        batch.items.push({ sessionId: t.sessionId, event: { type: 'aftersale.close', ts: timeOf(d, ['success_time', 'close_time'], now), orderId: t.orderId, self } });
      } else if (!batch.disputed.has(t.orderId) && !hasSeen(this.ctx.db, DISPUTE, t.orderId)) {
        batch.disputed.add(t.orderId);
        batch.extras.seen.push({ input: DISPUTE, key: t.orderId });
        batch.items.push({ sessionId: t.sessionId, event: { type: 'dispute', ts: now, orderId: t.orderId } });
      }
    }
    return true;
  }

  private known(orderId: string, batch: Batch): { orderId: string; sessionId: string }[] {
    const here = [...batch.created].filter(([sku, v]) => sku === orderId || v.parentId === orderId).map(([sku, v]) => ({ orderId: sku, sessionId: v.sessionId }));
    if (here.length) return here;
    const stored = ordersOf(this.ctx.db, orderId);
    if (stored.length) return stored;
    const single = orderSession(this.ctx.db, orderId);
    return single ? [{ orderId, sessionId: single }] : [];
  }

  /** order.create for every sku order of a parent order placed in a room the relay has a session for. */
  private async createOrders(parentId: string, batch: Batch, ts: number, keep: (kind: string, detail: string) => boolean): Promise<boolean> {
    if (this.known(parentId, batch).length) return true; // a re-push of 100 with another msg_id
    let detail: OrderDetail;
    try {
      detail = await fetchOrderDetail(this.ctx.config.doudian.baseUrl, this.ctx.credentials, parentId, this.now());
    } catch (err) {
      if (!(err instanceof DoudianApiError)) throw err;
      this.ctx.stats.rejects.add('api_error', 1, err.message);
      batch.retryLater = true;
      return false;
    }
    for (const sku of detail.skus) {
      if (!sku.roomId) {
        keep('not_live', `order ${sku.orderId} was not placed in a live room`);
        continue;
      }
      const sessionId = sessionsByAlias(this.ctx.db, sku.roomId)[0];
      if (!sessionId) {
        keep('no_session', `order ${sku.orderId} of room ${sku.roomId}: the relay has no session of that room`);
        continue;
      }
      batch.created.set(sku.orderId, { sessionId, parentId: detail.orderId });
      batch.extras.orders.push({ orderId: sku.orderId, sessionId, parentId: detail.orderId });
      batch.items.push({
        sessionId,
        event: { type: 'order.create', ts, orderId: sku.orderId, userId: detail.buyerId, productId: sku.productId, qty: sku.qty, amount: sku.amount, channel: 'other', fan: false },
      });
    }
    return true;
  }
}
