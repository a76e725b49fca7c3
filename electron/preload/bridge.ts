/**
 * The `Bridge` of shared/api/contract.ts over Electron IPC, built from a given ipcRenderer so it
 * is tested with a fake. The page gets named functions only — never ipcRenderer, never a
 * channel name it could choose.
 */
import { API_METHODS, PUSH_EVENTS, type ApiMethod, type ApiReply, type Bridge, type PushEvent, type PushEvents } from '../../shared/api/contract';
import { API_CHANNEL, PUSH_CHANNEL } from './channels';

/** Slice of Electron's ipcRenderer used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function isReply(x: unknown): x is ApiReply<ApiMethod> {
  return typeof x === 'object' && x !== null && typeof (x as { ok?: unknown }).ok === 'boolean';
}

export function createIpcBridge(ipc: IpcRendererLike): Bridge {
  /** One invoker per API method: the only calls that reach main. */
  const invokers = new Map<string, (args: unknown[]) => Promise<unknown>>(
    API_METHODS.map((method) => [
      method,
      async (args: unknown[]) => {
        const reply = await ipc.invoke(API_CHANNEL, method, args);
        if (!isReply(reply)) throw new Error(`${method}: malformed reply from main`);
        if (reply.ok) return reply.value;
        throw new Error(reply.error);
      },
    ]),
  );

  const listeners = new Map<PushEvent, Set<(payload: never) => void>>(PUSH_EVENTS.map((e) => [e, new Set()]));
  ipc.on(PUSH_CHANNEL, (_event, name, payload) => {
    const set = listeners.get(name as PushEvent);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(payload as never);
      } catch (err) {
        // One broken listener must not starve the others of deltas.
        console.error(`luopan bridge: ${String(name)} listener failed`, err);
      }
    }
  });

  function call(method: string, ...args: unknown[]): Promise<unknown> {
    const invoke = invokers.get(method);
    if (!invoke) return Promise.reject(new Error(`unknown method: ${String(method).slice(0, 60)}`));
    return invoke(args);
  }

  function on<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
    const set = listeners.get(event);
    if (!set) throw new Error(`unknown push event: ${String(event).slice(0, 60)}`);
    if (typeof listener !== 'function') throw new Error(`${event}: listener must be a function`);
    set.add(listener as (payload: never) => void);
    return function off() {
      set.delete(listener as (payload: never) => void);
    };
  }

  return Object.freeze({ call, on }) as Bridge;
}
