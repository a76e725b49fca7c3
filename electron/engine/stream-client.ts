/**
 * The stream client: one socket.io connection to a protocol-v1 source (`<url>/live`), turning
 * what arrives into contiguous, deduplicated rows for the store and acking only what is durable.
 *
 * - auth `{ token, rooms, resume }` where `resume` holds the durable last seq of every session
 *   known, rebuilt at every (re)connect;
 * - reconnect with exponential backoff + jitter (capped at 5 s) after any loss, except a refused
 *   token (`unauthorized`) or a protocol it does not speak, which stop it with a one-line error;
 * - per batch: validateBatch, then intake.ts (validateEvent per event, dedupe, holes, gaps);
 *   events after a hole are dropped and asked for again with `resume`;
 * - writes go to the sink one session at a time in order; the ack `{ok:true, upTo}` is sent only
 *   after the sink's promise resolved, on the same connection the batch came on. A failing sink
 *   (disk full, writer busy) is retried with backoff and nothing is acked meanwhile;
 * - back-pressure: at most `maxInFlightEvents` / `maxInFlightBytes` handed to the writer and not
 *   yet committed. A batch arriving over the bound is dropped unacked (counted `backpressure`) and
 *   asked for again with `resume` once the writer caught up: memory stays bounded whatever the
 *   source does.
 * - a hostile or broken source is bounded too (docs/security.md): WebSocket transport only (a
 *   polling body has no size limit), frames of at most `maxMessageBytes` (16 MiB; a larger one is
 *   dropped by the transport before it is buffered, with the connection, and logged once with its
 *   reason), batches of at most MAX_BATCH_EVENTS (refused whole: `batch_too_large`), at most
 *   `maxSessions` sessions opened by the source and not ended, at most `maxPendingGaps` announced
 *   gaps not reached per session — each refusal counted under its reason.
 */
import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import type { ConnectionState } from '../../shared/api/contract';
import { LIVE_NAMESPACE, MAX_BATCH_EVENTS, PROTOCOL_VERSION, type BatchAck } from '../../shared/protocol/messages';
import { validateBatch } from '../../shared/protocol/validate';
import { backoffDelay, type BackoffOptions } from './backoff';
import { EMPTY_COLUMNS, rowsOf, sliceColumns, type EventColumns } from '../store/event-columns';
import { eventSpans, rawTextParser } from './raw-frame';
import { takeBatch, type AcceptedEvent, type EventRow, type GapRange, type PendingGaps, type RejectRow } from './intake';
import { RejectLog } from './reject-log';
import type { Logger } from '../runtime/logger';

export type { AcceptedEvent, EventColumns, EventRow, GapRange, RejectRow } from './intake';

type SinkResult = { lastSeq: number; inserted?: number };

/** Where rows go: resolves after COMMIT with the highest contiguous seq now durable. */
export interface StreamSink {
  write(sessionId: string, rows: EventRow[], rejects: RejectRow[], gaps: GapRange[]): Promise<SinkResult>;
  /** the same with the rows column by column; used instead of write() when the sink has it */
  writeColumns?(sessionId: string, rows: EventColumns, rejects: RejectRow[], gaps: GapRange[]): Promise<SinkResult>;
}

/** One write of a batch, and its first attempt when it was sent ahead of the queue. */
interface WriteChunk {
  rows: EventColumns;
  rejects: RejectRow[];
  gaps: GapRange[];
  first: Promise<Settled<SinkResult>> | null;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects (a failure is handled when the queue reaches it, not as unhandled). */
function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
}

