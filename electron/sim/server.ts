/**
 * The simulator — or any ShowSource, e.g. a recorded session (`luopan sim --replay`) — as a
 * protocol-v1 socket.io source (docs/protocol.md): namespace `/live`,
 * `hello` first, per session a batch of ≤ 5,000 ascending events every ≥ 50 ms with an ack
 * callback, unacked events re-sent after a reconnect or an ack timeout (at-least-once),
 * `resume` and `auth.resume` honoured, `gap` for seqs it no longer holds, token refusal with
 * `connect_error: unauthorized`, a `rooms` filter.
 *
 * Pacing: show time = wall time since the server started × `speed` (event times run from
 * `startAt`). A client resuming beyond what was generated (a restarted source) fast-forwards the
 * generator to its seq, and the pace continues from there. A connection that says nothing about
 * a session gets everything not yet acked. Generation never runs more than BUFFER_CAP events ahead of the acks,
 * so a slow client slows the show instead of growing memory. With `speed: Infinity` events are
 * generated as fast as the client acks, with at most WINDOW events per session in flight, so
 * memory stays bounded whatever the speed. Events are kept only until acked.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Namespace, type ServerOptions, type Socket } from 'socket.io';
import { LIVE_NAMESPACE, MAX_BATCH_EVENTS, MIN_BATCH_INTERVAL_MS, PROTOCOL_VERSION } from '../../shared/protocol/messages';
import { createShows } from './show';
import type { ShowSource, SimEvent } from './show-source';

export type { ShowSource, SimEvent } from './show-source';

export interface SimOptions {
  port?: number;
  host?: string;
  seed?: number;
  /** show-minutes per wall-minute; Infinity = as fast as the client acks */
  speed?: number;
  rooms?: number;
  /** show minutes before each session ends; undefined = endless */
  durationMin?: number;
  token?: string;
  /** epoch ms of the show start; the same seed + startAt re-creates the same sessions */
  startAt?: number;
  /** show minutes over which each show's after-sale (days of event time) is delivered; 0 (default) = right after the end */
  afterSaleMin?: number;
  /** serve these sessions instead of generating shows (seed, rooms, durationMin, startAt, afterSaleMin unused) — e.g. recorded ones (./recorded-show.ts) */
  shows?: ShowSource[];
  /** the `hello` source name (default `luopan-sim seed=S`) */
  sourceName?: string;
  /** how batches go on the wire, when not socket.io's plain way (see SimTransport) */
  transport?: SimTransport;
}

/**
 * A hook into how the server puts shows on the wire — for a source that must cost the machine
 * as little as a remote one would (bench:ingest pre-renders every batch before the clock:
 * bench/prerender.ts). Every part is optional; without it, batches are plain `socket.emit`s.
 */
export interface SimTransport {
  /** wrap each show before the server listens (e.g. generate and render it whole) */
  prepare?(show: ShowSource, opts: SimOptions): ShowSource;
  /** socket.io Server options merged over the server's own (e.g. a `parser`) */
  serverOptions?: Partial<ServerOptions>;
  /** emit one batch of `show` (default: `socket.emit('batch', payload, ack)`) */
  emitBatch?(socket: Socket, show: ShowSource, payload: { sessionId: string; events: SimEvent[] }, ack: (a: unknown) => void): void;
  /** counters of the transport's own for one show, added to its `sessions()` entry */
  counters?(show: ShowSource): Record<string, number>;
}

export interface SimSessionState {
  sessionId: string;
  roomId: string;
  generated: number;
  acked: number;
  ended: boolean;
  /** the transport's own counters (SimTransport.counters), when it has any */
  [counter: string]: string | number | boolean;
}

export interface SimServer {
  url: string;
  port: number;
  sessions(): SimSessionState[];
  finished: Promise<void>;
  close(): Promise<void>;
}

/**
 * Events in flight per session and connection before the source waits for acks. 60,000 (12 full
 * batches): with 20,000 a full-speed source with many rooms waited on its own window while the
 * recorder idled (bench:ingest 24 rooms, paired runs: 290–325k → 323–350k events/s); the
 * recorder bounds what it takes in by withholding acks, so a bigger window costs it nothing.
 */
const WINDOW = 60_000;
/** Events generated but not acked, per session, at most. */
const BUFFER_CAP = 2 * WINDOW;
/** An unacked batch is sent again after this long. */
const ACK_TIMEOUT_MS = 10_000;
/** After a refused batch (`{ok:false}`, e.g. the client's disk is full) wait this long before sending again. */
const REFUSED_BACKOFF_MS = 1_000;

