/**
 * What a bridge host (the Electron main relay or the wall server) needs from a running engine:
 * the API handlers of shared/api/contract.ts and the pushed events. The engine implements it
 * in-process (wall server, tests) or behind a worker thread (desktop app).
 */
import type { ApiHandlers, ApiMethod, ApiReply, PushEvent, PushEvents } from '../../shared/api/contract';

export interface EngineHost {
  /** typed calls from the host's own code */
  handlers: ApiHandlers;
  /**
   * A raw call from outside (a screen): validated and run where the handlers run, once —
   * shared/api/dispatch.ts dispatchApiCall in-process, or in the engine worker.
   */
  dispatch(method: unknown, args: unknown): Promise<ApiReply<ApiMethod>>;
  onPush<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
  close(): Promise<void>;
}
