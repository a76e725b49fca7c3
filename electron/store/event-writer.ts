/**
 * The one writer of raw events (sync core; writer-worker.ts runs it off the main thread).
 *
 * - One transaction per writeBatch: the rows, their rejects and gaps, and the sessions row are
 *   durable together or not at all, so a caller may ack exactly when this returns.
 * - `INSERT OR IGNORE` on (session_id, seq): at-least-once re-delivery stores nothing twice;
 *   the ignored rows are counted as duplicates.
 * - `lastSeq` per session = the highest contiguous seq stored, rejected-with-a-seq (counts as
 *   delivered, docs/protocol.md) or covered by a recorded gap — tracked in memory (contiguity.ts),
 *   loaded from the sessions table on construction and from the rows above it on first use.
 * - Only `session.start` / `session.end` bodies are parsed (for the sessions row); every other
 *   body is stored as the exact string received.
 */
import type Database from 'better-sqlite3';
import { cover, EMPTY_COVERAGE, runsOf, type Coverage } from './contiguity';
import { toStoreError } from './errors';
import { bodiesLength, bodyAt, columnsOf, type EventColumns, type EventRow } from './event-columns';

export type { EventColumns, EventRow } from './event-columns';


export interface RejectRow { seq: number | null; reason: string; detail: string; at: number }
export interface GapRange { from: number; to: number }
export interface WriteResult { inserted: number; duplicates: number; lastSeq: number }