interface Session {
  show: ShowSource;
  /** events not yet acked, buffer[0].seq === base */
  buffer: SimEvent[];
  base: number;
  acked: number;
  /** show ms added to the paced show time: a resumed restart fast-forwards the show and the pace continues from there */
  aheadMs: number;
}

interface Link {
  socket: Socket;
  /** per session: highest seq sent on this connection, and when the oldest unacked was sent */
  sent: Map<string, SendState>;
}

interface SendState {
  /** highest seq sent on this connection */
  upTo: number;
  /** when the oldest batch still unacked was sent (0 = none in flight) */
  at: number;
  /** when the last batch was sent (the protocol's ≥ 50 ms pace) */
  last: number;
  /** no sending before this time (after a refusal) */
  holdUntil: number;
}

export async function startSimServer(opts: SimOptions = {}): Promise<SimServer> {
  const seed = opts.seed ?? 1;
  const speed = opts.speed ?? 1;
  const wallStart = Date.now();
  const startAt = opts.startAt ?? wallStart;
  const sessions = new Map<string, Session>();
  const transport = opts.transport ?? {};
  const generated = opts.shows ?? createShows({ seed, rooms: opts.rooms ?? 1, startAt, durationMin: opts.durationMin, afterSaleMin: opts.afterSaleMin });
  const shows = transport.prepare ? generated.map((show) => transport.prepare!(show, opts)) : generated;
  const emitBatch = transport.emitBatch ?? ((socket, _show, payload, ack) => socket.emit('batch', payload, ack));
  for (const show of shows) {
    sessions.set(show.sessionId, { show, buffer: [], base: 1, acked: 0, aheadMs: 0 });
  }

  const http: HttpServer = createServer();
  const io = new Server(http, { maxHttpBufferSize: 64 * 1024 * 1024, serveClient: false, ...transport.serverOptions });
  const live: Namespace = io.of(LIVE_NAMESPACE);
  const links = new Set<Link>();

  live.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown };
    if (opts.token !== undefined && auth.token !== opts.token) return next(new Error('unauthorized'));
    next();
  });

  live.on('connection', (socket) => {
    const auth = (socket.handshake.auth ?? {}) as { rooms?: unknown; resume?: unknown };
    const rooms = Array.isArray(auth.rooms) ? new Set(auth.rooms.filter((r): r is string => typeof r === 'string')) : null;
    const link: Link = { socket, sent: new Map() };
    socket.emit('hello', { protocol: PROTOCOL_VERSION, source: opts.sourceName ?? `luopan-sim seed=${seed}`, time: Date.now() });
    for (const [id, s] of sessions) {
      if (rooms && !rooms.has(s.show.roomId)) continue;
      const resumeAt = typeof auth.resume === 'object' && auth.resume !== null ? (auth.resume as Record<string, unknown>)[id] : undefined;
      // a session the client says nothing about: everything not yet acked (at-least-once)
      const from = typeof resumeAt === 'number' && Number.isInteger(resumeAt) && resumeAt >= 0 ? resumeAt : s.acked;
      startFrom(link, id, s, from);
    }
    links.add(link);
    socket.on('resume', (msg: unknown) => {
      const { sessionId, afterSeq } = (msg ?? {}) as { sessionId?: unknown; afterSeq?: unknown };
      if (typeof sessionId !== 'string' || typeof afterSeq !== 'number' || !Number.isInteger(afterSeq) || afterSeq < 0) return;
      const s = sessions.get(sessionId);
      if (!s || (rooms && !rooms.has(s.show.roomId))) return;
      startFrom(link, sessionId, s, afterSeq);
    });
    socket.on('disconnect', () => links.delete(link));
  });

  /** Serve a session to a link from seq afterSeq + 1; what the source no longer holds is a gap. */
  function startFrom(link: Link, id: string, s: Session, afterSeq: number): void {
    // a restarted source: regenerate (deterministically) up to what the client already holds,
    // and let the pace continue from there instead of waiting for the wall clock to catch up
    const fastForward = !s.show.done && s.show.lastSeq < afterSeq;
    while (!s.show.done && s.show.lastSeq < afterSeq) {
      const events = s.show.advanceBy(MAX_BATCH_EVENTS);
      if (s.buffer.length === 0 && events.length) s.base = events[0]!.seq;
      s.buffer.push(...events);
      acknowledge(s, afterSeq); // trims as it goes: memory stays bounded
    }
    if (fastForward && speed !== Infinity) s.aheadMs = Math.max(s.aheadMs, s.show.showSeconds * 1000 - (Date.now() - wallStart) * speed);
    if (afterSeq > s.acked) acknowledge(s, afterSeq); // the client holds it durably
    if (afterSeq + 1 < s.base) {
      link.socket.emit('gap', { sessionId: id, from: afterSeq + 1, to: s.base - 1 });
      afterSeq = s.base - 1;
    }
    link.sent.set(id, { upTo: afterSeq, at: 0, last: 0, holdUntil: 0 });
  }

  function acknowledge(s: Session, upTo: number): void {
    const upToHeld = Math.min(upTo, s.show.lastSeq);
    if (upToHeld <= s.acked) return;
    s.acked = upToHeld;
    const drop = s.acked - s.base + 1;
    if (drop > 0) {
      s.buffer = drop >= s.buffer.length ? [] : s.buffer.slice(drop);
      s.base += drop;
    }
    checkFinished();
  }

  function generate(now: number): void {
    for (const s of sessions.values()) {
      if (s.show.done) continue;
      if (speed === Infinity) {
        const room = WINDOW - s.buffer.length;
        if (room <= 0) continue;
        const events = s.show.advanceBy(Math.min(room, MAX_BATCH_EVENTS));
        if (s.buffer.length === 0 && events.length) s.base = events[0]!.seq;
        s.buffer.push(...events);
      } else {
        if (s.buffer.length >= BUFFER_CAP) continue;
        const events = s.show.advanceTo((now - wallStart) * speed + s.aheadMs, BUFFER_CAP - s.buffer.length);
        if (s.buffer.length === 0 && events.length) s.base = events[0]!.seq;
        for (const e of events) s.buffer.push(e);
      }
    }
  }

  function send(now: number): void {
    for (const link of links) {
      for (const [id, state] of link.sent) {
        const s = sessions.get(id)!;
        if (state.upTo > s.acked && state.at > 0 && now - state.at > ACK_TIMEOUT_MS) state.upTo = s.acked; // re-send unacked
        if (state.upTo < s.acked) state.upTo = s.acked;
        if (now - state.last < MIN_BATCH_INTERVAL_MS || now < state.holdUntil) continue; // the protocol's pace: one batch per 50 ms
        const inFlight = state.upTo - s.acked;
        const from = state.upTo + 1;
        const available = s.base + s.buffer.length - from;
        const count = Math.min(MAX_BATCH_EVENTS, available, WINDOW - inFlight);
        if (count <= 0) continue;
        const start = from - s.base;
        const events = s.buffer.slice(start, start + count);
        const upTo = from + count - 1;
        if (state.upTo <= s.acked) state.at = now;
        state.upTo = upTo;
        state.last = now;
        emitBatch(link.socket, s.show, { sessionId: id, events }, (ack: unknown) => {
          const a = ack as { ok?: unknown; upTo?: unknown } | undefined;
          if (a && a.ok === true && typeof a.upTo === 'number' && Number.isFinite(a.upTo)) {
            acknowledge(s, Math.min(a.upTo, upTo)); // an ack covers at most what this batch carried
            state.at = state.upTo > s.acked ? Date.now() : 0;
          } else {
            // refused (or a malformed ack): send everything unacked again, after a pause
            state.upTo = Math.min(state.upTo, s.acked);
            state.at = 0;
            state.holdUntil = Date.now() + REFUSED_BACKOFF_MS;
          }
        });
      }
    }
  }

  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  function checkFinished(): void {
    for (const s of sessions.values()) if (!s.show.done || s.acked < s.show.lastSeq) return;
    finish();
  }

  const timer = setInterval(() => {
    const now = Date.now();
    generate(now);
    send(now);
  }, speed === Infinity ? 5 : 10);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const host = opts.host ?? '127.0.0.1';

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    finished,
    sessions: () =>
      [...sessions.values()].map((s) => ({
        sessionId: s.show.sessionId, roomId: s.show.roomId, generated: s.show.lastSeq, acked: s.acked, ended: s.show.done,
        ...transport.counters?.(s.show),
      })),
    close: async () => {
      clearInterval(timer);
      live.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
