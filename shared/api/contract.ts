/**
 * The one API contract between screens and the engine. Both bridges implement exactly this
 * map: the Electron preload (ipcRenderer.invoke per named method, sender checked in main) and
 * the socket bridge of the wall server (socket.io `api` calls). Arguments are validated with
 * the zod schemas below on the engine side before anything acts on them; every reply is
 * `{ ok: true, value } | { ok: false, error }`.
 */
import { z } from 'zod';
import type { ViewDelta } from '../viewmodel/delta';
import type { DiagnosisReport } from '../diagnosis/diagnose';
import type { AlertFired, AlertRecord } from '../alerts/records';
import type { AlertRule } from '../alerts/rules';
import type { GhostCurves } from '../ghost/curves';
import type { ReviewPage } from '../review/types';
import type { CommentRow } from '../viewmodel/room';
import { parseDay } from '../diagnosis/window';
import { ROLLUP_BY, type RollupRow } from '../rollup/rows';

export const SCREEN_IDS = ['live', 'product', 'ad', 'traffic', 'overview', 'console'] as const;
export type ScreenId = (typeof SCREEN_IDS)[number];

export type ConnectionPhase = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'replay' | 'stopped';
export interface ConnectionState {
  phase: ConnectionPhase;
  /** the source URL or 'demo' */
  source: string;
  /** reconnect attempt number while reconnecting, else 0 */
  attempt: number;
  /** wall-clock ms when the newest event arrived; null before the first */
  lastEventAt: number | null;
  /** one-line reason of the last failure (e.g. "unauthorized") */
  error: string | null;
  /** rejection counters by reason code (validate.ts REJECT_REASONS) */
  rejected: Record<string, number>;
  eventsStored: number;
}

export interface SessionSummary {
  sessionId: string;
  roomId: string;
  title: string;
  hostName: string;
  hostKind: 'self' | 'talent';
  shopId: string;
  startedAt: number;
  endedAt: number | null;
  durationSec: number | null;
  events: number;
  /** headline figures; null where they have no value yet */
  gmv: number | null;
  pv: number | null;
  uv: number | null;
  peakOnline: number | null;
  gpm: number | null;
  orders: number | null;
}

/** The settings as stored (the engine's own view: it holds the source token). */
export interface Settings {
  locale: 'zh-CN' | 'en';
  /** stream source URL; 'demo' runs the built-in simulator */
  source: string;
  sourceToken: string;
  /** break-even ROI (保本ROI) of the shop, for ad plan flags */
  breakEvenRoi: number;
  /** days to keep sessions; 0 = forever */
  retentionDays: number;
  /** the role the app opens in: '' (every room) or 'shop:ID' | 'talent:ID' | 'agency:ID' — the overview's view when its address names none */
  startRole: string;
}

/**
 * The settings as `settings.get` / `settings.set` answer them: never the secret itself, only
 * whether one is stored (a screen or a console page must not be able to read the source token
 * and hand it elsewhere). `settings.set` without `sourceToken` keeps the stored one; `''` clears it.
 */
export type SettingsView = Omit<Settings, 'sourceToken'> & { hasSourceToken: boolean };

export interface ScreenPlacement {
  screen: ScreenId;
  /** display id as Electron reports it; null = primary */
  displayId: number | null;
  mode: 'windowed' | 'fullscreen' | 'kiosk';
  /** optional room pin (?room=) */
  room: string | null;
}
export type ScreenLayout = ScreenPlacement[];

export interface AppInfo {
  name: string;
  version: string;
  /** 'desktop' under Electron, 'wall' in the wall server */
  shell: 'desktop' | 'wall';
  /** URL of every screen, for the wall index page */
  screens: { id: ScreenId; url: string }[];
  /** false when this page may not call the `change` methods (API_ACCESS; a wall page with the view token only); absent = true */
  canChange?: boolean;
}

const sessionQuery = z.object({
  search: z.string().max(200).optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});

