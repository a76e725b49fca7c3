/**
 * The relay as a protocol-v1 source (docs/protocol.md) on a given http server: namespace
 * `/live`, `hello` first, per session ascending batches of ≤ 5,000 events at most every 50 ms
 * with an ack callback, `resume` and `auth.resume` honoured, `gap` for seqs the spool no longer
 * holds, `connect_error: unauthorized` for a wrong token, the `rooms` filter.
 *
 * Unlike the simulator, the relay serves many clients from a durable spool: every connection has
 * its own position per session, events are read from the spool for each batch and are never
 * dropped on an ack (another client may still need them). A session a client says nothing about
 * is served from its first event; the client stores each (session, seq) once. An unacked batch
 * is sent again after ACK_TIMEOUT_MS, a refused one (`{ok:false}`) after REFUSED_BACKOFF_MS.
 */
import type { Server as HttpServer } from 'node:http';
import type Database from 'better-sqlite3';
import { Server, type Socket } from 'socket.io';
import { LIVE_NAMESPACE, MAX_BATCH_EVENTS, MIN_BATCH_INTERVAL_MS, PROTOCOL_VERSION } from '../../shared/protocol/messages';
import { firstSpoolSeq, readSpoolEvents } from '../store/spool/spool';
import type { Intake } from './intake';
import { RawBatch, rawBatchParser } from './raw-batch';

/** Events in flight per connection and session before the relay waits for acks. */
const WINDOW = 20_000;
const ACK_TIMEOUT_MS = 10_000;
const REFUSED_BACKOFF_MS = 1_000;
const TICK_MS = 20;

interface Position {
  /** highest seq sent on this connection */
  sent: number;
  /** highest seq this connection acked */
  acked: number;
  /** when the oldest unacked batch went out (0: none in flight) */
  since: number;
  last: number;
  holdUntil: number;
}

interface Link {
  socket: Socket;
  rooms: Set<string> | null;
  resume: Record<string, unknown>;
  positions: Map<string, Position>;
}

export interface LiveServerOptions {
  http: HttpServer;
  db: Database.Database;
  intake: Intake;
  token?: string;
  sourceName: string;
}

export interface LiveServer {
  clients(): number;
  /** events acked by some client, summed over clients and sessions */
  acked(): number;
  /** look at the spool now (after a commit) instead of at the next tick */
  poke(): void;
  close(): Promise<void>;
}

export function startLiveServer(opts: LiveServerOptions): LiveServer {
  const io = new Server(opts.http, { maxHttpBufferSize: 16 * 1024 * 1024, serveClient: false, parser: rawBatchParser });
  const live = io.of(LIVE_NAMESPACE);
  const links = new Set<Link>();

  live.use((socket, next) => {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown };
    if (opts.token !== undefined && auth.token !== opts.token) return next(new Error('unauthorized'));
    next();
  });

  live.on('connection', (socket) => {
    const auth = (socket.handshake.auth ?? {}) as { rooms?: unknown; resume?: unknown };
    const rooms = Array.isArray(auth.rooms) ? new Set(auth.rooms.filter((r): r is string => typeof r === 'string')) : null;
    const resume = typeof auth.resume === 'object' && auth.resume !== null ? (auth.resume as Record<string, unknown>) : {};
    const link: Link = { socket, rooms, resume, positions: new Map() };
    socket.emit('hello', { protocol: PROTOCOL_VERSION, source: opts.sourceName, time: Date.now() });
    links.add(link);
    socket.on('resume', (msg: unknown) => {
      const { sessionId, afterSeq } = (msg ?? {}) as { sessionId?: unknown; afterSeq?: unknown };
      if (typeof sessionId !== 'string' || typeof afterSeq !== 'number' || !Number.isInteger(afterSeq) || afterSeq < 0) return;
      const s = opts.intake.session(sessionId);
      if (!s || (rooms && !rooms.has(s.roomId))) return;
      link.positions.set(sessionId, startAt(link, sessionId, afterSeq));
    });
    socket.on('disconnect', () => links.delete(link));
    tick();
  });

  /** A position serving a session from afterSeq + 1; what the spool no longer holds is a gap. */
  function startAt(link: Link, sessionId: string, afterSeq: number): Position {
    let from = afterSeq;
    const first = firstSpoolSeq(opts.db, sessionId);
    if (first !== null && from + 1 < first) {
      link.socket.emit('gap', { sessionId, from: from + 1, to: first - 1 });
      from = first - 1;
    }
    return { sent: from, acked: from, since: 0, last: 0, holdUntil: 0 };
  }

  function positionOf(link: Link, sessionId: string, roomId: string): Position | null {
    let p = link.positions.get(sessionId);
    if (p) return p;
    if (link.rooms && !link.rooms.has(roomId)) return null;
    const r = link.resume[sessionId];
    p = startAt(link, sessionId, typeof r === 'number' && Number.isInteger(r) && r >= 0 ? r : 0);
    link.positions.set(sessionId, p);
    return p;
  }

  function sendTo(link: Link, now: number): void {
    for (const s of opts.intake.allSessions()) {
      const p = positionOf(link, s.sessionId, s.roomId);
      if (!p) continue;
      if (p.since > 0 && now - p.since > ACK_TIMEOUT_MS) {
        p.sent = p.acked; // send again what was not acked
        p.since = 0;
      }
      if (p.sent >= s.lastSeq || now < p.holdUntil || now - p.last < MIN_BATCH_INTERVAL_MS) continue;
      const room = WINDOW - (p.sent - p.acked);
      if (room <= 0) continue;
      const rows = readSpoolEvents(opts.db, s.sessionId, p.sent, Math.min(MAX_BATCH_EVENTS, room));
      if (rows.length === 0) continue;
      const upTo = rows[rows.length - 1]!.seq;
      if (p.since === 0) p.since = now;
      p.sent = upTo;
      p.last = now;
      link.socket.emit('batch', new RawBatch(s.sessionId, rows.map((r) => r.body)), (ack: unknown) => onAck(p, upTo, ack));
    }
  }

  function onAck(p: Position, upTo: number, ack: unknown): void {
    const a = ack as { ok?: unknown; upTo?: unknown } | undefined;
    if (a && a.ok === true && typeof a.upTo === 'number' && Number.isFinite(a.upTo)) {
      p.acked = Math.max(p.acked, Math.min(a.upTo, upTo)); // an ack covers at most what its batch carried
      p.since = p.sent > p.acked ? Date.now() : 0;
    } else {
      p.sent = p.acked;
      p.since = 0;
      p.holdUntil = Date.now() + REFUSED_BACKOFF_MS;
    }
  }

  function tick(): void {
    const now = Date.now();
    for (const link of links) sendTo(link, now);
  }
  const timer = setInterval(tick, TICK_MS);

  return {
    clients: () => links.size,
    acked: () => {
      let n = 0;
      for (const l of links) for (const p of l.positions.values()) n += p.acked;
      return n;
    },
    poke: tick,
    close: async () => {
      clearInterval(timer);
      live.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