/** Rows per multi-row INSERT: fewer JS→SQLite calls (see the speed note at insertRows). */
const CHUNK = 32;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function parse(body: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export class EventWriter {
  private readonly coverage = new Map<string, Coverage>();
  private readonly loaded = new Set<string>();
  private readonly insertOne: Database.Statement;
  private readonly insertMany: Database.Statement;
  private readonly args: unknown[] = new Array(CHUNK * 5);
  private readonly insertOneBytes: Database.Statement;
  private readonly insertManyBytes: Database.Statement;
  private readonly byteArgs: unknown[] = new Array(CHUNK * 6);
  /** the named parameter @b of the byte statements: the bytes their bodies are cut from */
  private readonly chunk: { b: Uint8Array | null } = { b: null };
  private readonly ensureSession: Database.Statement;
  private readonly setStart: Database.Statement;
  private readonly setEnd: Database.Statement;
  private readonly setProgress: Database.Statement;
  private readonly insertReject: Database.Statement;
  private readonly insertGap: Database.Statement;
  private readonly rowsAbove: Database.Statement;
  private readonly gapsAbove: Database.Statement;
  private readonly rejectsAbove: Database.Statement;
  private readonly tx: Database.Transaction<(sessionId: string, rows: EventColumns, rejects: RejectRow[], gaps: GapRange[], next: Coverage) => number>;

  constructor(
    private readonly db: Database.Database,
  ) {
    this.insertOne = db.prepare('INSERT OR IGNORE INTO events (session_id, seq, ts, type, body) VALUES (?, ?, ?, ?, ?)');
    this.insertMany = db.prepare(
      `INSERT OR IGNORE INTO events (session_id, seq, ts, type, body) VALUES ${Array(CHUNK).fill('(?, ?, ?, ?, ?)').join(', ')}`,
    );
    // bodies given as UTF-8 bytes: the bytes of 32 bodies bound once as a BLOB, each body cut
    // from it (substr of a BLOB counts bytes) and stored as TEXT — CAST of a BLOB to TEXT takes
    // the bytes as they are (the database encoding is UTF-8), so no string is ever built
    const fromBytes = '(?, ?, ?, ?, CAST(substr(@b, ?, ?) AS TEXT))';
    this.insertOneBytes = db.prepare(`INSERT OR IGNORE INTO events (session_id, seq, ts, type, body) VALUES ${fromBytes}`);
    this.insertManyBytes = db.prepare(`INSERT OR IGNORE INTO events (session_id, seq, ts, type, body) VALUES ${Array(CHUNK).fill(fromBytes).join(', ')}`);
    this.ensureSession = db.prepare('INSERT INTO sessions (session_id, started_at) VALUES (?, ?) ON CONFLICT (session_id) DO NOTHING');
    this.setStart = db.prepare(
      `UPDATE sessions SET room_id = ?, title = ?, shop_id = ?, host_id = ?, host_name = ?, host_kind = ?,
         started_at = coalesce(?, started_at) WHERE session_id = ?`,
    );
    this.setEnd = db.prepare('UPDATE sessions SET ended_at = ? WHERE session_id = ?');
    this.setProgress = db.prepare('UPDATE sessions SET last_seq = ?, events = events + ? WHERE session_id = ?');
    this.insertReject = db.prepare('INSERT INTO rejects (session_id, seq, reason, detail, at) VALUES (?, ?, ?, ?, ?)');
    this.insertGap = db.prepare(
      `INSERT INTO gaps (session_id, from_seq, to_seq) VALUES (?, ?, ?)
       ON CONFLICT (session_id, from_seq) DO UPDATE SET to_seq = max(to_seq, excluded.to_seq)`,
    );
    this.rowsAbove = db.prepare('SELECT seq FROM events WHERE session_id = ? AND seq > ? ORDER BY seq').pluck();
    this.gapsAbove = db.prepare('SELECT from_seq, to_seq FROM gaps WHERE session_id = ? AND to_seq > ?').raw();
    this.rejectsAbove = db.prepare('SELECT seq FROM rejects WHERE session_id = ? AND seq > ?').pluck();
    for (const row of db.prepare('SELECT session_id, last_seq FROM sessions').raw().iterate() as IterableIterator<[string, number]>) {
      this.coverage.set(row[0], { last: row[1], ahead: [] });
    }
    this.tx = db.transaction((sessionId, rows, rejects, gaps, next) => this.writeTx(sessionId, rows, rejects, gaps, next));
  }

  /** Highest contiguous durable seq of every session in the store. */
  lastSeqs(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [id, c] of this.coverage) out[id] = c.last;
    return out;
  }

  /** Store one batch of one session in one transaction. Throws StoreError (disk_full, locked …). */
  writeBatch(sessionId: string, rows: EventRow[], rejects: RejectRow[] = [], gaps: GapRange[] = []): WriteResult {
    return this.writeColumns(sessionId, columnsOf(rows), rejects, gaps);
  }

  /** writeBatch with the rows column by column (all four arrays of the same length). */
  writeColumns(sessionId: string, rows: EventColumns, rejects: RejectRow[] = [], gaps: GapRange[] = []): WriteResult {
    try {
      const n = rows.seqs.length;
      const nb = bodiesLength(rows.bodies);
      const nt = rows.types.codes.length;
      if (rows.ts.length !== n || nt !== n || nb !== n) {
        throw new Error(`event columns of different lengths (${n}, ${rows.ts.length}, ${nt}, ${nb})`);
      }
      for (let i = 0; i < nt; i++) if (rows.types.codes[i]! >= rows.types.names.length) throw new Error(`event type ${i} outside its names`);
      if (!Array.isArray(rows.bodies)) {
        const { bytes, spans } = rows.bodies;
        for (let i = 0; i < spans.length; i += 2) {
          if (spans[i]! >= spans[i + 1]! || spans[i + 1]! > bytes.byteLength) throw new Error(`event body ${i >> 1} outside its bytes`);
        }
      }
      const before = this.coverageOf(sessionId);
      const ranges: [number, number][] = runsOf(rows.seqs);
      for (const r of rejects) if (r.seq !== null) ranges.push([r.seq, r.seq]);
      for (const g of gaps) if (g.to >= g.from) ranges.push([g.from, g.to]);
      const next = cover(before, ranges);
      const inserted = this.tx(sessionId, rows, rejects, gaps, next);
      // only after COMMIT: a failed transaction leaves the tracker as it was
      this.coverage.set(sessionId, next);
      return { inserted, duplicates: n - inserted, lastSeq: next.last };
    } catch (err) {
      throw toStoreError(err, this.db.name);
    }
  }

  private coverageOf(sessionId: string): Coverage {
    const known = this.coverage.get(sessionId) ?? EMPTY_COVERAGE;
    if (this.loaded.has(sessionId)) return known;
    // first use in this process: what is stored above last_seq (rows past a hole, later gaps)
    const ranges: [number, number][] = runsOf(this.rowsAbove.all(sessionId, known.last) as number[]);
    for (const seq of this.rejectsAbove.all(sessionId, known.last) as number[]) ranges.push([seq, seq]);
    for (const [from, to] of this.gapsAbove.all(sessionId, known.last) as [number, number][]) ranges.push([from, to]);
    const loaded = cover({ last: known.last, ahead: [] }, ranges);
    this.coverage.set(sessionId, loaded);
    this.loaded.add(sessionId);
    return loaded;
  }

  private writeTx(sessionId: string, rows: EventColumns, rejects: RejectRow[], gaps: GapRange[], next: Coverage): number {
    const fallbackStart = rows.ts[0] ?? rejects[0]?.at ?? Date.now();
    this.ensureSession.run(sessionId, fallbackStart);
    const inserted = this.insertRows(sessionId, rows);
    const { names, codes } = rows.types;
    const start = names.indexOf('session.start');
    const end = names.indexOf('session.end');
    if (start >= 0 || end >= 0) {
      for (let i = 0; i < codes.length; i++) {
        if (codes[i] === start) this.applyStart(sessionId, bodyAt(rows.bodies, i));
        else if (codes[i] === end) this.applyEnd(sessionId, bodyAt(rows.bodies, i));
      }
    }
    const covered = this.coverage.get(sessionId)?.last ?? 0;
    for (const r of rejects) {
      // a reject whose seq is already covered is a re-delivery of one recorded before
      if (r.seq !== null && r.seq <= covered) continue;
      this.insertReject.run(sessionId, r.seq, r.reason, r.detail, r.at);
    }
    for (const g of gaps) if (g.to >= g.from) this.insertGap.run(sessionId, g.from, g.to);
    this.setProgress.run(next.last, inserted, sessionId);
    return inserted;
  }

  /**
   * Speed note (5,000-row batches, ~200-byte bodies, this machine, noisy): one reused prepared
   * 32-row `INSERT … VALUES (…), (…)` statement does ≈310–385k rows/s against ≈280–310k rows/s for
   * one `run()` per row — the per-call cost of crossing into SQLite is paid 32× less often; the
   * rest is SQLite's b-tree work. EventWriter as a whole measures ≈320–360k rows/s, i.e. what
   * the bare multi-row insert does (test/electron/store/writer-speed.test.ts prints it).
   */
  private insertRows(sessionId: string, rows: EventColumns): number {
    if (!Array.isArray(rows.bodies)) return this.insertRowsFromBytes(sessionId, rows, rows.bodies.bytes, rows.bodies.spans);
    const { seqs, ts, bodies } = rows;
    const { names, codes } = rows.types;
    let inserted = 0;
    let i = 0;
    const args = this.args;
    for (; i + CHUNK <= seqs.length; i += CHUNK) {
      for (let j = 0; j < CHUNK; j++) {
        const o = j * 5;
        args[o] = sessionId;
        args[o + 1] = seqs[i + j];
        args[o + 2] = ts[i + j];
        args[o + 3] = names[codes[i + j]!];
        args[o + 4] = bodyAt(bodies, i + j);
      }
      inserted += this.insertMany.run(args).changes;
    }
    for (; i < seqs.length; i++) {
      inserted += this.insertOne.run(sessionId, seqs[i], ts[i], names[codes[i]!], bodyAt(bodies, i)).changes;
    }
    return inserted;
  }

  /** insertRows with the bodies as spans of UTF-8 bytes (see the statements in the constructor). */
  private insertRowsFromBytes(sessionId: string, rows: EventColumns, bytes: Uint8Array, spans: Uint32Array): number {
    const { seqs, ts } = rows;
    const { names, codes } = rows.types;
    const args = this.byteArgs;
    const chunk = this.chunk;
    let inserted = 0;
    let i = 0;
    try {
      for (; i + CHUNK <= seqs.length; i += CHUNK) {
        const from = spans[2 * i]!;
        chunk.b = bytes.subarray(from, spans[2 * (i + CHUNK - 1) + 1]!);
        for (let j = 0; j < CHUNK; j++) {
          const o = j * 6;
          const k = 2 * (i + j);
          args[o] = sessionId;
          args[o + 1] = seqs[i + j];
          args[o + 2] = ts[i + j];
          args[o + 3] = names[codes[i + j]!];
          args[o + 4] = spans[k]! - from + 1; // substr counts from 1
          args[o + 5] = spans[k + 1]! - spans[k]!;
        }
        inserted += this.insertManyBytes.run(args, chunk).changes;
      }
      for (; i < seqs.length; i++) {
        chunk.b = bytes.subarray(spans[2 * i]!, spans[2 * i + 1]!);
        inserted += this.insertOneBytes.run(sessionId, seqs[i], ts[i], names[codes[i]!], 1, chunk.b.byteLength, chunk).changes;
      }
    } finally {
      chunk.b = null; // the batch's bytes are not kept alive by the writer
    }
    return inserted;
  }

  private applyStart(sessionId: string, body: string): void {
    const b = parse(body);
    if (!b) return;
    const host = (typeof b.host === 'object' && b.host !== null ? b.host : {}) as Record<string, unknown>;
    const shop = (typeof b.shop === 'object' && b.shop !== null ? b.shop : {}) as Record<string, unknown>;
    const kind = host.kind === 'self' || host.kind === 'talent' ? host.kind : null;
    this.setStart.run(str(b.roomId), str(b.title), str(shop.id), str(host.id), str(host.name), kind, int(b.startedAt), sessionId);
  }

  private applyEnd(sessionId: string, body: string): void {
    const endedAt = int(parse(body)?.endedAt);
    if (endedAt !== null) this.setEnd.run(endedAt, sessionId);
  }
}