const settingsPatch = z
  .object({
    locale: z.enum(['zh-CN', 'en']),
    source: z.string().max(2048),
    sourceToken: z.string().max(512),
    breakEvenRoi: z.number().positive().max(1000),
    retentionDays: z.number().int().min(0).max(36500),
    startRole: z.string().max(300).regex(/^$|^(shop|talent|agency):\S/),
  })
  .partial();

const placement = z.object({
  screen: z.enum(SCREEN_IDS),
  displayId: z.number().int().nullable(),
  mode: z.enum(['windowed', 'fullscreen', 'kiosk']),
  room: z.string().max(256).nullable(),
});

/** A roll-up (明细) request: `luopan rollup --by … [--start --end]`; a start after the end is refused. */
const rollupQuery = z
  .object({
    by: z.enum(ROLLUP_BY),
    start: z.string().max(10).refine((d) => parseDay(d) !== null, { message: 'not a day YYYY-MM-DD' }).optional(),
    end: z.string().max(10).refine((d) => parseDay(d) !== null, { message: 'not a day YYYY-MM-DD' }).optional(),
    role: z.object({ kind: z.enum(['shop', 'talent', 'agency']), id: z.string().min(1).max(256) }).optional(),
  })
  .refine((q) => !q.start || !q.end || q.start <= q.end, { message: 'start is after end' });
export type RollupQuery = z.infer<typeof rollupQuery>;

const daySpec = z.string().regex(/^(\d{4}-\d{2}-\d{2}|today)$/);

/**
 * A diagnosis request of the console: kind, shop (default: the shop of the newest session) and
 * the days — a window length ending on `end` (default yesterday), or a free range `start`–`end`
 * (then `window` is ignored); `today` allowed for either day. `lang`: the language of the
 * exports and of a bad-range error (default zh-CN).
 */
const diagnosisQuery = z.object({
  kind: z.enum(['self', 'talent', 'service']),
  window: z.enum(['1d', '7d', '30d']).optional(),
  shopId: z.string().min(1).max(256).optional(),
  /** first day of a free range, YYYY-MM-DD local time or 'today' */
  start: daySpec.optional(),
  /** last day of the window, YYYY-MM-DD local time or 'today'; default yesterday */
  end: daySpec.optional(),
  lang: z.enum(['zh-CN', 'en']).optional(),
});
export type DiagnosisQuery = z.infer<typeof diagnosisQuery>;

/** A session review (#/review/:sessionId, `luopan review`): the session, how many past sessions the median covers, the language of its findings and exports. */
const reviewQuery = z.object({
  sessionId: z.string().min(1).max(256),
  compare: z.number().int().min(1).max(60).optional(),
  lang: z.enum(['zh-CN', 'en']).optional(),
});
export type ReviewQuery = z.infer<typeof reviewQuery>;

/** One shop that has recorded sessions (the diagnosis page's shop choice). */
export interface ShopChoice {
  shopId: string;
  sessions: number;
  lastStartedAt: number;
}

/** A page of a session's NDJSON export: the lines after `afterSeq`, and where to continue. */
export interface ExportPage {
  ndjson: string;
  events: number;
  /** seq of the last line in this page (pass as afterSeq for the next page) */
  lastSeq: number;
  done: boolean;
}

/** What an NDJSON import stored (electron/store/ndjson.ts ImportResult). */
export interface ImportSummary {
  lines: number;
  sessions: number;
  inserted: number;
  duplicates: number;
}

/** Replay speeds: show-minutes per minute. */
export const REPLAY_SPEEDS = [1, 2, 4, 8, 16] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** A point of interest on the replay timeline (an explanation start/end, an alert, a studio action). */
export interface ReplayMarker {
  /** show time, ms since the session started */
  positionMs: number;
  kind: 'explain' | 'alert' | 'action';
  /** productId for explanations, alert rule id for alerts, the action's kind for actions */
  ref: string;
  label: string;
  state?: 'start' | 'end';
}

