/**
 * The desktop's engine worker, watched: when the thread dies without being asked to (a native
 * crash, killed out of memory, an uncaught error), it is started again on the same database —
 * at most `maxRestarts` times in `windowMs` (3 in 5 minutes, as the writer worker). Calls made
 * while it is down wait for the new worker (or fail with the reason past the limit); the windows
 * are told by the `engine.state` push — `restarting`, then `running` once the new worker answers
 * (they ask `view.full` again: the new engine rebuilt the live rooms from SQLite), or `failed`
 * with the reason, for the shell's one dialog. Push listeners carry over to each new worker.
 */
import { API_METHODS, PUSH_EVENTS, type ApiHandlers, type ApiMethod, type ApiReply, type EngineState, type PushEvent, type PushEvents } from '../../shared/api/contract';
import { createEngineInWorker, type WorkerEngineHost, type WorkerEngineOptions } from './engine-client';
import type { EngineHost } from './host';

export interface SupervisedEngineOptions extends WorkerEngineOptions {
  /** how a worker is started (default createEngineInWorker) */
  start?: (opts: WorkerEngineOptions) => Promise<WorkerEngineHost>;
  maxRestarts?: number;
  windowMs?: number;
}

export interface SupervisedEngine extends EngineHost {
  state(): EngineState;
  /** the worker running now (tests end it through this) */
  current(): WorkerEngineHost;
  /** resolves with the next state change (tests) */
  nextState(): Promise<EngineState>;
}

type Listener = (payload: unknown) => void;

export async function createSupervisedEngine(opts: SupervisedEngineOptions): Promise<SupervisedEngine> {
  const { start: startWorker = createEngineInWorker, maxRestarts = 3, windowMs = 5 * 60_000, ...workerOpts } = opts;
  const log = opts.logger ?? (() => undefined);
  const listeners = new Map<PushEvent, Set<Listener>>();
  const restartTimes: number[] = [];
  let state: EngineState = { phase: 'running', restarts: 0, reason: null };
  let waiters: ((s: EngineState) => void)[] = [];
  let closing = false;
  let worker: WorkerEngineHost;
  /** while restarting: resolves with the new worker, rejects past the limit */
  let up: Promise<WorkerEngineHost>;

  const setState = (next: EngineState): void => {
    state = next;
    for (const l of listeners.get('engine.state') ?? []) l(next);
    const w = waiters;
    waiters = [];
    for (const r of w) r(next);
  };

  const adopt = (w: WorkerEngineHost): WorkerEngineHost => {
    worker = w;
    // every push of this worker reaches the listeners registered on the supervisor
    for (const event of API_PUSHES) w.onPush(event, (payload) => listeners.get(event)?.forEach((l) => l(payload)));
    void w.exited.then((code) => {
      if (closing || worker !== w) return;
      void restart(`engine worker exited (code ${code})`);
    });
    return w;
  };

  async function restart(reason: string): Promise<void> {
    const now = Date.now();
    while (restartTimes.length && now - restartTimes[0]! >= windowMs) restartTimes.shift();
    if (restartTimes.length >= maxRestarts) {
      const why = `the engine stopped ${maxRestarts + 1} times within ${Math.round(windowMs / 60_000)} min; not started again (last: ${reason})`;
      log(`engine: ${why}`);
      up = Promise.reject(new Error(why));
      up.catch(() => undefined);
      setState({ phase: 'failed', restarts: state.restarts, reason: why });
      return;
    }
    restartTimes.push(now);
    log(`engine: ${reason}; starting it again`);
    let resolveUp!: (w: WorkerEngineHost) => void;
    let rejectUp!: (e: Error) => void;
    up = new Promise((res, rej) => ((resolveUp = res), (rejectUp = rej)));
    up.catch(() => undefined);
    setState({ phase: 'restarting', restarts: state.restarts, reason });
    try {
      const w = adopt(await startWorker(workerOpts));
      resolveUp(w);
      setState({ phase: 'running', restarts: state.restarts + 1, reason });
    } catch (err) {
      // a worker that cannot even start counts as one more death
      const message = err instanceof Error ? err.message : String(err);
      rejectUp(new Error(message));
      await restart(`engine worker did not start again: ${message}`);
    }
  }

  up = Promise.resolve(adopt(await startWorker(workerOpts)));

  /** the live worker: the current one, or the one being started */
  const live = (): Promise<WorkerEngineHost> => (state.phase === 'running' ? Promise.resolve(worker) : up);

  const handlers = Object.fromEntries(
    API_METHODS.map((method) => [method, async (...args: unknown[]) => ((await live()).handlers[method] as (...a: unknown[]) => unknown)(...args)]),
  ) as unknown as ApiHandlers;

  return {
    handlers,
    async dispatch(method: unknown, args: unknown): Promise<ApiReply<ApiMethod>> {
      try {
        return await (await live()).dispatch(method, args);
      } catch (err) {
        // the worker died under this call: say so in one line, the windows get `engine.state`
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
    onPush<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
    state: () => state,
    current: () => worker,
    nextState: () => new Promise((r) => waiters.push(r)),
    async close() {
      closing = true;
      await up.catch(() => undefined);
      await worker.close().catch(() => undefined);
    },
  };
}

/** the pushes a worker sends (engine.state is the supervisor's own) */
const API_PUSHES: PushEvent[] = PUSH_EVENTS.filter((e) => e !== 'engine.state');
