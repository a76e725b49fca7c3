/**
 * The Bridge over the wall server's socket.io namespace `/api` (electron/wall/socket-bridge.ts):
 * `call` is `emit('call', method, args, ack)` answered `{ ok, value | error }`; the engine's
 * pushes arrive as `view.delta` and `connection.state`. The access token is the `?token=` of
 * the page's own URL, sent as `auth.token`. The page only ever talks to its own origin.
 */
import { io, type Socket } from 'socket.io-client';
import {
  LONG_CALLS,
  PUSH_EVENTS,
  type ApiArgs,
  type ApiMethod,
  type ApiReply,
  type ApiResults,
  type PushEvent,
  type PushEvents,
} from '../../../shared/api/contract';
import type { LinkState, ScreenBridge } from './types';

export interface SocketBridgeOptions {
  /** origin to connect to; default the page's own */
  origin?: string;
  token?: string | null;
  /** ms a call may wait for its answer (including while disconnected) */
  callTimeoutMs?: number;
  /** the same for LONG_CALLS (replay seeks, diagnosis), which also fail at once when the link drops */
  longCallTimeoutMs?: number;
}

/** The `?token=` of a page URL (before the hash), or null. */
export function tokenFromUrl(href: string): string | null {
  try {
    return new URL(href).searchParams.get('token');
  } catch {
    return null;
  }
}

export function createSocketBridge(opts: SocketBridgeOptions = {}): ScreenBridge {
  const origin = opts.origin ?? window.location.origin;
  const token = opts.token === undefined ? tokenFromUrl(window.location.href) : opts.token;
  const callTimeoutMs = opts.callTimeoutMs ?? 10_000;
  const longCallTimeoutMs = opts.longCallTimeoutMs ?? 10 * 60_000;
  const socket: Socket = io(`${origin}/api`, {
    auth: token ? { token } : {},
    // a wall screen runs for days: keep retrying, but not faster than every few seconds
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
    transports: ['websocket', 'polling'],
  });

  let link: LinkState = { phase: 'connecting', attempt: 0, error: null };
  const linkListeners = new Set<(s: LinkState) => void>();
  const setLink = (next: LinkState) => {
    link = next;
    for (const l of [...linkListeners]) l(link);
  };
  socket.on('connect', () => setLink({ phase: 'open', attempt: 0, error: null }));
  socket.on('disconnect', (reason) => {
    // the server closing us on purpose does not reconnect by itself: ask again
    if (reason === 'io server disconnect') socket.connect();
    setLink({ phase: 'reconnecting', attempt: Math.max(1, link.attempt), error: reason });
  });
  socket.io.on('reconnect_attempt', (attempt) => setLink({ phase: 'reconnecting', attempt, error: link.error }));
  socket.on('connect_error', (err: Error) => {
    if (err.message === 'unauthorized') {
      // a namespace middleware refusal is final for socket.io; a wrong token stays wrong
      setLink({ phase: 'refused', attempt: 0, error: err.message });
      return;
    }
    setLink({ phase: link.phase === 'connecting' ? 'connecting' : 'reconnecting', attempt: link.attempt, error: err.message });
  });

  function call<M extends ApiMethod>(method: M, ...args: ApiArgs<M>): Promise<ApiResults[M]> {
    const long = LONG_CALLS.includes(method);
    const ms = long ? longCallTimeoutMs : callTimeoutMs;
    return new Promise((resolve, reject) => {
      // a long call's answer is lost with the connection: say so at once instead of in minutes
      const onDrop = (): void => reject(new Error(`${method}: the connection to the engine dropped before it answered`));
      if (long) socket.once('disconnect', onDrop);
      socket.timeout(ms).emit('call', method, args, (err: Error | null, reply: ApiReply<M> | undefined) => {
        if (long) socket.off('disconnect', onDrop);
        if (err) return reject(new Error(`${method}: no answer within ${ms} ms`));
        if (!reply || typeof reply !== 'object') return reject(new Error(`${method}: malformed reply`));
        if (reply.ok) resolve(reply.value);
        else reject(new Error(reply.error));
      });
    });
  }

  function on<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
    if (!PUSH_EVENTS.includes(event)) throw new Error(`unknown push event: ${String(event).slice(0, 60)}`);
    const wrapped = (payload: PushEvents[E]) => listener(payload);
    socket.on(event as string, wrapped as (...a: unknown[]) => void);
    return () => {
      socket.off(event as string, wrapped as (...a: unknown[]) => void);
    };
  }

  return {
    kind: 'socket',
    call,
    on,
    link: () => link,
    onLink(listener) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
  };
}