/** The replay of a recorded session (one per engine); its room is `replay:<sessionId>` in the view deltas. */
export interface ReplayState {
  /** null when no replay is open */
  sessionId: string | null;
  /** the key of the replay's room in view deltas (`?room=` of a screen following it) */
  roomKey: string | null;
  title: string;
  startedAt: number;
  playing: boolean;
  speed: ReplaySpeed;
  /** show time reached, ms since the session started */
  positionMs: number;
  /** seq of the newest event the shown figures hold (0 before any): the replay's comment feed reads the comments before it after a seek */
  seq: number;
  /** show length: session.end − start (newest event for a session that never ended) */
  durationMs: number;
  markers: ReplayMarker[];
  /** while a seek rebuilds the figures from the start: events folded of total; else null */
  seeking: { done: number; total: number } | null;
}

/** A monitor the layout editor can place a screen on (the wall server reports one pseudo display). */
export interface DisplayInfo {
  id: number;
  label: string;
  width: number;
  height: number;
  primary: boolean;
}

/** A `luopan relay` the engine runs for the console (docs/connect.md): its inputs and where it serves. */
export interface RelayState {
  running: boolean;
  /** the relay's source URL while it runs */
  url: string | null;
  /** the inputs as named on the command line (`barrage=ws://…`) */
  inputs: string[];
  /** why it is not running (a refused input, a port in use), one line */
  error: string | null;
  /** what it did so far, while it runs */
  figures: RelayFigures | null;
}

export interface RelayFigures {
  sessions: number;
  liveSessions: number;
  events: number;
  clients: number;
  inputs: { name: string; state: 'starting' | 'connected' | 'retrying' | 'listening' | 'ended' | 'failed'; received: number; accepted: number; rejected: number }[];
}

/** Argument schemas, one per method: the single list of what a renderer may call. */
export const API_ARGS = {
  'app.info': z.tuple([]),
  'view.full': z.tuple([]),
  'connection.get': z.tuple([]),
  'sessions.list': z.tuple([sessionQuery]),
  'sessions.delete': z.tuple([z.string().min(1).max(256)]),
  'settings.get': z.tuple([]),
  'settings.set': z.tuple([settingsPatch]),
  'layout.get': z.tuple([]),
  'layout.set': z.tuple([z.array(placement).max(20)]),
  'layout.reset': z.tuple([]),
  'replay.open': z.tuple([z.string().min(1).max(256)]),
  'replay.play': z.tuple([]),
  'replay.pause': z.tuple([]),
  'replay.speed': z.tuple([z.union(REPLAY_SPEEDS.map((n) => z.literal(n)))]),
  /** show minute to jump to (fractions allowed) */
  'replay.seek': z.tuple([z.number().min(0).max(7 * 24 * 60)]),
  'replay.close': z.tuple([]),
  'replay.state': z.tuple([]),
  'sessions.exportPage': z.tuple([z.object({ sessionId: z.string().min(1).max(256), afterSeq: z.number().int().min(0), maxEvents: z.number().int().min(1).max(20_000).optional() })]),
  /** an NDJSON upload in pieces (each < 1 MB, the socket's message limit): begin → chunk… → commit (all or nothing) or abort */
  'sessions.importBegin': z.tuple([]),
  'sessions.importChunk': z.tuple([z.string().min(1).max(64), z.string().max(900_000)]),
  'sessions.importCommit': z.tuple([z.string().min(1).max(64)]),
  'sessions.importAbort': z.tuple([z.string().min(1).max(64)]),
  /** the review page of a session: the `luopan review --json` object plus what the page draws */
  'review.get': z.tuple([reviewQuery]),
  /** the review as a file: CSV (figures, minutes, explanations, channels, findings) or a printable self-contained HTML page */
  'review.export': z.tuple([reviewQuery, z.enum(['csv', 'html'])]),
  /** the last `limit` (default 16) stored comments of a session with seq < beforeSeq, oldest first (the replay's feed after a seek) */
  'sessions.comments': z.tuple([z.object({ sessionId: z.string().min(1).max(256), beforeSeq: z.number().int().min(1), limit: z.number().int().min(1).max(100).optional() })]),
  'diagnosis.shops': z.tuple([]),
  'diagnosis.run': z.tuple([diagnosisQuery]),
  /** the report as a file: CSV (one row per indicator) or a printable self-contained HTML page */
  'diagnosis.export': z.tuple([diagnosisQuery, z.enum(['csv', 'html'])]),
  /** PDF of the printable page, saved where the user chooses (desktop only) */
  'diagnosis.pdf': z.tuple([diagnosisQuery]),
  'alerts.rules.get': z.tuple([]),
  /** the whole rule list; each rule is checked by shared/alerts/rules.ts (one line per bad rule) */
  'alerts.rules.set': z.tuple([z.array(z.unknown()).max(1000)]),
  /** the alerts fired in one session, in firing order */
  'alerts.list': z.tuple([z.string().min(1).max(256)]),
  'displays.list': z.tuple([]),
  'relay.state': z.tuple([]),
  /** start a relay with these inputs (`KIND[=ADDRESS]` as `luopan relay --input`) and make it the source */
  'relay.start': z.tuple([z.object({ inputs: z.array(z.string().min(1).max(2048)).min(1).max(8) })]),
  'relay.stop': z.tuple([]),
  /** the ghost curves of a session: the previous session of its room and the median of its last 7 */
  'ghosts.get': z.tuple([z.string().min(1).max(256)]),
  /** 明细: the rows of `luopan rollup --json` per room, shop, talent or agency over the sessions started in [start, end] (local days) */
  'rollup.rows': z.tuple([rollupQuery]),
} as const;

