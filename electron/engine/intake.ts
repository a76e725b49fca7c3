/**
 * The sequencing rules of docs/protocol.md ("Bad input") for one batch of one session, as a pure
 * function: which events are stored, which are recorded as rejects, which are dropped and why,
 * and where the batch stops at a hole. It never throws on any input.
 *
 * `accepted` is the highest seq already durable or in flight to the writer (or covered by a
 * recorded gap); an event is taken only when its seq is exactly `accepted + 1`, so what reaches
 * the store is always contiguous.
 */
import { FAST_KNOWN, FAST_UNSURE, fastCheck } from '../../shared/protocol/fast-check';
import { validateEvent, type RejectReason } from '../../shared/protocol/validate';
import type { StreamEvent } from '../../shared/protocol/schemas';
import { byteBodies, EMPTY_COLUMNS, TypeColumnBuilder, type EventColumns, type EventRow } from '../store/event-columns';
import type { GapRange, RejectRow } from '../store/event-writer';
import type { EventSpans } from './raw-frame';

export type { EventColumns, EventRow } from '../store/event-columns';
export type { GapRange, RejectRow } from '../store/event-writer';
export interface AcceptedEvent { event: StreamEvent; known: boolean }

export interface IntakeResult {
  /** the rows to store, column by column (electron/store/event-columns.ts EventColumns) */
  rows: EventColumns;
  /** total length of the bodies, for the in-flight memory bound */
  bytes: number;
  rejects: RejectRow[];
  /** gaps (announced earlier) this batch crossed: written with the rows so contiguity holds */
  gaps: GapRange[];
  /** the valid events in seq order, for the live aggregator */
  events: AcceptedEvent[];
  /** the new `accepted` */
  accepted: number;
  /** counts by reject reason (including those not written as reject rows) */
  counts: Partial<Record<RejectReason, number>>;
  /** one example detail per reason, for the log */
  details: Partial<Record<RejectReason, string>>;
  /** the batch stopped at a hole: ask `resume` after `accepted` */
  hole: boolean;
}

/** Announced gaps of a session not reached yet: from → to. */
export type PendingGaps = Map<number, number>;

function count(r: IntakeResult, reason: RejectReason, detail: string, n = 1): void {
  r.counts[reason] = (r.counts[reason] ?? 0) + n;
  if (!r.details[reason]) r.details[reason] = detail;
}

/** Jump over announced gaps that start right after `accepted`. */
function crossGaps(r: IntakeResult, pending: PendingGaps): void {
  for (let to = pending.get(r.accepted + 1); to !== undefined; to = pending.get(r.accepted + 1)) {
    pending.delete(r.accepted + 1);
    r.gaps.push({ from: r.accepted + 1, to });
    r.accepted = Math.max(r.accepted, to);
  }
}

function safeJson(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null; // BigInt, cycles: cannot happen for parsed JSON, but never throw
  }
}

/**
 * `raw`: where each element of `events` is in the bytes of the text it was parsed from
 * (raw-frame.ts); the stored bodies are then those bytes, else each parsed event serialised again.
 */
export function takeBatch(
  sessionId: string,
  events: unknown[],
  acceptedSeq: number,
  pending: PendingGaps = new Map(),
  now = Date.now(),
  raw: EventSpans | null = null,
): IntakeResult {
  // every column sized for the whole batch up front and cut to what was taken at the end: grown
  // one push at a time they were reallocated ≈ 20 times each per batch, and this path allocated
  // more than JSON.parse did
  const n = events.length;
  const bodies: string[] = [];
  const spans = raw ? new Uint32Array(2 * n) : null;
  const seqs = new Float64Array(n);
  const ts = new Float64Array(n);
  const types = new TypeColumnBuilder(n);
  const accepted: AcceptedEvent[] = new Array<AcceptedEvent>(n);
  let k = 0; // rows taken
  const r: IntakeResult = {
    rows: EMPTY_COLUMNS,
    bytes: 0, rejects: [], gaps: [], events: accepted, accepted: acceptedSeq, counts: {}, details: {}, hole: false,
  };
  /** store event i as row k; false when its body cannot be had (then it is counted as rejected) */
  const take = (event: StreamEvent, known: boolean, i: number): boolean => {
    if (spans) {
      spans[2 * k] = raw!.spans[2 * i]!;
      spans[2 * k + 1] = raw!.spans[2 * i + 1]!;
    } else {
      const body = safeJson(event);
      if (body === null) {
        count(r, 'bad_envelope', 'not serialisable');
        return false;
      }
      bodies.push(body);
      r.bytes += body.length;
    }
    seqs[k] = event.seq;
    ts[k] = event.ts;
    types.push(event.type);
    accepted[k] = { event, known };
    k++;
    return true;
  };
  crossGaps(r, pending);
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    // the common case without a verdict object: a plain event the fast check is sure of
    const fast = fastCheck(event);
    if (fast !== FAST_UNSURE) {
      const e = event as StreamEvent;
      if (e.seq === r.accepted + 1 && e.type !== 'session.start') {
        if (!take(e, fast === FAST_KNOWN, i)) continue;
        r.accepted = e.seq;
        crossGaps(r, pending);
        continue;
      }
    }
    const verdict = validateEvent(event);
    if (!verdict.ok && verdict.reason === 'bad_envelope') {
      // no usable seq: nothing to deliver, nothing to ask again
      count(r, 'bad_envelope', verdict.detail);
      r.rejects.push({ seq: null, reason: 'bad_envelope', detail: verdict.detail, at: now });
      continue;
    }
    const seq = verdict.ok ? verdict.event.seq : verdict.seq;
    if (seq <= r.accepted) {
      count(r, 'duplicate_seq', `seq ${seq} ≤ ${r.accepted}`);
      continue;
    }
    if (seq > r.accepted + 1) {
      // keep up to the hole; everything after it is asked for again with `resume`
      const dropped = events.length - i;
      count(r, 'seq_hole', `expected seq ${r.accepted + 1}, got ${seq}`, dropped);
      r.hole = true;
      break;
    }
    if (!verdict.ok) {
      // a usable seq with a bad body: recorded as rejected, its seq counts as delivered
      count(r, 'invalid_event', verdict.detail);
      r.rejects.push({ seq, reason: 'invalid_event', detail: verdict.detail, at: now });
    } else if (
      verdict.event.type === 'session.start' &&
      (verdict.event as { sessionId?: unknown }).sessionId !== sessionId
    ) {
      const detail = `session.start of ${String((verdict.event as { sessionId?: unknown }).sessionId).slice(0, 60)} in a batch of ${sessionId.slice(0, 60)}`;
      count(r, 'session_mismatch', detail);
      r.rejects.push({ seq, reason: 'session_mismatch', detail, at: now });
    } else if (!take(verdict.event, verdict.known, i)) {
      continue;
    }
    r.accepted = seq;
    crossGaps(r, pending);
  }
  accepted.length = k;
  r.rows = { seqs: seqs.subarray(0, k), ts: ts.subarray(0, k), types: types.build(), bodies };
  if (spans && raw && k > 0) {
    const b = byteBodies(raw.bytes, spans.subarray(0, 2 * k));
    r.rows.bodies = b;
    r.bytes = b.bytes.byteLength; // held until the commit; the packet's text and bytes are not
  }
  return r;
}
