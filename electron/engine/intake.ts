/**
 * The sequencing rules of PROTOCOL.md ("Bad input") for one batch of one session, as a pure
 * function: which events are stored, which are recorded as rejects, which are dropped and why,
 * and where the batch stops at a hole. It never throws on any input.
 *
 * `accepted` is the highest seq already durable or in flight to the writer (or covered by a
 * recorded gap); an event is taken only when its seq is exactly `accepted + 1`, so what reaches
 * the store is always contiguous.
 */
import { validateEvent, type RejectReason } from '../../shared/protocol/validate';
import type { StreamEvent } from '../../shared/protocol/schemas';
import { byteBodies, type EventColumns, type EventRow, type GapRange, type RejectRow } from '../store/event-writer';
import type { EventSpans } from './raw-frame';

export type { EventColumns, EventRow, GapRange, RejectRow } from '../store/event-writer';
export interface AcceptedEvent { event: StreamEvent; known: boolean }

export interface IntakeResult {
  /** the rows to store, column by column (row i = seqs[i], ts[i], types[i], bodies[i]) */
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
  accepted: number,
  pending: PendingGaps = new Map(),
  now = Date.now(),
  raw: EventSpans | null = null,
): IntakeResult {
  const bodies: string[] = [];
  const spans: number[] = [];
  const rows: EventColumns = { seqs: [], ts: [], types: [], bodies };
  const r: IntakeResult = {
    rows, bytes: 0, rejects: [], gaps: [], events: [], accepted, counts: {}, details: {}, hole: false,
  };
  crossGaps(r, pending);
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
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
    } else {
      if (raw) {
        spans.push(raw.spans[2 * i]!, raw.spans[2 * i + 1]!);
      } else {
        const body = safeJson(event);
        if (body === null) {
          count(r, 'bad_envelope', 'not serialisable');
          continue;
        }
        bodies.push(body);
        r.bytes += body.length;
      }
      rows.seqs.push(seq);
      rows.ts.push(verdict.event.ts);
      rows.types.push(verdict.event.type);
      r.events.push({ event: verdict.event, known: verdict.known });
    }
    r.accepted = seq;
    crossGaps(r, pending);
  }
  if (raw && rows.seqs.length > 0) {
    const bodies = byteBodies(raw.bytes, Uint32Array.from(spans));
    rows.bodies = bodies;
    r.bytes = bodies.bytes.byteLength; // held until the commit; the packet's text and bytes are not
  }
  return r;
}
