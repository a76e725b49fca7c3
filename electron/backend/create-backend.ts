/**
 * The back end's composition root: the one place that wires the parts together — the store
 * (electron/store), the ingest engine (electron/engine), the replay, the history pages, the
 * alerts and, for the demo, the simulator — and answers the API of shared/api/contract.ts.
 *
 * The data path: stream source → StreamClient → SupervisedWriter (durable ack; the writer worker, restarted if it dies) → one
 * RoomAggregator per session (LiveView) → ViewDeltas coalesced ≤ 10 Hz, plus the API handlers
 * of shared/api/contract.ts. The same engine runs in-process (wall server, CLI, tests) and
 * behind a worker thread (desktop app, electron/engine/engine-client.ts).
 *
 * Aggregators are fed in the same pass as the events are handed to the writer, not after the
 * commit: an accepted event is never given up (a failing write is retried until it commits,
 * and nothing is acked before), so the live view cannot count an event the store will not
 * hold — unless the process dies, and then the view dies with it and is rebuilt from the store
 * at the next start. Feeding before the commit keeps the commit latency (tens of ms per
 * transaction) out of the event → screen latency.
 */
import type Database from 'better-sqlite3';
import pkg from '../../package.json';
import {
  type ApiHandlers,
  type AppInfo,
  type ConnectionState,
  type PushEvent,
  type PushEvents,
  type SessionSummary,
} from '../../shared/api/contract';
import { headlineOf } from '../../shared/aggregate';
import { ghostCurves } from '../history/ghosts';
import { rollupRows } from '../history/session-facts';
import { createHistoryApi } from '../history/history-api';
import { sessionSummaries } from '../history/session-summaries';
import { ReplayController, replayHandlers } from '../replay/controller';
import { ViewStream } from '../replay/view-stream';
import type { SimOptions, SimServer } from '../sim/server';
import { openStore } from '../store/open';
import { foldSession } from '../fold/fold-stored';
import { getKv, putKv } from '../store/kv';
import { deleteSession, listSessions } from '../store/sessions';
import { SupervisedWriter } from '../store/supervised-writer';
import { dispatchApiCall } from '../../shared/api/dispatch';
import type { EngineHost } from '../engine/host';
import { createAlertService } from '../engine/alerts';
import { LiveView } from '../engine/live-view';
import { readLayout, readSettings, resetLayout, settingsView, writeLayout, writeSettings, type KvAccess } from '../engine/preferences';
import type { Logger } from '../runtime/logger';
import { RollupKeeper, type RollupKeeperTiming } from '../engine/rollup-keeper';
import { StreamClient } from '../engine/stream-client';
import { RelayRunner } from './relay-runner';

export interface BackendOptions {
  dbFile: string;
  /** 'demo' runs the simulator in-process; otherwise a source URL. Default: settings.source */
  source?: 'demo' | string;
  token?: string;
  /** overrides of the demo simulator (default seed 1, 3 rooms, speed 1, endless) */
  demo?: SimOptions;
  /** view deltas per second, at most 10 */
  publishHz?: number;
  logger?: Logger;
  shell?: AppInfo['shell'];
  screens?: AppInfo['screens'];
  maxInFlightEvents?: number;
  /** largest frame the stream client takes from the source (default 16 MiB) */
  maxMessageBytes?: number;
  /** better-sqlite3's `nativeBinding` (the Electron-ABI build in the desktop app) */
  nativeBinding?: string;
  /** timing of the background rollup keeper (./rollup-keeper.ts; tests shorten it) */
  rollups?: RollupKeeperTiming;
  /** TEST ONLY: the port the console's relay tries first (default 7100) */
  relayPort?: number;
}

export interface BackendStats {
  eventsStored: number;
  rejected: Record<string, number>;
  acks: number;
  /** the last ≤ 1000 batch arrival → ack delays, ms */
  ackLatencyMs: number[];
  writeFailures: number;
  resumesAsked: number;
  connects: number;
  deltasPublished: number;
  liveRooms: number;
}

