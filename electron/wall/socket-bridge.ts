/**
 * The socket bridge, server side: the renderer's `Bridge` (shared/api/contract.ts) over
 * socket.io namespace `/api`. A screen emits `call (method, args[], ack)`; the engine validates
 * and runs it (EngineHost.dispatch → shared/api/dispatch.ts), and the ack is always
 * `{ ok: true, value } | { ok: false, error }` with a one-line error, never a stack. The engine's
 * pushes (`view.delta`, `connection.state`) go to every connected screen.
 *
 * A screen that cannot keep up (a TV on bad Wi-Fi, a paused tab) must not make the server
 * buffer deltas for it without bound: while a socket has more than `maxBacklog` packets queued,
 * pushes skip it. Deltas carry a version, so the screen notices the gap at the next delta it
 * gets and asks `view.full` again; `connection.state` is a whole state, the next one replaces it.
 */
import type { Namespace, Server, Socket } from 'socket.io';
import {
  API_ACCESS,
  PUSH_EVENTS,
  type ApiReply,
  type AppInfo,
  type ApiMethod,
  type PushEvent,
  type PushEvents,
} from '../../shared/api/contract';
import type { EngineHost } from '../engine/host';

export const API_NAMESPACE = '/api';
/** packets queued for one socket beyond which pushes skip it (≈ 3 s of deltas at 10 Hz) */
export const DEFAULT_MAX_BACKLOG = 32;
/** calls one socket may have in flight; more is a runaway client, not a screen */
const MAX_CALLS_IN_FLIGHT = 16;

/** Whether a connecting socket may use the bridge, and how far: the error becomes its connect_error. */
export type Admission = { ok: true; canChange: boolean } | { ok: false; error: string };

export interface SocketBridgeOptions {
  /** the credential check (electron/wall/access.ts); a refusal is connect_error with its error ('unauthorized') */
  authorize: (socket: Socket) => Admission;
  /** what `app.info` says about this shell (the wall's screen URLs) */
  appInfo: () => Pick<AppInfo, 'shell' | 'screens'>;
  /** the reply to a `change` call of a caller that may not change (`forbidden: …`) */
  forbidden?: (method: ApiMethod) => string;
  maxBacklog?: number;
}

/** Who is calling: whether `change` methods (API_ACCESS) are allowed, and what a refusal says. */
export interface CallerRights {
  canChange: boolean;
  forbidden?: (method: ApiMethod) => string;
}

export const ADMIN_CALLER: CallerRights = { canChange: true };

/** The default refusal; the wall server's says how to get the right (electron/wall/server.ts). */
export function forbiddenMessage(method: ApiMethod): string {
  return `forbidden: ${method} changes the wall and needs the admin credential`;
}

export interface BridgeStats {
  sockets: number;
  calls: number;
  /** pushes handed to socket.io, counted once per event (not per socket) */
  pushes: number;
  /** (event, socket) pairs skipped because the socket was backlogged */
  dropped: number;
}

export interface SocketBridge {
  stats(): BridgeStats;
  close(): void;
}

/**
 * One call of a screen, run by the engine; `app.info` completed with what only the wall knows.
 * A `change` call (API_ACCESS) of a caller without the right is answered here, before the engine
 * sees anything.
 */
export async function dispatchCall(
  engine: EngineHost,
  method: unknown,
  args: unknown,
  appInfo: SocketBridgeOptions['appInfo'],
  rights: CallerRights = ADMIN_CALLER,
): Promise<ApiReply<ApiMethod>> {
  if (!rights.canChange && typeof method === 'string' && Object.hasOwn(API_ACCESS, method) && API_ACCESS[method as ApiMethod] === 'change') {
    return { ok: false, error: (rights.forbidden ?? forbiddenMessage)(method as ApiMethod) };
  }
  const reply = await engine.dispatch(method, args);
  // the engine cannot know the addresses the wall serves its screens at, nor who is asking; the bridge does
  if (reply.ok && method === 'app.info') return { ok: true, value: { ...(reply.value as AppInfo), ...appInfo(), canChange: rights.canChange } };
  return reply;
}

/** Packets engine.io holds for this socket, not yet handed to the transport. */
function backlog(socket: Socket): number {
  // engine.io keeps the queue in a (TypeScript-private) array; without it, fall back to the
  // transport's own flag, which is what socket.io's volatile emits use
  const conn = socket.conn as unknown as { writeBuffer?: unknown[]; transport: { writable: boolean } };
  if (Array.isArray(conn.writeBuffer)) return conn.writeBuffer.length;
  return conn.transport.writable ? 0 : Number.MAX_SAFE_INTEGER;
}

export function attachSocketBridge(io: Server, engine: EngineHost, opts: SocketBridgeOptions): SocketBridge {
  const maxBacklog = opts.maxBacklog ?? DEFAULT_MAX_BACKLOG;
  const nsp: Namespace = io.of(API_NAMESPACE);
  const counters = { calls: 0, pushes: 0, dropped: 0 };

  // nothing is served on the main namespace; say so instead of leaving a client connected to nothing
  io.of('/').use((_socket, next) => next(new Error(`unknown namespace; use ${API_NAMESPACE}`)));

  nsp.use((socket, next) => {
    const admission = opts.authorize(socket);
    if (!admission.ok) return next(new Error(admission.error));
    socket.data.rights = { canChange: admission.canChange, forbidden: opts.forbidden } satisfies CallerRights;
    next();
  });

  nsp.on('connection', (socket) => {
    let inFlight = 0;
    const rights = socket.data.rights as CallerRights;
    socket.on('call', async (...params: unknown[]) => {
      // the ack is the last argument; without one there is no one to answer
      const ack = params[params.length - 1];
      if (typeof ack !== 'function') return;
      counters.calls++;
      const method = params[0];
      const args = params.length >= 3 ? params[1] : undefined;
      if (inFlight >= MAX_CALLS_IN_FLIGHT) {
        ack({ ok: false, error: `too many calls in flight (at most ${MAX_CALLS_IN_FLIGHT})` });
        return;
      }
      inFlight++;
      try {
        ack(await dispatchCall(engine, method, args, opts.appInfo, rights));
      } finally {
        inFlight--;
      }
    });
  });

  const push = <E extends PushEvent>(event: E, payload: PushEvents[E]): void => {
    if (nsp.sockets.size === 0) return;
    const slow: string[] = [];
    for (const [id, socket] of nsp.sockets) if (backlog(socket) > maxBacklog) slow.push(id);
    counters.pushes++;
    counters.dropped += slow.length;
    if (slow.length === nsp.sockets.size) return;
    // one broadcast encodes the payload once for every socket; each socket is in a room of its own id
    (slow.length > 0 ? nsp.except(slow) : nsp).emit(event, payload);
  };
  const unsubscribe = PUSH_EVENTS.map((event) => engine.onPush(event, (payload) => push(event, payload)));

  return {
    stats: () => ({ sockets: nsp.sockets.size, ...counters }),
    close() {
      for (const off of unsubscribe) off();
      nsp.disconnectSockets(true);
    },
  };
}
