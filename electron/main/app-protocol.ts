/**
 * The app is served from `luopan://app/`, not file://: a standard, secure origin of its own, so
 * the CSP, same-origin rules and the IPC sender check all have one exact origin to hold on to.
 * The handler reads out/renderer only; anything resolving outside it is refused.
 */
import { readFile, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { mimeType, realFileUnder, resolveUnderRoot } from '../static/static-path';

export const APP_SCHEME = 'luopan';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The only policy the screens run under. Scripts only from the app; styles from the app
 * (inline allowed for Vue/ECharts style attributes); video (HLS/MP4) may come from a configured
 * http(s) stream URL, hls.js fetches its segments and runs its worker from a blob.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob: https: http:",
  "connect-src 'self' https: http:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The privileges the scheme is registered with (before app ready). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** URL of a screen: the renderer's hash route, with an optional room pin. */
export function appUrl(route: string, room: string | null = null): string {
  const query = room ? `?room=${encodeURIComponent(room)}` : '';
  return `${APP_ORIGIN}/index.html#${route}${query}`;
}

/** True for a URL served by our protocol (the one origin allowed to talk to main). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '' && u.port === '';
  } catch {
    return false;
  }
}

export type ResolvedPath = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Map a request URL to a file under `rootDir`, lexically. Refuses other hosts, undecodable or
 * NUL/backslash paths, and anything that resolves outside the root (`..`, `%2e%2e%2f`, absolute).
 */
export function resolveAppPath(rootDir: string, requestUrl: string): ResolvedPath {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'bad url' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { ok: false, status: 404, reason: `unknown host ${url.host}` };
  const under = resolveUnderRoot(rootDir, url.pathname, 'path outside the app');
  return under.ok ? { ok: true, file: under.file } : under;
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * The `protocol.handle` handler: GET/HEAD of files under `rootDir`, every response carrying the
 * CSP. Symlinks are resolved and re-checked so a link cannot lead out of the root.
 */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  const rootReal = realpath(resolve(rootDir)).catch(() => resolve(rootDir));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const resolved = resolveAppPath(rootDir, request.url);
    if (!resolved.ok) return plain(resolved.status, resolved.reason);
    // a missing file, a directory or a symlink leading out of the root: all plain 404s
    const found = await realFileUnder(rootReal, resolved.file);
    if (!found) return plain(404, 'not found');
    const body = request.method === 'HEAD' ? null : await readFile(found.real).catch(() => null);
    if (request.method !== 'HEAD' && body === null) return plain(404, 'not found');
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': mimeType(found.real),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}

/** Minimal slice of Electron's `protocol` module this file needs (injected: testable without Electron). */
export interface ProtocolModule {
  registerSchemesAsPrivileged(schemes: (typeof APP_SCHEME_PRIVILEGES)[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

/** Must run before `app` is ready. */
export function registerAppScheme(protocol: Pick<ProtocolModule, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** After ready: serve `rootDir` (out/renderer) at luopan://app/. */
export function serveApp(protocol: Pick<ProtocolModule, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir));
}
