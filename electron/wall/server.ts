/**
 * The wall server: the built screens over HTTP and the engine over socket.io, on one port, for
 * any browser (kiosk TVs, machines without Electron). Binds 127.0.0.1 unless told otherwise; a
 * host other machines can reach is refused without an access token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { SCREEN_IDS, type ScreenId } from '../../shared/api/contract';
import type { EngineHost } from '../engine/host';
import {
  ADMIN_COOKIE,
  checkCredentials,
  clearedCookie,
  hostnameOf,
  httpPresented,
  isLoopbackHost,
  judge,
  refusalPage,
  sameOrigin,
  socketPresented,
  TOKEN_COOKIE,
  tokenCookie,
  type AccessVerdict,
} from './access';
import { AttemptThrottle, type AttemptThrottleOptions } from './attempt-throttle';
import type { ApiMethod } from '../../shared/api/contract';
import { securityHeaders } from './headers';
import { FILES_PREFIX, handleHistoryRoute } from './history-routes';
import { indexUrl, origin, displayHost, screenUrls as makeScreenUrls } from './screen-urls';
import { attachSocketBridge, type BridgeStats, type CallerRights } from './socket-bridge';
import { defaultRendererDir, resolveStatic, sendStatic } from './static-files';

export interface WallServerOptions {
  /** default 127.0.0.1; anything else other machines can reach needs `token` (≥ 16 characters) */
  host?: string;
  /** default 0 = any free port */
  port?: number;
  /** the view token: in every screen URL; reads only */
  token?: string;
  /** the admin token: in the console URL printed at start-up; without it, changes come from loopback only */
  adminToken?: string;
  /** TEST ONLY: the failed-attempt throttle's timing */
  throttle?: AttemptThrottleOptions;
  engine: EngineHost;
  /** the built renderer; default out/renderer */
  rendererDir?: string;
  /** packets queued per socket beyond which pushes skip it */
  maxBacklog?: number;
}

export interface WallServer {
  /** http://host:port (a wildcard bind shows this machine's LAN address) */
  url: string;
  port: number;
  screenUrls: Record<ScreenId, string>;
  /** the renderer's `#/` route: the list of screens */
  indexUrl: string;
  /** the console with the admin token (only printed, never served); the plain console URL without one */
  adminConsoleUrl: string;
  stats(): BridgeStats;
  close(): Promise<void>;
}