export interface StreamClientOptions {
  /** source base URL, e.g. http://127.0.0.1:7001; the client connects to url + '/live' */
  url: string;
  token?: string;
  rooms?: string[];
  sink: StreamSink;
  /** durable last seq per session (from the store), so a restart resumes where it stopped */
  lastSeqs?: Record<string, number>;
  logger?: Logger;
  /** events handed to the writer and not yet committed; over it, batches are withheld */
  maxInFlightEvents?: number;
  maxInFlightBytes?: number;
  /** rows per sink call (a larger batch is written in several calls, acked after the last) */
  chunkEvents?: number;
  backoff?: BackoffOptions;
  /** delays between retries of a failing sink write */
  retry?: BackoffOptions;
  /** every accepted event, in seq order, as it is handed to the writer */
  onEvents?: (sessionId: string, events: AcceptedEvent[]) => void;
  /** label shown in ConnectionState.source (default: the url) */
  sourceLabel?: string;
  /** largest frame the transport takes (default 16 MiB); a larger one drops the connection */
  maxMessageBytes?: number;
  /** sessions the source opened (not known from the store) and not ended, at most (default 64) */
  maxSessions?: number;
  /** announced gaps not reached yet, per session, at most (default 1000) */
  maxPendingGaps?: number;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_SESSIONS = 64;
export const DEFAULT_MAX_PENDING_GAPS = 1000;

export interface StreamStats {
  eventsStored: number;
  rejected: Record<string, number>;
  acks: number;
  writeFailures: number;
  resumesAsked: number;
  connects: number;
  inFlightEvents: number;
  /** the last ≤ 1000 delays between a batch's arrival and its ack, ms */
  ackLatencyMs: number[];
}

interface Flow {
  /** opened by the source during this client (not known from the store) and not ended: counted against maxSessions */
  open: boolean;
  durable: number;
  accepted: number;
  pending: PendingGaps;
  tail: Promise<void>;
  paused: boolean;
  needsResume: boolean;
  lastResume: { afterSeq: number; at: number } | null;
}

class ClosedError extends Error {}

/** ws's refusal of a frame over maxPayload, as socket.io-client reports the disconnect. */
function isFrameTooLarge(details: unknown): boolean {
  const inner = (details as { description?: { code?: unknown; message?: unknown } } | undefined)?.description;
  return inner?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' || (typeof inner?.message === 'string' && /max payload size exceeded/i.test(inner.message));
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

const RESUME_REPEAT_MS = 2000;
const LATENCY_SAMPLES = 1000;

export class StreamClient extends EventEmitter {
  private readonly opts: StreamClientOptions;
  private readonly rejects: RejectLog;
  private readonly flows = new Map<string, Flow>();
  private socket: Socket | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private state: ConnectionState;
  private inFlightEvents = 0;
  private inFlightBytes = 0;
  private acks = 0;
  private writeFailures = 0;
  private resumesAsked = 0;
  private connects = 0;
  /** flows with `open` set */
  private openSessions = 0;
  private readonly latency: number[] = [];

  constructor(opts: StreamClientOptions) {
    super();
    this.opts = opts;
    this.rejects = new RejectLog(opts.logger);
    for (const [sessionId, seq] of Object.entries(opts.lastSeqs ?? {})) this.flow(sessionId, seq);
    this.state = {
      phase: 'idle', source: opts.sourceLabel ?? opts.url, attempt: 0, lastEventAt: null, error: null,
      rejected: {}, eventsStored: 0,
    };
  }

  /** Connect (and keep reconnecting until close()). */
  start(): void {
    if (this.socket || this.closed) return;
    this.setState({ phase: 'connecting' });
    const socket: Socket = io(this.opts.url.replace(/\/+$/, '') + LIVE_NAMESPACE, {
      // our own reconnect loop: it rebuilds `auth.resume` and counts attempts for the status bar
      reconnection: false,
      // never long-polling: its bodies have no size limit, a WebSocket frame has maxPayload
      transports: ['websocket'],
      // not in socket.io-client's types, but handed to ws by engine.io-client's websocket.node;
      // ws refuses a frame whose header announces more, before buffering any of it
      ...({ maxPayload: this.opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES } as object),
      // the default wire format; the decoder also keeps each batch's text (raw-frame.ts)
      parser: rawTextParser,
      timeout: 10_000,
      auth: (cb) => cb({ token: this.opts.token, rooms: this.opts.rooms, resume: this.durableSeqs() }),
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.connects++;
      for (const flow of this.flows.values()) flow.lastResume = null;
      this.setState({ phase: 'live', attempt: 0, error: null });
    });
    socket.on('connect_error', (err: Error) => {
      if (err.message === 'unauthorized') return this.stop('unauthorized');
      this.scheduleReconnect(err.message);
    });
    socket.on('disconnect', (reason: string, details?: unknown) => {
      if (this.closed) return;
      if (reason === 'parse error') this.rejects.add('not_json', 1, 'frame the socket.io parser refused');
      if (isFrameTooLarge(details)) {
        const limit = this.opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
        this.rejects.add('frame_too_large', 1, `the source sent a frame over ${formatBytes(limit)} (the maximum message size); the transport dropped it and the connection`);
        reason = `frame over ${formatBytes(limit)}`;
      }
      this.scheduleReconnect(reason);
    });
    socket.on('hello', (msg: unknown) => this.onHello(msg));
    socket.on('batch', (msg: unknown, ack?: unknown) => this.onBatch(socket, msg, ack));
    socket.on('gap', (msg: unknown) => this.onGap(msg));
  }

  /** Stop reconnecting, disconnect, and wait for the writes already handed to the sink. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.socket?.disconnect();
    this.socket?.removeAllListeners();
    await Promise.all([...this.flows.values()].map((f) => f.tail));
    this.setState({ phase: 'stopped', attempt: 0, error: null });
  }

  /** Close the transport as a network loss would (the client reconnects and resumes). */
  dropTransport(): void {
    this.socket?.io.engine?.close();
  }

  connectionState(): ConnectionState {
    return { ...this.state, rejected: this.rejects.snapshot() };
  }

  /** Durable (committed) last seq per session. */
  durableSeqs(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [id, flow] of this.flows) out[id] = flow.durable;
    return out;
  }

  stats(): StreamStats {
    return {
      eventsStored: this.state.eventsStored,
      rejected: this.rejects.snapshot(),
      acks: this.acks,
      writeFailures: this.writeFailures,
      resumesAsked: this.resumesAsked,
      connects: this.connects,
      inFlightEvents: this.inFlightEvents,
      ackLatencyMs: [...this.latency],
    };
  }

  // ── connection ────────────────────────────────────────────────────────────────────────────

  private setState(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch };
    this.emit('state', this.connectionState());
  }

