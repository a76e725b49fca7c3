/**
 * Hand-written checks of the flat event types, in front of zod (validate.ts).
 *
 * Why: zod costs ≈ 2 µs per event and copies every object it accepts; at ingest rates of
 * 100,000+ events/s that was the largest single cost of the engine thread. These checks accept
 * only what the zod schemas of schemas.ts accept, and never reject anything: whatever they are
 * not sure about (a failing field, a nested type, an object that is not a plain JSON object)
 * goes to zod, which then gives the verdict and the reason. So the reasons of rejected events
 * are zod's, unchanged; test/shared/protocol/fast-check.test.ts compares both on generated
 * good and bad events of every type.
 *
 * When a schema in schemas.ts changes, the check of that type here must change with it (the
 * test catches a check that accepts what zod refuses).
 */
import { isKnownType } from './schemas';

/** The fast path is not sure: ask zod. */
export const FAST_UNSURE = 0;
/** A known type whose fields zod would accept. */
export const FAST_KNOWN = 1;
/** A valid envelope of a type this version does not know (kept, ignored). */
export const FAST_UNKNOWN_TYPE = 2;
export type FastVerdict = typeof FAST_UNSURE | typeof FAST_KNOWN | typeof FAST_UNKNOWN_TYPE;

type Rec = Record<string, unknown>;

// the schema building blocks of schemas.ts, as predicates (zod 4: int() means a safe integer)
const isId = (v: unknown): boolean => typeof v === 'string' && v.length >= 1 && v.length <= 256;
const isText = (v: unknown): boolean => typeof v === 'string' && v.length <= 100_000;
const isShort = (v: unknown, max: number): boolean => typeof v === 'string' && v.length <= max;
const isName = (v: unknown): boolean => typeof v === 'string' && v.length >= 1 && v.length <= 64; // channel
const isCount = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
const isFen = (v: unknown): boolean => Number.isSafeInteger(v);
const isBool = (v: unknown): boolean => typeof v === 'boolean';
const isAge = (v: unknown): boolean => v === '18-23' || v === '24-30' || v === '31-40' || v === '41-50' || v === '50+';

const byOrder = (o: Rec): boolean => isId(o.orderId);
const byUser = (o: Rec): boolean => isId(o.userId);
const userAndProduct = (o: Rec): boolean => isId(o.userId) && isId(o.productId);

/** One check per flat type; nested types (session.start, product.list, benchmark,
 *  talent.catalog) are rare and left to zod. */
const CHECKS = new Map<string, (o: Rec) => boolean>([
  ['product.exposure', userAndProduct],
  ['product.click', userAndProduct],
  [
    'viewer.enter',
    (o) =>
      isId(o.userId) && isName(o.channel) && isBool(o.fan) &&
      (o.gender === undefined || o.gender === 'm' || o.gender === 'f') &&
      (o.age === undefined || isAge(o.age)) &&
      (o.region === undefined || isShort(o.region, 64)) &&
      (o.returning === undefined || isBool(o.returning)),
  ],
  ['viewer.leave', byUser],
  ['comment', (o) => isId(o.userId) && isText(o.nickname) && isText(o.text)],
  [
    'ad.stats',
    (o) =>
      isId(o.planId) && (o.creativeId === undefined || isId(o.creativeId)) && isCount(o.impressions) &&
      isCount(o.clicks) && isCount(o.spend) && isCount(o.conversions) && isCount(o.gmv),
  ],
  ['like', (o) => (o.userId === undefined || isId(o.userId)) && isCount(o.count)],
  ['online', (o) => isCount(o.count)],
  ['stock', (o) => isId(o.productId) && isCount(o.stock)],
  [
    'order.create',
    (o) =>
      isId(o.orderId) && isId(o.userId) && isId(o.productId) && Number.isSafeInteger(o.qty) && (o.qty as number) > 0 &&
      isCount(o.amount) && isName(o.channel) && isBool(o.fan),
  ],
  ['order.pay', byOrder],
  ['order.cancel', byOrder],
  ['order.ship', byOrder],
  ['order.deliver', byOrder],
  ['complaint', byOrder],
  ['dispute', byOrder],
  ['follow', byUser],
  ['fansclub.join', byUser],
  ['share', byUser],
  ['cs.message', (o) => isId(o.userId) && (o.from === 'buyer' || o.from === 'shop')],
  ['gift', (o) => isId(o.userId) && isFen(o.value)],
  ['review', (o) => isId(o.orderId) && Number.isSafeInteger(o.rating) && (o.rating as number) >= 1 && (o.rating as number) <= 5],
  ['stream.state', (o) => o.state === 'live' || o.state === 'paused'],
  ['session.end', (o) => isCount(o.endedAt)],
  ['product.explain', (o) => isId(o.productId) && (o.state === 'start' || o.state === 'end')],
  [
    'aftersale.open',
    (o) => isId(o.orderId) && (o.kind === 'refund_only' || o.kind === 'return_refund') && (o.reason === 'quality' || o.reason === 'other'),
  ],
  ['aftersale.close', (o) => isId(o.orderId) && isBool(o.self)],
  [
    'ad.plan',
    (o) =>
      isId(o.planId) && isText(o.name) && (o.status === 'on' || o.status === 'paused' || o.status === 'over_budget') &&
      isCount(o.budget) && isCount(o.bid) && isName(o.channel),
  ],
  [
    'ad.creative',
    (o) => isId(o.creativeId) && isId(o.planId) && isText(o.title) && (o.kind === 'video' || o.kind === 'image' || o.kind === 'live'),
  ],
]);

/**
 * FAST_KNOWN / FAST_UNKNOWN_TYPE when zod would certainly accept `raw` as it is (then `raw`
 * itself is the event), FAST_UNSURE otherwise. Never throws.
 */
export function fastCheck(raw: unknown): FastVerdict {
  // only plain JSON objects: zod's copy of anything else (class instances, null-prototype
  // objects) would differ from the input
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return FAST_UNSURE;
  const o = raw as Rec;
  const seq = o.seq;
  const type = o.type;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1 || !isCount(o.ts)) return FAST_UNSURE;
  if (typeof type !== 'string' || type.length < 1 || type.length > 64) return FAST_UNSURE;
  const check = CHECKS.get(type);
  if (check) return check(o) ? FAST_KNOWN : FAST_UNSURE;
  return isKnownType(type) ? FAST_UNSURE : FAST_UNKNOWN_TYPE;
}
