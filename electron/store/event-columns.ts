/**
 * Events as the store takes them: one object per row (EventRow), or column by column
 * (EventColumns) — what the ingest path builds (electron/engine/intake.ts) and posts to the
 * writer worker — and the helpers to build, cut and read columns.
 */
export interface EventRow { seq: number; ts: number; type: string; body: string }
/**
 * The same rows column by column (row i = seqs[i], ts[i], typeAt(types, i), bodyAt(bodies, i)):
 * what the ingest path hands to the writer worker. Typed arrays because postMessage copies one of
 * them as one block, where an array of numbers or strings is cloned (and rebuilt in the worker)
 * element by element on the engine thread, the busiest one: for 5,000 rows ≈ 170 µs as arrays
 * against ≈ 40 µs as typed arrays (measured posting to a worker thread here).
 */
export interface EventColumns { seqs: Float64Array; ts: Float64Array; types: TypeColumn; bodies: Bodies }
/** The event types of the rows: type of row i = names[codes[i]] (a batch has a handful of types). */
export interface TypeColumn { names: string[]; codes: Uint32Array }

export function typeAt(t: TypeColumn, i: number): string {
  return t.names[t.codes[i]!]!;
}

/** Builds a TypeColumn row by row. */
export class TypeColumnBuilder {
  private readonly index = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly codes: Uint32Array;
  private n = 0;
  constructor(capacity: number) {
    this.codes = new Uint32Array(capacity);
  }
  push(type: string): void {
    let code = this.index.get(type);
    if (code === undefined) {
      code = this.names.push(type) - 1;
      this.index.set(type, code);
    }
    this.codes[this.n++] = code;
  }
  build(): TypeColumn {
    return { names: this.names, codes: this.codes.subarray(0, this.n) };
  }
}

/**
 * The bodies: one string each, or where each one is in the UTF-8 bytes of the socket.io packet
 * the events arrived in (electron/engine/raw-frame.ts): body i = bytes[spans[2i] .. spans[2i + 1]).
 *
 * Why bytes and not the packet text: a batch with any CJK character is a two-byte JS string, and
 * handing one to the writer worker cost ≈ 0.5 µs per event to serialise on the engine thread and
 * ≈ 1.2 µs per event to deserialise in the worker (measured posting 5,000-event packets to a
 * worker thread, CPU per thread), against ≈ 0.02 µs for the same text as bytes. The worker stores the bytes without
 * turning them back into strings (insertRows); they are the bytes the source sent.
 */
export type Bodies = string[] | { bytes: Uint8Array; spans: Uint32Array };

const utf8 = (bytes: Uint8Array, from: number, to: number): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', from, to);

export function bodyAt(b: Bodies, i: number): string {
  return Array.isArray(b) ? b[i]! : utf8(b.bytes, b.spans[2 * i]!, b.spans[2 * i + 1]!);
}

export function bodiesLength(b: Bodies): number {
  return Array.isArray(b) ? b.length : b.spans.length >> 1;
}

/** Bodies from..to (exclusive); bytes are cut to what those bodies need (less to copy). */
export function sliceBodies(b: Bodies, from: number, to: number): Bodies {
  return Array.isArray(b) ? b.slice(from, to) : byteBodies(b.bytes, b.spans.slice(2 * from, 2 * to));
}

/**
 * Bodies as spans of `bytes`: the bytes cut to the first and last span (a copy with its own
 * buffer, so that what is posted to the worker is just those bytes — a posted view would carry
 * its whole underlying buffer) and the spans shifted.
 */
export function byteBodies(bytes: Uint8Array, spans: Uint32Array): { bytes: Uint8Array; spans: Uint32Array } {
  if (spans.length === 0) return { bytes: new Uint8Array(0), spans };
  const start = spans[0]!;
  const end = spans[spans.length - 1]!;
  if (start === 0 && end === bytes.byteLength && bytes.byteOffset === 0 && bytes.buffer.byteLength === end) return { bytes, spans };
  for (let i = 0; i < spans.length; i++) spans[i]! -= start;
  return { bytes: new Uint8Array(bytes.subarray(start, end)), spans };
}

export const EMPTY_COLUMNS: EventColumns = Object.freeze({
  seqs: new Float64Array(0),
  ts: new Float64Array(0),
  types: Object.freeze({ names: [], codes: new Uint32Array(0) }),
  bodies: [],
});

/** Rows as columns (EventColumns). */
export function columnsOf(rows: readonly EventRow[]): EventColumns {
  const types = new TypeColumnBuilder(rows.length);
  for (const r of rows) types.push(r.type);
  return {
    seqs: Float64Array.from(rows, (r) => r.seq),
    ts: Float64Array.from(rows, (r) => r.ts),
    types: types.build(),
    bodies: rows.map((r) => r.body),
  };
}

/** Rows from..to (exclusive) of `c`; `c` itself when that is all of it. */
export function sliceColumns(c: EventColumns, from: number, to: number): EventColumns {
  const n = c.seqs.length;
  if (from <= 0 && to >= n) return c;
  return {
    seqs: c.seqs.slice(from, to),
    ts: c.ts.slice(from, to),
    types: { names: c.types.names, codes: c.types.codes.slice(from, to) },
    bodies: sliceBodies(c.bodies, from, to),
  };
}

/** Columns back to row objects. */
export function rowsOf(c: EventColumns): EventRow[] {
  const rows: EventRow[] = [];
  for (let i = 0; i < c.seqs.length; i++) rows.push({ seq: c.seqs[i]!, ts: c.ts[i]!, type: typeAt(c.types, i), body: bodyAt(c.bodies, i) });
  return rows;
}
