/**
 * `luopan relay`: one process that takes events from its inputs, numbers each session's events,
 * commits them to its own SQLite spool before it acknowledges the input, and serves them as a
 * protocol-v1 source to any number of Luopan apps, recorders and walls (docs/connect.md).
 *
 *   inputs (inputs/*) ──► Intake (numbering, validation, group commit) ──► spool (SQLite)
 *                                                                             │
 *        HTTP routes on the same port: POST /events, POST /doudian, GET /status
 *                                                                             ▼
 *                                                  LiveServer: socket.io /live, batches + acks
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import type Database from 'better-sqlite3';
import { tokenMatches } from '../wall/access';
import { openSpool, pruneSpool } from '../store/spool/spool';
import { bearer, sendJson } from './http-util';
import { Intake } from './intake';
import { InputStats, type InputSnapshot } from './input-stats';
import { handleEventsPost } from './inputs/http-events';
import { startStdinInput, type StdinInput } from './inputs/stdin';
import { startLiveServer, type LiveServer } from './live-server';
import { DEFAULT_CONFIG, type RelayConfig } from './config';
import { startCaptureInput, type CaptureDialect, type CaptureInput } from './inputs/capture';
import { RoomSessions } from './room-sessions';
import { DoudianInput } from './inputs/doudian';
import { QianchuanPoller } from './inputs/qianchuan';
import { roomConfigFor } from './config';
import type { DataGroup } from '../../shared/metrics/availability';
import type { Logger } from '../runtime/logger';

export type InputSpec =
  | { kind: 'http' }
  | { kind: 'stdin'; stream?: Readable }
  | { kind: CaptureDialect; url: string }
  | { kind: 'doudian' }
  | { kind: 'qianchuan' };

/** The environment variables an input needs (its secrets); the CLI refuses to start without them. */
export const INPUT_ENV: Partial<Record<InputSpec['kind'], string[]>> = {
  doudian: ['LUOPAN_DOUDIAN_APP_KEY', 'LUOPAN_DOUDIAN_APP_SECRET', 'LUOPAN_DOUDIAN_ACCESS_TOKEN'],
  qianchuan: ['LUOPAN_QIANCHUAN_ACCESS_TOKEN'],
};

/** The variables of `INPUT_ENV` missing for these inputs. */
export function missingEnv(inputs: InputSpec[], env: NodeJS.ProcessEnv): string[] {
  return inputs.flatMap((i) => (INPUT_ENV[i.kind] ?? []).filter((name) => !env[name]));
}

export interface RelayOptions {
  /** the spool file */
  db: string;
  port?: number;
  host?: string;
  token?: string;
  inputs: InputSpec[];
  /** the config file's content (rooms, diamond value, 抖店 / 千川 settings) */
  config?: RelayConfig;
  /** environment the inputs read their secrets from (default process.env) */
  env?: NodeJS.ProcessEnv;
  /** TEST ONLY: the capture inputs' first reconnect delay */
  minBackoffMs?: number;
  /** ended sessions older than this are deleted from the spool (default 7; 0 = keep all) */
  keepDays?: number;
  logger?: Logger;
  /** better-sqlite3's `nativeBinding` (the Electron-ABI build when the desktop app runs the relay) */
  nativeBinding?: string;
  /** TEST ONLY: cap the spool's size in pages (a full disk) */
  maxPageCount?: number;
}

export interface RelayStatus {
  url: string;
  clients: number;
  sessions: { sessionId: string; roomId: string; lastSeq: number; ended: boolean }[];
  inputs: InputSnapshot[];
  spool: { file: string; commitFailures: number; lastError: string | null };
}

export interface Relay {
  url: string;
  port: number;
  db: Database.Database;
  intake: Intake;
  status(): RelayStatus;
  /** one line for the terminal */
  statusLine(): string;
  /** resolves when stdin (if an input) has ended and is committed */
  stdinEnded: Promise<void> | null;
  close(): Promise<void>;
}

/** A configuration the relay refuses to start with (one line). */
export class RelayConfigError extends Error {}

