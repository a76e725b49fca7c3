/**
 * Who may talk to the wall server. Without a token the server is reachable from this machine
 * only (it binds loopback) and answers only requests addressed to a loopback name, so a web page
 * that re-points its own DNS name at 127.0.0.1 (DNS rebinding) gets nothing. With a token every
 * HTTP request and every socket must carry it: `?token=` or `Authorization: Bearer` once, then
 * the cookie set on that first good request (so the page's scripts and styles load).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export const TOKEN_COOKIE = 'luopan_token';

/** Thrown for a configuration the server refuses to start with; the message is one line. */
export class WallConfigError extends Error {}

/** A usable token or undefined for none (''); throws WallConfigError for one a URL or header would mangle. */
export function checkToken(token: string | undefined): string | undefined {
  if (token === undefined || token === '') return undefined;
  if (token.length > 512 || !/^[\x21-\x7e]+$/.test(token)) {
    throw new WallConfigError('the access token must be 1–512 printable ASCII characters without spaces');
  }
  return token;
}

/** True for an address or name that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h);
  return false;
}

/** Constant-time token comparison; hashing first makes the lengths equal, so length leaks nothing either. */
export function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 4096) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export type TokenSource = 'query' | 'bearer' | 'cookie';

/** Which credential of an HTTP request carries the right token, or null. */
export function httpTokenSource(req: IncomingMessage, url: URL, token: string): TokenSource | null {
  if (tokenMatches(url.searchParams.get('token') ?? undefined, token)) return 'query';
  const auth = req.headers.authorization;
  if (auth && /^Bearer\s+/i.test(auth) && tokenMatches(auth.replace(/^Bearer\s+/i, ''), token)) return 'bearer';
  if (tokenMatches(cookieValue(req.headers.cookie, TOKEN_COOKIE), token)) return 'cookie';
  return null;
}

/** The cookie that lets the page's own asset and socket requests through after the first good request. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}

/** True when a socket handshake carries the token: `auth.token`, or the cookie of a page already let in. */
export function socketHasToken(auth: unknown, cookieHeader: string | undefined, token: string): boolean {
  const given = auth && typeof auth === 'object' ? (auth as { token?: unknown }).token : undefined;
  return tokenMatches(given, token) || tokenMatches(cookieValue(cookieHeader, TOKEN_COOKIE), token);
}

/** The hostname part of a Host header (`[::1]:80` → `::1`). */
export function hostnameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}

/**
 * A browser page may only open a socket to the server it was loaded from: without this, any web
 * site open in a browser on the same machine could drive the engine (cross-site WebSocket
 * hijacking; WebSockets are not subject to CORS). Non-browser clients send no Origin.
 */
export function sameOrigin(originHeader: string | undefined, hostHeader: string | undefined): boolean {
  if (originHeader === undefined) return true;
  if (!hostHeader) return false;
  try {
    const o = new URL(originHeader);
    return (o.protocol === 'http:' || o.protocol === 'https:') && o.host === new URL(`http://${hostHeader}`).host;
  } catch {
    return false;
  }
}

/** The bilingual 401 page: says what is missing and how to get in, nothing else. */
export function refusalPage(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>需要访问令牌 · Access token required</title></head>
<body style="font-family:sans-serif;background:#0b1020;color:#e6e9f2;padding:4em">
<h1>需要访问令牌</h1>
<p>这台罗盘大屏服务器需要访问令牌。请使用启动时打印的带 <code>?token=</code> 的地址打开大屏。</p>
<h1 lang="en">Access token required</h1>
<p lang="en">This Luopan wall server requires an access token. Open the screen with the address printed at start-up, the one with <code>?token=</code>.</p>
</body></html>
`;
}
