/**
 * Protocol v1 event schemas (../../docs/protocol.md). One zod schema per event type; the
 * TypeScript types below are inferred from them so the validator and the types cannot drift.
 *
 * Objects are "loose": fields a future protocol adds are kept, never stripped, because a
 * reader ignores what it does not know and raw events are stored as they came.
 */
import { z } from 'zod';
import { STREAM_ACTION_KINDS } from '../actions/types';

const id = z.string().min(1).max(256);
const userId = id;
const count = z.number().int().nonnegative();
const fen = z.number().int(); // money: an integer number of fen (分)
const epochMs = z.number().int().nonnegative();
/** Untrusted free text (comments, nicknames, titles): any string up to 100,000 characters;
 *  screens sanitise and truncate it for display, never interpret it. */
const text = z.string().max(100_000);

export const envelopeSchema = z.looseObject({
  seq: z.number().int().min(1),
  ts: epochMs,
  type: z.string().min(1).max(64),
});

const portrait = {
  gender: z.enum(['m', 'f']).optional(),
  age: z.enum(['18-23', '24-30', '31-40', '41-50', '50+']).optional(),
  region: z.string().max(64).optional(),
};

/** A fraction in [0, 1] (commission rates, agency shares). */
const fraction = z.number().min(0).max(1);
/** Luopan addition: the agency (机构) a host or shop is bound to; `share` is the fraction of the
 *  host's commission that goes to it (docs/protocol.md, "Commission and agency share"). */
const agency = z.looseObject({ id, name: text, share: fraction });

const benchmarkQuantiles = z.looseObject({
  p25: z.number(), p50: z.number(), p75: z.number(), p90: z.number(),
});

/** Field schemas of every known event type (the envelope is checked separately). */
export const eventBodies = {
  'session.start': {
    sessionId: id,
    roomId: id,
    title: text,
    startedAt: epochMs,
    host: z.looseObject({
      id,
      name: text,
      kind: z.enum(['self', 'talent']),
      tier: z.enum(['head', 'mid', 'tail']).optional(),
      followers: count.optional(),
      agency: agency.optional(),
    }),
    shop: z.looseObject({ id, name: text, category: z.string().max(256), tier: z.string().max(64), agency: agency.optional() }),
    streamUrl: z.string().max(2048).optional(),
    /** Luopan addition: data groups this source cannot supply (shared/metrics/availability.ts); unknown names are kept */
    unavailable: z.array(z.string().min(1).max(64)).max(32).optional(),
  },
  'stream.state': { state: z.enum(['live', 'paused']) },
  'session.end': { endedAt: epochMs },

  'viewer.enter': {
    userId,
    channel: z.string().min(1).max(64),
    fan: z.boolean(),
    ...portrait,
    returning: z.boolean().optional(),
  },
  'viewer.leave': { userId },
  online: { count },
  follow: { userId },
  'fansclub.join': { userId },
  share: { userId },
  like: { userId: userId.optional(), count },
  comment: { userId, nickname: text, text },
  gift: { userId, value: fen },

  'product.list': {
    products: z
      .array(
        z.looseObject({
          productId: id,
          title: text,
          price: fen,
          category: z.string().max(256),
          priceBand: z.string().max(64).optional(),
          stock: count,
          cartSlot: count,
          /** Luopan addition: fraction of the paid amount that goes to the host on talent-hosted sessions */
          commissionRate: fraction.optional(),
        }),
      )
      .max(1000),
  },
  'product.explain': { productId: id, state: z.enum(['start', 'end']) },
  'product.exposure': { userId, productId: id },
  'product.click': { userId, productId: id },
  'order.create': {
    orderId: id,
    userId,
    productId: id,
    qty: z.number().int().positive(),
    amount: fen.nonnegative(),
    channel: z.string().min(1).max(64),
    fan: z.boolean(),
  },
  'order.pay': { orderId: id },
  'order.cancel': { orderId: id },
  stock: { productId: id, stock: count },

  'ad.plan': {
    planId: id,
    name: text,
    status: z.enum(['on', 'paused', 'over_budget']),
    budget: fen.nonnegative(),
    bid: fen.nonnegative(),
    channel: z.string().min(1).max(64),
  },
  'ad.creative': { creativeId: id, planId: id, title: text, kind: z.enum(['video', 'image', 'live']) },
  'ad.stats': {
    planId: id,
    creativeId: id.optional(),
    impressions: count,
    clicks: count,
    spend: fen.nonnegative(),
    conversions: count,
    gmv: fen.nonnegative(),
  },

  /** Luopan addition: something the studio did (a giveaway, a price change, an ad change…), measured by its impact (docs/protocol.md) */
  action: {
    kind: z.enum(STREAM_ACTION_KINDS),
    productId: id.optional(),
    planId: id.optional(),
    value: z.number().optional(),
    text: z.string().max(500).optional(),
  },

  'order.ship': { orderId: id },
  'order.deliver': { orderId: id },
  'aftersale.open': {
    orderId: id,
    kind: z.enum(['refund_only', 'return_refund']),
    reason: z.enum(['quality', 'other']),
  },
  'aftersale.close': { orderId: id, self: z.boolean() },
  review: { orderId: id, rating: z.number().int().min(1).max(5) },
  complaint: { orderId: id },
  dispute: { orderId: id },
  'cs.message': { userId, from: z.enum(['buyer', 'shop']) },

  benchmark: {
    scope: z.looseObject({
      category: z.string().max(256),
      tier: z.string().max(64).optional(),
      priceBand: z.string().max(64).optional(),
    }),
    window: z.enum(['1d', '7d', '30d']),
    indicators: z.record(z.string().max(64), benchmarkQuantiles),
  },
  'talent.catalog': {
    talents: z
      .array(
        z.looseObject({
          id,
          name: text,
          level: z.string().max(64),
          followers: count,
          reputation: z.number(),
          categories: z.array(z.string().max(256)).max(100),
          gmv30d: fen.nonnegative(),
          portrait: z
            .looseObject({
              gender: z.string().max(64),
              age: z.string().max(64),
              region: z.string().max(64),
            })
            .optional(),
        }),
      )
      .max(10_000),
  },
} as const;

export type EventType = keyof typeof eventBodies;
export const EVENT_TYPES = Object.keys(eventBodies) as EventType[];

type Bodies = typeof eventBodies;
type Envelope = z.infer<typeof envelopeSchema>;
type BodyOf<T extends EventType> = z.infer<z.ZodObject<Bodies[T]>>;

/** A validated event of a known type. */
export type EventOf<T extends EventType> = { seq: number; ts: number; type: T } & BodyOf<T>;
export type KnownEvent = { [T in EventType]: EventOf<T> }[EventType];
/** An event whose type this version does not know: stored as it came, otherwise ignored. */
export type UnknownEvent = Envelope & { type: string; [field: string]: unknown };
export type StreamEvent = KnownEvent | UnknownEvent;

export const bodySchemas: { [T in EventType]: z.ZodType } = Object.fromEntries(
  EVENT_TYPES.map((t) => [t, envelopeSchema.extend(eventBodies[t] as z.ZodRawShape)]),
) as unknown as { [T in EventType]: z.ZodType };

export function isKnownType(type: string): type is EventType {
  return Object.hasOwn(eventBodies, type);
}
