/** Messages between the engine worker thread and its client (./engine-client.ts). */
import type { PushEvent } from '../../shared/api/contract';

export type ToWorker =
  /** a raw call, validated in the worker (shared/api/dispatch.ts) */
  | { type: 'call'; id: number; method: unknown; args: unknown }
  | { type: 'stats'; id: number }
  | { type: 'close'; id: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; message: string; code?: string }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string }
  | { type: 'push'; event: PushEvent; payload: unknown }
  | { type: 'log'; line: string };