/** The port is taken or the address cannot be bound; the message is one line. */
export class WallListenError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string | string[]>): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${text}\n`);
}

export async function startWallServer(opts: WallServerOptions): Promise<WallServer> {
  const host = opts.host ?? '127.0.0.1';
  const creds = checkCredentials(host, opts.token, opts.adminToken);
  // every served URL carries the view token only: the admin one is printed once, never served
  const token = creds.view;
  const throttle = new AttemptThrottle(opts.throttle);
  const forbidden = (method: ApiMethod): string =>
    creds.admin
      ? `forbidden: ${method} changes the wall; it needs the admin token (the console URL printed by luopan serve)`
      : `forbidden: ${method} changes the wall; without --admin-token, changes are made on the wall's own computer only (127.0.0.1)`;
  const rightsOf = (verdict: AccessVerdict): CallerRights => ({ canChange: verdict.level === 'admin', forbidden });
  const rendererDir = opts.rendererDir ?? defaultRendererDir();
  let screens: Record<ScreenId, string> = makeScreenUrls('http://127.0.0.1', token);

  /** Without a token only loopback names are answered: a DNS-rebound name gets nothing. */
  const addressedToLoopback = (req: IncomingMessage): boolean => {
    const name = hostnameOf(req.headers.host);
    return name !== null && isLoopbackHost(name);
  };

  /** The screens under the origin the browser used, so /screens.json works from any LAN name. */
  const screensFor = (req: IncomingMessage) => {
    const h = req.headers.host;
    const base = h && /^[A-Za-z0-9.\-:[\]]+$/.test(h) ? `http://${h}` : new URL(screens.live).origin;
    const urls = makeScreenUrls(base, token);
    return { index: indexUrl(base, token), screens: SCREEN_IDS.map((id) => ({ id, url: urls[id] })) };
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = securityHeaders(req.headers.host);
    // POST only for the NDJSON upload (history-routes.ts)
    const upload = req.method === 'POST' && (req.url ?? '').split('?')[0] === `${FILES_PREFIX}sessions/import`;
    if (req.method !== 'GET' && req.method !== 'HEAD' && !upload) {
      plain(res, 405, 'method not allowed', { ...headers, Allow: 'GET, HEAD' });
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://wall.invalid');
    } catch {
      plain(res, 400, 'bad request', headers);
      return;
    }
    if (!token && !addressedToLoopback(req)) {
      plain(res, 421, 'this server answers only requests addressed to 127.0.0.1 or localhost', headers);
      return;
    }
    const address = req.socket.remoteAddress ?? '';
    const presented = httpPresented(req, url);
    // a throttled address gets no verdict at all, right or wrong: that is what slows guessing
    const wait = presented.length > 0 ? throttle.waitMs(address) : 0;
    if (wait > 0) {
      plain(res, 429, `too many failed attempts from this address; try again in ${Math.ceil(wait / 1000)} s`, { ...headers, 'Retry-After': String(Math.ceil(wait / 1000)) });
      return;
    }
    const verdict = judge(presented, creds, isLoopbackHost(address));
    if (verdict.failed) throttle.failed(address);
    const cookies = verdict.badCookies.map(clearedCookie);
    if (verdict.matched.view && token) cookies.push(tokenCookie(token, TOKEN_COOKIE));
    if (verdict.matched.admin && creds.admin) cookies.push(tokenCookie(creds.admin, ADMIN_COOKIE));
    if (cookies.length > 0) headers['Set-Cookie'] = cookies;
    if (!verdict.level) {
      res.writeHead(401, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'WWW-Authenticate': 'Bearer' });
      res.end(req.method === 'HEAD' ? undefined : refusalPage());
      return;
    }
    // the token leaves the address bar: the page is asked for again without it, the cookie now
    // set carries it (the #/route stays: a redirect without a fragment keeps the browser's)
    if ((req.method === 'GET' || req.method === 'HEAD') && url.searchParams.has('token') && (url.pathname === '/' || url.pathname === '/index.html')) {
      url.searchParams.delete('token');
      const rest = url.searchParams.toString();
      res.writeHead(303, { ...headers, Location: `${url.pathname}${rest ? `?${rest}` : ''}`, 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    if (await handleHistoryRoute(opts.engine, req, res, url, headers, rightsOf(verdict))) return;
    if (url.pathname === '/screens.json') {
      const body = JSON.stringify(screensFor(req));
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    const target = resolveStatic(rendererDir, url.pathname);
    if (!target.ok) {
      plain(res, target.status, target.reason, headers);
      return;
    }
    if (await sendStatic(rendererDir, target, req.method === 'HEAD' ? 'HEAD' : 'GET', req.headers['if-none-match'], res, headers)) return;
    if (target.file === join(rendererDir, 'index.html') && !existsSync(target.file)) {
      plain(res, 503, 'the screens are not built: run `npm run build`', headers);
      return;
    }
    plain(res, 404, 'not found', headers);
  }

  const http = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) plain(res, 500, 'internal error', {});
      else res.destroy();
    });
  });
  const io = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 1_000_000,
    // a browser page may only open a socket to the server it came from; without a token, only
    // through a loopback name (see addressedToLoopback)
    allowRequest: (req, callback) => callback(null, sameOrigin(req.headers.origin, req.headers.host) && (token !== undefined || addressedToLoopback(req))),
  });
  const bridge = attachSocketBridge(io, opts.engine, {
    authorize: (socket) => {
      const address = socket.handshake.address;
      const presented = socketPresented(socket.handshake.auth, socket.handshake.headers.cookie);
      if (presented.length > 0 && throttle.waitMs(address) > 0) return { ok: false, error: 'too many failed attempts' };
      const verdict = judge(presented, creds, isLoopbackHost(address));
      if (verdict.failed) throttle.failed(address);
      return verdict.level ? { ok: true, canChange: verdict.level === 'admin' } : { ok: false, error: 'unauthorized' };
    },
    forbidden,
    appInfo: () => ({ shell: 'wall', screens: SCREEN_IDS.map((id) => ({ id, url: screens[id] })) }),
    maxBacklog: opts.maxBacklog,
  });

  /** Stop listening and end every connection now: keep-alive and socket connections would hold a plain close open. */
  async function shutdown(): Promise<void> {
    bridge.close();
    io.engine.close();
    await new Promise<void>((r) => {
      http.close(() => r());
      http.closeAllConnections();
    });
  }

  const port = await new Promise<number>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      const where = `${host}:${opts.port ?? 0}`;
      const why =
        err.code === 'EADDRINUSE'
          ? `port ${opts.port} on ${host} is already in use`
          : err.code === 'EADDRNOTAVAIL'
            ? `${host} is not an address of this machine`
            : err.code === 'EACCES'
              ? `no permission to listen on ${where}`
              : `cannot listen on ${where}: ${err.message}`;
      reject(new WallListenError(why, err.code ?? 'ELISTEN'));
    };
    http.once('error', onError);
    http.listen({ host, port: opts.port ?? 0 }, () => {
      http.off('error', onError);
      const addr = http.address();
      resolve(typeof addr === 'object' && addr ? addr.port : 0);
    });
  }).catch(async (err) => {
    await shutdown();
    throw err;
  });

  const base = origin(displayHost(host), port);
  screens = makeScreenUrls(base, token);
  let closing: Promise<void> | null = null;
  return {
    url: base,
    port,
    screenUrls: screens,
    indexUrl: indexUrl(base, token),
    adminConsoleUrl: creds.admin ? makeScreenUrls(base, creds.admin).console : screens.console,
    stats: () => bridge.stats(),
    close() {
      closing ??= shutdown();
      return closing;
    },
  };
}
