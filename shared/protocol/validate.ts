/**
 * Validation of what a source sends. Every function returns a reason instead of throwing, so a
 * bad event is counted and logged while the valid events around it are kept (docs/protocol.md,
 * "Bad input").
 */
import type { z } from 'zod';
import { FAST_KNOWN, FAST_UNSURE, fastCheck } from './fast-check';
import { bodySchemas, envelopeSchema, isKnownType, type StreamEvent } from './schemas';

/** Reason codes, the keys of the rejection counters shown in logs and the status bar. */
export const REJECT_REASONS = [
  'not_json', // a frame that is not valid JSON
  'bad_batch', // a batch without a usable sessionId or events array
  'bad_envelope', // seq / ts / type missing or wrong-typed: the seq is not usable
  'invalid_event', // a known type whose fields fail validation: its seq counts as delivered
  'duplicate_seq', // seq already stored (at-least-once re-delivery)
  'seq_hole', // events after a hole, dropped and asked for again with `resume`
  'backpressure', // dropped because the writer is behind; asked for again later
  'session_mismatch', // session.start whose sessionId differs from the batch's
  'batch_too_large', // a batch of more than MAX_BATCH_EVENTS events, refused whole (ack ok:false)
  'too_many_sessions', // a batch or gap of a new session while the source has as many open as allowed
  'too_many_gaps', // a gap announced while a session already has as many pending as allowed
  'frame_too_large', // a frame over the client's maximum message size: the transport dropped it and the connection
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type EventVerdict =
  | { ok: true; event: StreamEvent; known: boolean }
  | { ok: false; reason: 'bad_envelope'; detail: string }
  | { ok: false; reason: 'invalid_event'; detail: string; seq: number; ts: number; type: string };

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.length ? issue.path.join('.') : '(event)';
  return `${path}: ${issue.message}`.slice(0, 200);
}

/**
 * Validate one event of a batch. Unknown types pass with `known: false` (kept, ignored).
 * An accepted plain JSON object of a flat type is returned as it came (fast-check.ts, no copy);
 * everything else, and every rejection with its reason, is zod's (validateEventWithZod).
 */
export function validateEvent(raw: unknown): EventVerdict {
  const fast = fastCheck(raw);
  if (fast !== FAST_UNSURE) return { ok: true, event: raw as StreamEvent, known: fast === FAST_KNOWN };
  return validateEventWithZod(raw);
}

/** The zod-only validator: the reference the fast path is tested against. */
export function validateEventWithZod(raw: unknown): EventVerdict {
  const env = envelopeSchema.safeParse(raw);
  if (!env.success) return { ok: false, reason: 'bad_envelope', detail: describe(env.error) };
  const { seq, ts, type } = env.data;
  if (!isKnownType(type)) return { ok: true, event: env.data as StreamEvent, known: false };
  const body = bodySchemas[type].safeParse(raw);
  if (!body.success) {
    return { ok: false, reason: 'invalid_event', detail: `${type} ${describe(body.error)}`, seq, ts, type };
  }
  return { ok: true, event: body.data as StreamEvent, known: true };
}

export type BatchVerdict =
  | { ok: true; sessionId: string; events: unknown[] }
  | { ok: false; reason: 'bad_batch' | 'not_json'; detail: string };

/** Check a `batch` payload's shape (socket.io delivers parsed JSON; a string payload is parsed). */
export function validateBatch(payload: unknown): BatchVerdict {
  let value = payload;
  if (typeof payload === 'string') {
    try {
      value = JSON.parse(payload);
    } catch {
      return { ok: false, reason: 'not_json', detail: `not JSON: ${payload.slice(0, 60)}` };
    }
  }
  if (typeof value !== 'object' || value === null) {
    return { ok: false, reason: 'bad_batch', detail: 'batch is not an object' };
  }
  const { sessionId, events } = value as { sessionId?: unknown; events?: unknown };
  if (typeof sessionId !== 'string' || sessionId.length === 0 || sessionId.length > 256) {
    return { ok: false, reason: 'bad_batch', detail: 'batch without a sessionId' };
  }
  if (!Array.isArray(events)) return { ok: false, reason: 'bad_batch', detail: 'batch without events' };
  return { ok: true, sessionId, events };
}