export interface Backend extends EngineHost {
  stats(): BackendStats;
  /** the source URL in use (the in-process simulator's URL for 'demo') */
  sourceUrl(): string;
}

type Listener<E extends PushEvent> = (payload: PushEvents[E]) => void;

const STATE_PUSH_MS = 250;

/** Rebuild the live view of every session still live (no ended_at) from its stored events. */
function rebuildLive(db: Database.Database, view: LiveView): number {
  let rebuilt = 0;
  for (const row of listSessions(db)) {
    if (row.endedAt !== null) continue;
    view.adopt(row.sessionId, foldSession(db, row.sessionId));
    rebuilt++;
  }
  return rebuilt;
}

export async function createBackend(opts: BackendOptions): Promise<Backend> {
  const log: Logger = opts.logger ?? (() => undefined);
  const db = openStore(opts.dbFile, { nativeBinding: opts.nativeBinding });
  const kv: KvAccess = { get: (key) => getKv(db, key), put: (key, value) => putKv(db, key, value) };
  let writer: SupervisedWriter;
  try {
    writer = await SupervisedWriter.open(opts.dbFile, { nativeBinding: opts.nativeBinding, logger: log });
  } catch (err) {
    db.close();
    throw err;
  }

  const listeners: { [E in PushEvent]: Set<Listener<E>> } = { 'view.delta': new Set(), 'connection.state': new Set(), 'diagnosis.progress': new Set(), 'replay.state': new Set(), 'alert.fired': new Set(), 'engine.state': new Set() };
  const push = <E extends PushEvent>(event: E, payload: PushEvents[E]): void => {
    for (const l of listeners[event]) {
      try {
        (l as Listener<E>)(payload);
      } catch (err) {
        log(`engine: a ${event} listener threw: ${String(err)}`);
      }
    }
  };

  // one delta stream for the live rooms and the replay's room (electron/replay)
  const stream = new ViewStream((delta) => push('view.delta', delta));
  const view = new LiveView((delta) => stream.forward(delta), { hz: opts.publishHz });
  rebuildLive(db, view);
  view.start();
  const replay = new ReplayController({ db, stream, pushState: (state) => push('replay.state', state) });
  const history = createHistoryApi({
    db, dbFile: opts.dbFile, nativeBinding: opts.nativeBinding, log,
    push: (p) => push('diagnosis.progress', p),
    retentionDays: () => readSettings(kv).retentionDays,
    onDeleted: (ids) => ids.forEach((id) => (view.remove(id), replay.forget(id))),
  });
  const alerts = createAlertService({ db, kv, view, settings: () => readSettings(kv), push: (fired) => push('alert.fired', fired), log });
  listeners['view.delta'].add((delta) => alerts.afterDelta(delta));

  // counters of clients replaced by a source switch are kept, so stats() only ever grows
  const past = { eventsStored: 0, acks: 0, writeFailures: 0, resumesAsked: 0, connects: 0, rejected: {} as Record<string, number> };
  let client: StreamClient | null = null;
  let sim: SimServer | null = null;
  let url = '';
  let sourceName = '';
  let closed = false;

  let stateTimer: NodeJS.Timeout | null = null;
  let lastStatePush = 0;
  let lastPhase = '';
  const connectionState = (): ConnectionState => {
    if (!client) return { phase: 'idle', source: sourceName, attempt: 0, lastEventAt: null, error: null, rejected: {}, eventsStored: 0 };
    const st = client.connectionState();
    const rejected = { ...past.rejected };
    for (const [k, n] of Object.entries(st.rejected)) rejected[k] = (rejected[k] ?? 0) + n;
    return { ...st, rejected, eventsStored: st.eventsStored + past.eventsStored };
  };
  const pushState = (): void => {
    // phase changes at once, counters at most 4 times a second
    const st = connectionState();
    const now = Date.now();
    if (st.phase !== lastPhase || now - lastStatePush >= STATE_PUSH_MS) {
      lastPhase = st.phase;
      lastStatePush = now;
      if (stateTimer) clearTimeout(stateTimer);
      stateTimer = null;
      push('connection.state', st);
    } else if (!stateTimer) {
      stateTimer = setTimeout(() => {
        stateTimer = null;
        pushState();
      }, STATE_PUSH_MS - (now - lastStatePush));
    }
  };

  async function connect(source: string, token: string | undefined): Promise<void> {
    sourceName = source;
    if (source === 'demo') {
      // loaded only for the demo: a recorder of a real source never carries the simulator
      const { startSimServer } = await import('../sim/server');
      sim = await startSimServer({ host: '127.0.0.1', port: 0, seed: 1, rooms: 3, speed: 1, ...opts.demo });
      url = sim.url;
    } else {
      url = source;
    }
    const c = new StreamClient({
      url,
      token: token || undefined,
      sink: writer,
      lastSeqs: await writer.lastSeqs(),
      logger: log,
      sourceLabel: source,
      maxInFlightEvents: opts.maxInFlightEvents,
      maxMessageBytes: opts.maxMessageBytes,
      onEvents: (sessionId, events) => view.apply(sessionId, events),
    });
    c.on('state', pushState);
    client = c;
    c.start();
  }

  async function disconnect(): Promise<void> {
    const c = client;
    client = null;
    if (c) {
      await c.close();
      const s = c.stats();
      past.eventsStored += s.eventsStored;
      past.acks += s.acks;
      past.writeFailures += s.writeFailures;
      past.resumesAsked += s.resumesAsked;
      past.connects += s.connects;
      for (const [k, n] of Object.entries(s.rejected)) past.rejected[k] = (past.rejected[k] ?? 0) + n;
    }
    const s = sim;
    sim = null;
    await s?.close();
  }

  // the relay the console started last time starts again with the engine, before the source connects to it
  const relay = new RelayRunner({ dbFile: opts.dbFile, kv, log, nativeBinding: opts.nativeBinding, port: opts.relayPort });
  const remembered = relay.remembered();
  if (remembered) {
    try {
      const st = await relay.start(remembered);
      if (st.url && readSettings(kv).source !== st.url) writeSettings(kv, { source: st.url });
    } catch (err) {
      log(`relay: could not start again with ${remembered.join(' ')}: ${(err as Error).message}`);
    }
  }

  const initial = readSettings(kv);
  try {
    await connect(opts.source ?? initial.source, opts.token ?? initial.sourceToken);
  } catch (err) {
    await relay.stop(false);
    view.stop();
    replay.close();
    history.close();
    await writer.close();
    db.close();
    throw err;
  }

  // diagnosis and session-list rollups of ended shows, computed in the background; paced while events arrive
  const rollups = new RollupKeeper({ db, log, ...opts.rollups, busy: () => Date.now() - (client?.connectionState().lastEventAt ?? 0) < 1000 });
  rollups.start();

  const liveFigures = (rows: SessionSummary[]): SessionSummary[] =>
    rows.map((row) => {
      const agg = view.aggregator(row.sessionId);
      if (!agg) return row;
      return { ...row, ...headlineOf(agg.view().figures) };
    });

  const handlers: ApiHandlers = {
    'app.info': () => ({ name: 'luopan', version: pkg.version, shell: opts.shell ?? 'wall', screens: opts.screens ?? [] }),
    'view.full': () => stream.full(view.full()),
    'connection.get': () => connectionState(),
    // query was validated by whoever took the call from outside (shared/api/dispatch.ts)
    'sessions.list': (query) => liveFigures(sessionSummaries(db, query)),
    'sessions.delete': (sessionId) => {
      const agg = view.aggregator(sessionId);
      if (agg && agg.view().info.state !== 'ended') throw new Error(`session ${sessionId.slice(0, 60)} is live; it can be deleted once it ended`);
      const deleted = deleteSession(db, sessionId);
      view.remove(sessionId);
      replay.forget(sessionId);
      return { deleted };
    },
    'settings.get': () => settingsView(readSettings(kv)),
    'settings.set': async (patch) => {
      const before = readSettings(kv);
      const after = writeSettings(kv, patch);
      // the engine follows the settings' source unless the host pinned one (CLI --source)
      if (opts.source === undefined && (after.source !== before.source || after.sourceToken !== before.sourceToken)) {
        await disconnect();
        if (!closed) await connect(after.source, after.sourceToken);
      }
      if (after.retentionDays !== before.retentionDays) history.retentionChanged();
      return settingsView(after);
    },
    'layout.get': () => readLayout(kv),
    'layout.set': (layout) => writeLayout(kv, layout),
    'layout.reset': () => resetLayout(kv),
    'alerts.rules.get': () => alerts.getRules(),
    'alerts.rules.set': (rules) => alerts.setRules(rules),
    'alerts.list': (sessionId) => alerts.list(sessionId),
    'displays.list': () => [{ id: 0, label: 'wall', width: 1920, height: 1080, primary: true }],
    'relay.state': () => relay.state(),
    'relay.start': async ({ inputs }) => {
      const st = await relay.start(inputs);
      // the relay is the source from now on (as if typed into 数据源; also over a source pinned with
      // --source: starting it is asking for it), its token none: it listens on 127.0.0.1 only
      writeSettings(kv, { source: st.url!, sourceToken: '' });
      await disconnect();
      if (!closed) await connect(st.url!, undefined);
      return st;
    },
    'relay.stop': () => relay.stop(),
    'ghosts.get': (sessionId) => ghostCurves(db, sessionId),
    'rollup.rows': (q) => rollupRows(db, q),
    ...replayHandlers(replay),
    'sessions.exportPage': (q) => history.exportPage(q),
    'sessions.importBegin': () => history.importBegin(),
    'sessions.importChunk': (id, text) => history.importChunk(id, text),
    'sessions.importCommit': (id) => history.importCommit(id),
    'sessions.importAbort': (id) => history.importAbort(id),
    'review.get': (q) => history.review(q),
    'review.export': (q, format) => history.exportReview(q, format),
    'sessions.comments': (q) => history.comments(q),
    'diagnosis.shops': () => history.shops(),
    'diagnosis.run': (q) => history.run(q),
    'diagnosis.export': (q, format) => history.exportReport(q, format),
    'diagnosis.pdf': () => {
      throw new Error('PDF export needs the desktop app; here export HTML and print it to PDF from the browser');
    },
  };

  return {
    handlers,
    dispatch: (method, args) => dispatchApiCall(handlers, method, args),
    onPush(event, listener) {
      const set = listeners[event] as Set<typeof listener>;
      set.add(listener);
      return () => set.delete(listener);
    },
    stats() {
      const s = client?.stats();
      const rejected = { ...past.rejected };
      for (const [k, n] of Object.entries(s?.rejected ?? {})) rejected[k] = (rejected[k] ?? 0) + n;
      return {
        eventsStored: past.eventsStored + (s?.eventsStored ?? 0),
        rejected,
        acks: past.acks + (s?.acks ?? 0),
        ackLatencyMs: s?.ackLatencyMs ?? [],
        writeFailures: past.writeFailures + (s?.writeFailures ?? 0),
        resumesAsked: past.resumesAsked + (s?.resumesAsked ?? 0),
        connects: past.connects + (s?.connects ?? 0),
        deltasPublished: view.published,
        liveRooms: view.size,
      };
    },
    sourceUrl: () => url,
    async close() {
      if (closed) return;
      closed = true;
      view.stop();
      replay.close();
      if (stateTimer) clearTimeout(stateTimer);
      await disconnect();
      await relay.stop(false);
      view.flush();
      rollups.stop();
      history.close();
      await writer.close();
      db.close();
      for (const set of Object.values(listeners)) set.clear();
    },
  };
}