export type ApiMethod = keyof typeof API_ARGS;
export const API_METHODS = Object.keys(API_ARGS) as ApiMethod[];

/** What each method returns. */
export interface ApiResults {
  'app.info': AppInfo;
  'view.full': ViewDelta;
  'connection.get': ConnectionState;
  'sessions.list': SessionSummary[];
  'sessions.delete': { deleted: boolean };
  'settings.get': SettingsView;
  'settings.set': SettingsView;
  'layout.get': ScreenLayout;
  'layout.set': ScreenLayout;
  'layout.reset': ScreenLayout;
  'replay.open': ReplayState;
  'replay.play': ReplayState;
  'replay.pause': ReplayState;
  'replay.speed': ReplayState;
  'replay.seek': ReplayState;
  'replay.close': ReplayState;
  'replay.state': ReplayState;
  'sessions.exportPage': ExportPage;
  'sessions.importBegin': { importId: string };
  'sessions.importChunk': { bytes: number };
  'sessions.importCommit': ImportSummary;
  'sessions.importAbort': { aborted: boolean };
  'review.get': ReviewPage;
  'review.export': { fileName: string; mime: string; text: string };
  'sessions.comments': CommentRow[];
  'diagnosis.shops': ShopChoice[];
  'diagnosis.run': DiagnosisReport;
  'diagnosis.export': { fileName: string; mime: string; text: string };
  'diagnosis.pdf': { saved: string | null };
  'alerts.rules.get': AlertRule[];
  'alerts.rules.set': AlertRule[];
  'alerts.list': AlertRecord[];
  'displays.list': DisplayInfo[];
  'relay.state': RelayState;
  'relay.start': RelayState;
  'relay.stop': RelayState;
  'ghosts.get': GhostCurves;
  'rollup.rows': RollupRow[];
}

export type ApiArgs<M extends ApiMethod> = z.infer<(typeof API_ARGS)[M]>;
export type ApiReply<M extends ApiMethod> = { ok: true; value: ApiResults[M] } | { ok: false; error: string };

/** Events the engine pushes to every screen. */
export interface PushEvents {
  'view.delta': ViewDelta;
  'connection.state': ConnectionState;
  /** the open replay's position and controls, on every change and ≤ 4 times a second while playing */
  'replay.state': ReplayState;
  /** while `diagnosis.run` computes session stats: sessions done of total */
  'diagnosis.progress': { done: number; total: number };
  /** an alert rule fired (shared/alerts): stored, marked on the trends, shown on its screen */
  'alert.fired': AlertFired;
  /** the desktop's engine worker died and is started again (electron/engine/supervised-engine.ts) */
  'engine.state': EngineState;
}

