/**
 * The one way an API call from outside reaches the engine's handlers — a screen over socket.io
 * (electron/wall), over IPC (electron/main), a call posted to the engine worker
 * (electron/engine/engine-worker.ts): the method must be in the contract, its arguments must
 * pass its schema (parseApiCall), then the handler runs and the answer is
 * `{ ok: true, value } | { ok: false, error }` with a one-line error, never a stack.
 *
 * Each call is validated here once, where the handlers run; the hosts in between (the desktop's
 * main thread, the wall's routes) pass the raw call on (EngineHost.dispatch).
 */
import { errorLine } from '../text/error-line';
import { parseApiCall, type ApiHandlers, type ApiMethod, type ApiReply } from './contract';

export async function dispatchApiCall(handlers: ApiHandlers, method: unknown, args: unknown): Promise<ApiReply<ApiMethod>> {
  if (typeof method !== 'string') return { ok: false, error: 'unknown method: the method name must be a string' };
  const parsed = parseApiCall(method, args);
  if (!parsed.ok) return parsed;
  try {
    const handler = handlers[parsed.method] as (...a: unknown[]) => unknown;
    const value = await handler(...parsed.args);
    return { ok: true, value } as ApiReply<ApiMethod>;
  } catch (err) {
    return { ok: false, error: errorLine(err) };
  }
}