const PRUNE_EVERY_MS = 6 * 3600_000;
const DAY_MS = 86_400_000;

export async function startRelay(opts: RelayOptions): Promise<Relay> {
  const logger = opts.logger ?? (() => {});
  const missing = missingEnv(opts.inputs, opts.env ?? process.env);
  if (missing.length) throw new RelayConfigError(`set ${missing.join(', ')} in the environment`);
  const advertiserId = (opts.env ?? process.env).LUOPAN_QIANCHUAN_ADVERTISER_ID || opts.config?.qianchuan.advertiserId;
  if (opts.inputs.some((i) => i.kind === 'qianchuan') && !advertiserId) {
    throw new RelayConfigError('--input qianchuan: set LUOPAN_QIANCHUAN_ADVERTISER_ID or qianchuan.advertiserId in the config file');
  }
  const db = openSpool(opts.db, { maxPageCount: opts.maxPageCount, nativeBinding: opts.nativeBinding });
  const keepDays = opts.keepDays ?? 7;
  const prune = (): void => {
    if (keepDays <= 0) return;
    const n = pruneSpool(db, Date.now() - keepDays * DAY_MS);
    if (n) logger(`spool: deleted ${n} session(s) that ended more than ${keepDays} days ago`);
  };
  prune();
  let live: LiveServer | null = null;
  const intake = new Intake(db, { onCommitted: () => live?.poke() });
  const stats = new Map<string, InputStats>();
  const statsFor = (name: string): InputStats => {
    let s = stats.get(name);
    if (!s) stats.set(name, (s = new InputStats(name, logger)));
    return s;
  };

  const httpEnabled = opts.inputs.some((i) => i.kind === 'http');
  const config = opts.config ?? DEFAULT_CONFIG;
  const env = opts.env ?? process.env;
  const doudian = opts.inputs.some((i) => i.kind === 'doudian')
    ? new DoudianInput({
        db, intake, config, stats: statsFor('doudian'),
        credentials: { appKey: env.LUOPAN_DOUDIAN_APP_KEY!, appSecret: env.LUOPAN_DOUDIAN_APP_SECRET!, accessToken: env.LUOPAN_DOUDIAN_ACCESS_TOKEN! },
      })
    : null;
  const http = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      logger(`http: ${req.method} ${req.url}: ${(err as Error).message}`);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal error' });
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/events') {
      if (!httpEnabled) return notFound(req, res, 'the http input is not enabled (--input http)');
      if (req.method !== 'POST') return methodNotAllowed(req, res);
      return handleEventsPost(req, res, { intake, stats: statsFor('http'), token: opts.token });
    }
    if (path === '/doudian') {
      if (!doudian) return notFound(req, res, 'the doudian input is not enabled (--input doudian)');
      if (req.method !== 'POST') return methodNotAllowed(req, res);
      return doudian.handle(req, res);
    }
    if (path === '/status') {
      if (opts.token !== undefined && !tokenMatches(bearer(req), opts.token)) {
        req.resume();
        return sendJson(res, 401, { ok: false, error: 'unauthorized' });
      }
      return sendJson(res, 200, status());
    }
    return notFound(req, res, 'no such route');
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const host = opts.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  live = startLiveServer({ http, db, intake, token: opts.token, sourceName: 'luopan-relay' });

  if (httpEnabled) statsFor('http').setState('listening', `POST ${url}/events`);
  const rooms = new RoomSessions(intake, config, unavailableData(opts.inputs));
  let stdin: StdinInput | null = null;
  const captures: CaptureInput[] = [];
  for (const input of opts.inputs) {
    if (input.kind === 'stdin') stdin = startStdinInput(input.stream ?? process.stdin, intake, statsFor('stdin'));
    if (input.kind === 'douyinlive' || input.kind === 'barrage') {
      const name = opts.inputs.filter((i) => i.kind === input.kind).length > 1 ? `${input.kind}(${input.url})` : input.kind;
      captures.push(
        startCaptureInput({
          dialect: input.kind, url: input.url, intake, rooms, config, stats: statsFor(name),
          apiKey: input.kind === 'douyinlive' ? env.LUOPAN_DOUYINLIVE_API_KEY || undefined : undefined,
          minBackoffMs: opts.minBackoffMs,
        }),
      );
    }
  }
  const qianchuan = opts.inputs.some((i) => i.kind === 'qianchuan')
    ? new QianchuanPoller({ db, intake, config, stats: statsFor('qianchuan'), accessToken: env.LUOPAN_QIANCHUAN_ACCESS_TOKEN!, advertiserId: advertiserId!, session: () => adSession(intake, config) })
    : null;
  qianchuan?.start();
  const pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
  pruneTimer.unref();

  function status(): RelayStatus {
    return {
      url,
      clients: live?.clients() ?? 0,
      sessions: intake.allSessions().map((s) => ({ sessionId: s.sessionId, roomId: s.roomId, lastSeq: s.lastSeq, ended: s.endedAt !== null })),
      inputs: [...stats.values()].map((s) => s.snapshot()),
      spool: { file: opts.db, commitFailures: intake.commitFailures, lastError: intake.lastCommitError },
    };
  }

  return {
    url,
    port,
    db,
    intake,
    status,
    statusLine: () => {
      const sessions = intake.allSessions();
      const events = sessions.reduce((a, s) => a + s.lastSeq, 0);
      const liveCount = sessions.filter((s) => s.endedAt === null).length;
      const parts = [`sessions ${sessions.length} (${liveCount} live)`, `events ${events}`, `clients ${live?.clients() ?? 0}`, ...[...stats.values()].map((s) => s.statusText())];
      if (intake.lastCommitError) parts.push(`spool refusing: ${intake.lastCommitError}`);
      return parts.join(' · ');
    },
    stdinEnded: stdin ? stdin.ended : null,
    close: async () => {
      clearInterval(pruneTimer);
      stdin?.close();
      // what the capture tools already sent is committed before the spool closes (at most 2 s)
      await Promise.race([Promise.all(captures.map((c) => c.stop())), new Promise((r) => setTimeout(r, 2000))]);
      for (const c of captures) c.close();
      await qianchuan?.close();
      intake.close();
      await live?.close();
      http.closeAllConnections?.();
      db.close();
    },
  };
}