/**
 * The desktop engine's own life: `restarting` after its worker died (the windows say 引擎重启中,
 * their figures stale), `running` once a new one answers (the windows ask `view.full` again, rebuilt
 * from SQLite), `failed` past the restart limit (one dialog says why).
 */
export interface EngineState {
  phase: 'running' | 'restarting' | 'failed';
  restarts: number;
  /** one line: why the last worker ended */
  reason: string | null;
}
export type PushEvent = keyof PushEvents;
export const PUSH_EVENTS: PushEvent[] = ['view.delta', 'connection.state', 'replay.state', 'diagnosis.progress', 'alert.fired', 'engine.state'];

/**
 * Calls that may compute for minutes on a big store (a replay opened or sought from the start
 * of a long show, a diagnosis that has to read events) and report their progress by push
 * (`replay.state`, `diagnosis.progress`): a bridge must not give up on them after a few seconds.
 */
export const LONG_CALLS: readonly ApiMethod[] = ['replay.open', 'replay.seek', 'diagnosis.run', 'review.get', 'review.export'];

/**
 * Which calls change what the engine keeps or does (settings, stored sessions, rules, layout,
 * the relay, files written) and which only read or follow. On the wall server a `change` call
 * needs the admin credential (electron/wall/access.ts); a `read` call the view credential of
 * any screen URL. The replay controls are `read`: a screen following a replay may drive it. A
 * Record over every method, so a new method cannot be added without being classified.
 */
export const API_ACCESS: Record<ApiMethod, 'read' | 'change'> = {
  'app.info': 'read',
  'view.full': 'read',
  'connection.get': 'read',
  'sessions.list': 'read',
  'sessions.delete': 'change',
  'settings.get': 'read',
  'settings.set': 'change',
  'layout.get': 'read',
  'layout.set': 'change',
  'layout.reset': 'change',
  'replay.open': 'read',
  'replay.play': 'read',
  'replay.pause': 'read',
  'replay.speed': 'read',
  'replay.seek': 'read',
  'replay.close': 'read',
  'replay.state': 'read',
  'sessions.exportPage': 'read',
  'sessions.importBegin': 'change',
  'sessions.importChunk': 'change',
  'sessions.importCommit': 'change',
  'sessions.importAbort': 'change',
  'review.get': 'read',
  'review.export': 'read',
  'sessions.comments': 'read',
  'diagnosis.shops': 'read',
  'diagnosis.run': 'read',
  'diagnosis.export': 'read',
  'diagnosis.pdf': 'change',
  'alerts.rules.get': 'read',
  'alerts.rules.set': 'change',
  'alerts.list': 'read',
  'displays.list': 'read',
  'relay.state': 'read',
  'relay.start': 'change',
  'relay.stop': 'change',
  'ghosts.get': 'read',
  'rollup.rows': 'read',
};

/** The renderer's single entry to the engine, implemented by both bridges. */
export interface Bridge {
  call<M extends ApiMethod>(method: M, ...args: ApiArgs<M>): Promise<ApiResults[M]>;
  on<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
}

/** Engine-side: the handlers a bridge host (Electron main relay or wall server) dispatches to. */
export type ApiHandlers = { [M in ApiMethod]: (...args: ApiArgs<M>) => ApiResults[M] | Promise<ApiResults[M]> };

/** Validate a call's arguments: the typed args or a one-line error. */
export function parseApiCall(
  method: string,
  args: unknown,
): { ok: true; method: ApiMethod; args: unknown[] } | { ok: false; error: string } {
  if (!Object.hasOwn(API_ARGS, method)) return { ok: false, error: `unknown method: ${String(method).slice(0, 60)}` };
  const parsed = API_ARGS[method as ApiMethod].safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${method}: bad arguments (${issue?.path.join('.') ?? ''} ${issue?.message ?? ''})`.trim() };
  }
  return { ok: true, method: method as ApiMethod, args: parsed.data as unknown[] };
}
