/**
 * What a bridge host (the Electron main relay or the wall server) needs from a running engine:
 * the API handlers of shared/api/contract.ts and the pushed events. The engine implements it
 * in-process (wall server, tests) or behind a worker thread (desktop app).
 */
import type { ApiHandlers, PushEvent, PushEvents } from '../../shared/api/contract';

export interface EngineHost {
  handlers: ApiHandlers;
  onPush<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
  close(): Promise<void>;
}
