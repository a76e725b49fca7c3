/**
 * The engine behind a worker thread, seen as an EngineHost: `dispatch` posts the raw call to the
 * worker, which validates and runs it (shared/api/dispatch.ts) and answers `{ ok }`; `handlers`
 * are the same calls, resolving with the value or rejecting with the error. Pushes from the
 * worker reach `onPush` listeners. Used by the desktop shell, whose main thread only relays.
 */
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../runtime/worker-entry';
import { API_METHODS, type ApiHandlers, type ApiMethod, type ApiReply, type PushEvent, type PushEvents } from '../../shared/api/contract';
import type { BackendOptions, BackendStats } from '../backend/create-backend';
import type { EngineHost } from './host';
import type { FromWorker, ToWorker } from './worker-messages';
import type { Logger } from '../runtime/logger';

export interface WorkerEngineOptions extends Omit<BackendOptions, 'logger'> {
  /** the built worker (default: engine-worker.js next to this module, else the .ts via tsx) */
  workerFile?: string;
  logger?: Logger;
}

export interface WorkerEngineHost extends EngineHost {
  stats(): Promise<BackendStats>;
  /** resolves when the worker thread exits */
  exited: Promise<number>;
  /** end the thread now, as an out-of-memory kill or a native crash would (no close, no commit wait) */
  terminate(): Promise<void>;
}

export async function createEngineInWorker(opts: WorkerEngineOptions): Promise<WorkerEngineHost> {
  const { workerFile, logger, ...engineOpts } = opts;
  const entry = workerEntry(import.meta.url, 'engine-worker', workerFile);
  const worker = new Worker(entry.script, { eval: entry.eval, workerData: engineOpts });
  const pending = new Map<number, { resolve: (reply: ApiReply<ApiMethod>) => void; reject: (e: Error) => void }>();
  const listeners = new Map<PushEvent, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let dead: Error | null = null;

  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'failed') reject(Object.assign(new Error(m.message), { code: m.code }));
      else if (m.type === 'log') logger?.(m.line);
      else if (m.type === 'push') for (const l of listeners.get(m.event) ?? []) l(m.payload);
      else if (m.type === 'reply') {
        const { type: _type, id, ...reply } = m;
        const p = pending.get(id);
        pending.delete(id);
        p?.resolve(reply as ApiReply<ApiMethod>);
      }
    });
    worker.once('error', (err) => {
      dead = err;
      reject(err);
    });
    void exited.then((code) => {
      dead ??= new Error(`engine worker exited (code ${code})`);
      reject(dead);
      for (const p of pending.values()) p.reject(dead);
      pending.clear();
    });
  });
  await ready;

  /** the worker's `{ ok }` reply to one message */
  const send = (m: Omit<ToWorker, 'id'> & { type: ToWorker['type'] }): Promise<ApiReply<ApiMethod>> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...m, id } as ToWorker);
    });
  };
  /** the value of a reply, or its error thrown */
  const request = async (m: Omit<ToWorker, 'id'> & { type: ToWorker['type'] }): Promise<unknown> => {
    const reply = await send(m);
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  };
  const dispatch = (method: unknown, args: unknown) => send({ type: 'call', method, args } as Omit<ToWorker, 'id'>);

  const handlers = Object.fromEntries(
    API_METHODS.map((method) => [method, (...args: unknown[]) => request({ type: 'call', method, args } as Omit<ToWorker, 'id'>)]),
  ) as unknown as ApiHandlers;

  return {
    handlers,
    dispatch,
    onPush<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    stats: () => request({ type: 'stats' }) as Promise<BackendStats>,
    exited,
    async terminate() {
      await worker.terminate();
    },
    async close() {
      if (dead) return;
      await request({ type: 'close' });
      await exited;
    },
  };
}