  private stop(error: string): void {
    this.opts.logger?.(`stream: stopped: ${error}`);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.socket?.disconnect();
    this.setState({ phase: 'stopped', error });
  }

  private scheduleReconnect(reason: string): void {
    if (this.closed || this.state.phase === 'stopped' || this.reconnectTimer) return;
    const attempt = this.state.attempt + 1;
    const delay = backoffDelay(attempt, { maxMs: 5000, ...this.opts.backoff });
    this.setState({ phase: 'reconnecting', attempt, error: reason });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closed && this.state.phase !== 'stopped') this.socket?.connect();
    }, delay);
  }

  private onHello(msg: unknown): void {
    const protocol = (msg as { protocol?: unknown } | null)?.protocol;
    if (protocol !== PROTOCOL_VERSION) {
      this.stop(`unsupported protocol ${JSON.stringify(protocol ?? null)?.slice(0, 40)} (this version speaks ${PROTOCOL_VERSION})`);
    }
  }

  // ── batches ───────────────────────────────────────────────────────────────────────────────

  private flow(sessionId: string, durable = 0, open = false): Flow {
    let flow = this.flows.get(sessionId);
    if (!flow) {
      flow = { open, durable, accepted: durable, pending: new Map(), tail: Promise.resolve(), paused: false, needsResume: false, lastResume: null };
      this.flows.set(sessionId, flow);
      if (open) this.openSessions++;
    }
    return flow;
  }

  /** The flow of a session the source names; null (counted) when it is new and the source has too many open. */
  private sourceFlow(sessionId: string): Flow | null {
    const known = this.flows.get(sessionId);
    if (known) return known;
    const max = this.opts.maxSessions ?? DEFAULT_MAX_SESSIONS;
    if (this.openSessions >= max) {
      this.rejects.add('too_many_sessions', 1, `session ${sessionId.slice(0, 60)} refused: the source already has ${max} sessions open (not ended)`);
      return null;
    }
    return this.flow(sessionId, 0, true);
  }

  private ended(flow: Flow): void {
    if (!flow.open) return;
    flow.open = false;
    this.openSessions--;
  }

  private overBound(): boolean {
    return (
      this.inFlightEvents >= (this.opts.maxInFlightEvents ?? 200_000) ||
      this.inFlightBytes >= (this.opts.maxInFlightBytes ?? 64 * 1024 * 1024)
    );
  }

  private onBatch(socket: Socket, payload: unknown, ack: unknown): void {
    const arrivedAt = Date.now();
    const connectionId = socket.id;
    const reply = (value: BatchAck): void => {
      // an ack id belongs to the connection the batch came on: never answer on a newer one
      if (typeof ack !== 'function' || !socket.connected || socket.id !== connectionId) return;
      try {
        ack(value);
      } catch {
        /* a broken ack callback must not take the client down */
      }
    };
    this.state.lastEventAt = arrivedAt;
    const batch = validateBatch(payload);
    if (!batch.ok) {
      this.rejects.add(batch.reason, 1, batch.detail);
      reply({ ok: false, error: batch.reason });
      this.setState({});
      return;
    }
    const { sessionId, events } = batch;
    if (events.length > MAX_BATCH_EVENTS) {
      // refused whole, before a single event is looked at: the protocol's bound (a source that
      // sends 400,000 at once would otherwise have them all parsed, validated and held)
      this.rejects.add('batch_too_large', 1, `batch of ${events.length} events for ${sessionId.slice(0, 60)} (at most ${MAX_BATCH_EVENTS})`);
      reply({ ok: false, error: 'batch_too_large' });
      this.setState({});
      return;
    }
    const flow = this.sourceFlow(sessionId);
    if (!flow) {
      reply({ ok: false, error: 'too_many_sessions' });
      this.setState({});
      return;
    }
    if (flow.paused || this.overBound()) {
      // withheld: no ack, so the source's window fills and it stops; asked again after draining
      this.rejects.add('backpressure', events.length, `writer behind; ${events.length} events of ${sessionId.slice(0, 60)} asked again later`);
      flow.needsResume = true;
      this.setState({});
      return;
    }
    const r = takeBatch(sessionId, events, flow.accepted, flow.pending, arrivedAt, eventSpans(payload, events.length));
    flow.accepted = r.accepted;
    for (const [reason, n] of Object.entries(r.counts)) this.rejects.add(reason, n, r.details[reason as keyof typeof r.details]);
    if (r.hole) this.askResume(sessionId, flow);
    if (flow.open && r.events.length > 0 && r.events[r.events.length - 1]!.event.type === 'session.end') this.ended(flow);
    if (r.events.length > 0) this.opts.onEvents?.(sessionId, r.events);
    this.enqueue(sessionId, flow, r.rows, r.bytes, r.rejects, r.gaps, (upTo) => {
      reply({ ok: true, upTo });
      this.acks++;
      this.latency.push(Date.now() - arrivedAt);
      if (this.latency.length > LATENCY_SAMPLES) this.latency.shift();
    });
    this.setState({});
  }

  private onGap(msg: unknown): void {
    const m = msg as { sessionId?: unknown; from?: unknown; to?: unknown } | null;
    const ok =
      typeof m === 'object' && m !== null && typeof m.sessionId === 'string' && m.sessionId.length > 0 && m.sessionId.length <= 256 &&
      Number.isSafeInteger(m.from) && Number.isSafeInteger(m.to) && (m.from as number) >= 1 && (m.from as number) <= (m.to as number);
    if (!ok) {
      this.rejects.add('bad_batch', 1, 'gap without a usable sessionId/from/to');
      return;
    }
    const sessionId = m.sessionId as string;
    const from = m.from as number;
    const to = m.to as number;
    const flow = this.sourceFlow(sessionId);
    if (!flow) return;
    if (to <= flow.accepted) return; // already delivered or covered
    const start = Math.max(from, flow.accepted + 1);
    const maxGaps = this.opts.maxPendingGaps ?? DEFAULT_MAX_PENDING_GAPS;
    if (!flow.pending.has(start) && flow.pending.size >= maxGaps) {
      // not recorded: when the events reach it, the hole is asked for again with `resume`
      this.rejects.add('too_many_gaps', 1, `gap ${from}–${to} of ${sessionId.slice(0, 60)}: ${maxGaps} gaps already pending`);
      return;
    }
    flow.pending.set(start, Math.max(flow.pending.get(start) ?? 0, to));
    if (start !== flow.accepted + 1) return; // recorded when the seqs before it arrive
    const r = takeBatch(sessionId, [], flow.accepted, flow.pending);
    flow.accepted = r.accepted;
    this.enqueue(sessionId, flow, EMPTY_COLUMNS, 0, [], r.gaps, () => undefined);
  }

  private askResume(sessionId: string, flow: Flow, force = false): void {
    const now = Date.now();
    const last = flow.lastResume;
    if (!force && last && last.afterSeq === flow.accepted && now - last.at < RESUME_REPEAT_MS) return;
    if (!this.socket?.connected) return; // the reconnect's auth.resume asks instead
    flow.lastResume = { afterSeq: flow.accepted, at: now };
    this.resumesAsked++;
    this.socket.emit('resume', { sessionId, afterSeq: flow.accepted });
  }

  /**
   * Append a write to the session's queue; `done(lastSeq)` after it (and all before it) committed.
   *
   * The rows go to the writer at once, not when the session's previous write has committed: the
   * worker commits in the order it receives, and waiting for each commit left it idle while this
   * thread worked on the next batch (one room ingested ≈ 30 % slower than the same events spread
   * over eight). Acks still go out in order, each only once its own write and every earlier one
   * committed. A first attempt that fails is retried in queue order (writeWithRetry), and the
   * writer's contiguity tracking keeps `lastSeq` below any hole a failed write left.
   */
  private enqueue(
    sessionId: string,
    flow: Flow,
    rows: EventColumns,
    bytes: number,
    rejects: RejectRow[],
    gaps: GapRange[],
    done: (lastSeq: number) => void,
  ): void {
    const events = rows.seqs.length + rejects.length;
    this.inFlightEvents += events;
    this.inFlightBytes += bytes;
    const chunks = events > 0 || gaps.length > 0 ? this.chunksOf(rows, rejects, gaps) : [];
    // while the store is failing, no early attempts: the queue retries one write at a time
    if (!flow.paused) for (const c of chunks) c.first = settle(this.sinkWrite(sessionId, c.rows, c.rejects, c.gaps));
    flow.tail = flow.tail
      .then(async () => {
        for (const c of chunks) {
          const res = await this.writeWithRetry(sessionId, flow, c.rows, c.rejects, c.gaps, c.first);
          flow.durable = Math.max(flow.durable, res.lastSeq);
          const stored = res.inserted ?? c.rows.seqs.length;
          this.state.eventsStored += stored;
          if (stored > 0) this.emit('stored', sessionId, flow.durable);
        }
        done(flow.durable);
      })
      .catch((err) => {
        if (!(err instanceof ClosedError)) this.opts.logger?.(`stream: write of ${sessionId} failed: ${String(err)}`);
      })
      .finally(() => {
        this.inFlightEvents -= events;
        this.inFlightBytes -= bytes;
        this.afterDrain();
      });
  }

  /**
   * The writes of one batch: chunks of at most `chunkEvents` rows. Rejects and gaps ride with the
   * last chunk (the simplest correct choice: lastSeq only moves past them once the rows before
   * them are durable).
   */
  private chunksOf(rows: EventColumns, rejects: RejectRow[], gaps: GapRange[]): WriteChunk[] {
    const size = this.opts.chunkEvents ?? MAX_BATCH_EVENTS;
    const total = rows.seqs.length;
    const chunks: WriteChunk[] = [];
    for (let i = 0; i < total || i === 0; i += size) {
      const last = i + size >= total;
      chunks.push({ rows: sliceColumns(rows, i, i + size), rejects: last ? rejects : [], gaps: last ? gaps : [], first: null });
      if (last) break;
    }
    return chunks;
  }

  /** async: a sink that throws at once fails this promise instead of the caller */
  private async sinkWrite(sessionId: string, rows: EventColumns, rejects: RejectRow[], gaps: GapRange[]): Promise<SinkResult> {
    const sink = this.opts.sink;
    return sink.writeColumns ? sink.writeColumns(sessionId, rows, rejects, gaps) : sink.write(sessionId, rowsOf(rows), rejects, gaps);
  }

  /** The write, retried with backoff until it commits; attempt 1 is `first` when it was already sent. */
  private async writeWithRetry(
    sessionId: string,
    flow: Flow,
    rows: EventColumns,
    rejects: RejectRow[],
    gaps: GapRange[],
    first: Promise<Settled<SinkResult>> | null,
  ): Promise<SinkResult> {
    for (let attempt = 1; ; attempt++) {
      if (this.closed && attempt > 1) throw new ClosedError();
      try {
        const early = attempt === 1 && first ? await first : null;
        if (early && !early.ok) throw early.error;
        const res = early ? early.value : await this.sinkWrite(sessionId, rows, rejects, gaps);
        if (flow.paused) {
          flow.paused = false;
          this.setState({ error: null });
        }
        return res;
      } catch (err) {
        this.writeFailures++;
        flow.paused = true;
        const message = err instanceof Error ? err.message : String(err);
        this.opts.logger?.(`stream: store write failed (${message.slice(0, 120)}); not acking, retry ${attempt}`);
        this.setState({ error: message.slice(0, 200) });
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, { minMs: 100, maxMs: 2000, ...this.opts.retry })));
      }
    }
  }

  private afterDrain(): void {
    if (this.overBound()) return;
    for (const [sessionId, flow] of this.flows) {
      if (flow.needsResume && !flow.paused) {
        flow.needsResume = false;
        this.askResume(sessionId, flow, true);
      }
    }
    this.setState({});
  }
}