/**
 * What a capture-tool room's session cannot have with these inputs (session.start
 * `unavailable`): a capture tool reads the public message stream — no product funnel, no traffic
 * channel, no viewer leaving; orders only with the 抖店 input, ad figures only with 千川.
 */
export function unavailableData(inputs: InputSpec[]): DataGroup[] {
  const has = (k: InputSpec['kind']) => inputs.some((i) => i.kind === k);
  return ['products', 'channels', 'watch_time', ...(has('doudian') ? [] : (['orders'] as const)), ...(has('qianchuan') ? [] : (['ads'] as const))];
}

/**
 * The live session the 千川 figures belong to: the newest open session of the config's
 * `qianchuan.room` (a room entry's id, or a session's roomId), else the only open session.
 */
function adSession(intake: Intake, config: RelayConfig): string | null {
  const open = intake.allSessions().filter((s) => s.endedAt === null).sort((a, b) => b.startedAt - a.startedAt);
  const room = config.qianchuan.room;
  if (!room) return open.length === 1 ? open[0]!.sessionId : null;
  const entry = roomConfigFor(config, [room]);
  const ids = new Set([room, ...(entry ? [entry.roomId ?? entry.match[0]!, ...entry.match] : [])]);
  return open.find((s) => ids.has(s.roomId) || [...ids].some((id) => s.roomKey === `dy:${id}`))?.sessionId ?? null;
}

function notFound(req: IncomingMessage, res: ServerResponse, why: string): void {
  req.resume();
  sendJson(res, 404, { ok: false, error: why });
}

function methodNotAllowed(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  sendJson(res, 405, { ok: false, error: `${req.method} is not allowed here; use POST` }, { allow: 'POST' });
}
