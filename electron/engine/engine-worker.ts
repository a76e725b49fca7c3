/**
 * The engine in a worker thread (desktop app): the Electron main thread only relays calls and
 * pushes, so ingest, SQLite and aggregation never stall window management. Started by
 * ./engine-client.ts with the BackendOptions as workerData; built to out/node/engine-worker.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { API_METHODS, PUSH_EVENTS, type ApiHandlers } from '../../shared/api/contract';
import { dispatchApiCall } from '../../shared/api/dispatch';
import { createBackend, type Backend, type BackendOptions } from '../backend/create-backend';
import type { FromWorker, ToWorker } from './worker-messages';

const port = parentPort;
if (!port) throw new Error('engine-worker must run in a worker thread');
const post = (m: FromWorker): void => port.postMessage(m);

let engine: Backend;
try {
  engine = await createBackend({ ...(workerData as BackendOptions), logger: (line) => post({ type: 'log', line }) });
} catch (err) {
  post({ type: 'failed', message: err instanceof Error ? err.message : String(err), code: (err as { code?: string }).code });
  process.exit(1);
}
for (const event of PUSH_EVENTS) engine.onPush(event, (payload) => post({ type: 'push', event, payload }));

port.on('message', async (m: ToWorker) => {
  if (m.type === 'stats') return post({ type: 'reply', id: m.id, ok: true, value: engine.stats() });
  if (m.type === 'close') {
    await engine.close();
    post({ type: 'reply', id: m.id, ok: true, value: null });
    port.close();
    return;
  }
  post({ type: 'reply', id: m.id, ...(await dispatchApiCall(engine.handlers, m.method, m.args)) });
});
post({ type: 'ready' });
// keep the type of the handler table honest: every API method has a handler in the engine
void (API_METHODS satisfies (keyof ApiHandlers)[]);
