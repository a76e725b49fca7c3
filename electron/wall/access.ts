/**
 * Who may talk to the wall server, and what they may do. Without a view token the server is
 * reachable from this machine only (it binds loopback) and answers only requests addressed to a
 * loopback name, so a web page that re-points its own DNS name at 127.0.0.1 (DNS rebinding) gets
 * nothing. With a token every HTTP request and every socket must carry one: `?token=` or
 * `Authorization: Bearer` once, then the cookie set on that first good request (so the page's
 * scripts, styles and socket get in). Two levels (docs/security.md): the view token reads, the
 * admin token (or, without one, being on loopback) also changes.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
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

/** What a caller may do: `view` reads and follows (API_ACCESS 'read'), `admin` also changes. */
export type AccessLevel = 'view' | 'admin';

/**
 * The wall's two credentials. `view` goes into every screen URL (a TV holds it); `admin` only
 * into the console URL printed at start-up. Without `view` the server is loopback-only and any
 * page addressed to it may read; without `admin`, changes come from loopback callers only.
 */
export interface WallCredentials {
  view?: string;
  admin?: string;
}

export const ADMIN_COOKIE = 'luopan_admin';

/** A credential as presented, with where it came from (a bad cookie is cleared, not kept). */
export interface Presented {
  value: string;
  via: 'query' | 'bearer' | 'auth' | 'cookie-view' | 'cookie-admin';
}

export interface AccessVerdict {
  /** null: refused */
  level: AccessLevel | null;
  /** some presented value matched neither credential: a failed attempt (throttled per address) */
  failed: boolean;
  /** which credential a non-cookie value matched, so its cookie can be set */
  matched: { view: boolean; admin: boolean };
  /** presented cookies that matched nothing (cleared in the answer, so a stale one fails once) */
  badCookies: string[];
}

/**
 * The level a caller gets for what it presented. The admin credential (when set) gives admin;
 * the view credential (or none being required) gives view, raised to admin for a loopback
 * caller when no admin credential is set (the person at the wall's own computer).
 */
export function judge(presented: Presented[], creds: WallCredentials, fromLoopback: boolean): AccessVerdict {
  let admin = false;
  let view = false;
  let failed = false;
  const matched = { view: false, admin: false };
  const badCookies: string[] = [];
  for (const p of presented) {
    const isAdmin = creds.admin !== undefined && tokenMatches(p.value, creds.admin);
    const isView = !isAdmin && creds.view !== undefined && tokenMatches(p.value, creds.view);
    admin ||= isAdmin;
    view ||= isView;
    if (p.via !== 'cookie-view' && p.via !== 'cookie-admin') {
      matched.admin ||= isAdmin;
      matched.view ||= isView;
    }
    if (!isAdmin && !isView) {
      failed = true;
      if (p.via === 'cookie-view') badCookies.push(TOKEN_COOKIE);
      if (p.via === 'cookie-admin') badCookies.push(ADMIN_COOKIE);
    }
  }
  let level: AccessLevel | null = null;
  if (admin) level = 'admin';
  else if (view || creds.view === undefined) level = creds.admin === undefined && fromLoopback ? 'admin' : 'view';
  return { level, failed, matched, badCookies };
}

/** The credentials an HTTP request presents: `?token=`, `Authorization: Bearer`, the two cookies. */
export function httpPresented(req: IncomingMessage, url: URL): Presented[] {
  const out: Presented[] = [];
  const query = url.searchParams.get('token');
  if (query) out.push({ value: query, via: 'query' });
  const auth = req.headers.authorization;
  if (auth && /^Bearer\s+/i.test(auth)) out.push({ value: auth.replace(/^Bearer\s+/i, ''), via: 'bearer' });
  return [...out, ...cookiesPresented(req.headers.cookie)];
}

/** The credentials a socket handshake presents: `auth.token` and the cookies of a page already let in. */
export function socketPresented(auth: unknown, cookieHeader: string | undefined): Presented[] {
  const given = auth && typeof auth === 'object' ? (auth as { token?: unknown }).token : undefined;
  const out: Presented[] = typeof given === 'string' && given !== '' ? [{ value: given, via: 'auth' }] : [];
  return [...out, ...cookiesPresented(cookieHeader)];
}

function cookiesPresented(header: string | undefined): Presented[] {
  const out: Presented[] = [];
  const view = cookieValue(header, TOKEN_COOKIE);
  if (view) out.push({ value: view, via: 'cookie-view' });
  const admin = cookieValue(header, ADMIN_COOKIE);
  if (admin) out.push({ value: admin, via: 'cookie-admin' });
  return out;
}

/** The cookie that lets the page's own asset and socket requests through after the first good request. */
export function tokenCookie(token: string, name: string = TOKEN_COOKIE): string {
  return `${name}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
}

/** Clears a cookie that no longer opens anything (a token changed at a restart). */
export function clearedCookie(name: string): string {
  return `${name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}

/** A token of 32 URL-safe characters (192 random bits) for `--token generate`. */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Tokens guarding a host other machines reach must be at least this long. */
export const MIN_LAN_TOKEN = 16;

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

/**
 * The wall's credentials for a bind host, or WallConfigError with one line naming the option:
 * a host other machines can reach needs a view token, and every token it has must be at least
 * MIN_LAN_TOKEN characters (a short one is guessed; the throttle only slows guessing down).
 */
export function checkCredentials(host: string, view: string | undefined, admin: string | undefined): WallCredentials {
  const named = (option: string, value: string | undefined) => {
    try {
      return checkToken(value);
    } catch (err) {
      throw new WallConfigError(`${option}: ${(err as Error).message}`);
    }
  };
  const creds: WallCredentials = { view: named('--token', view), admin: named('--admin-token', admin) };
  if (!isLoopbackHost(host)) {
    if (!creds.view) throw new WallConfigError(`host ${host} can be reached from other machines: an access token is required (--token, or --token generate)`);
    for (const [option, value] of [['--token', creds.view], ['--admin-token', creds.admin]] as const) {
      if (value !== undefined && value.length < MIN_LAN_TOKEN) {
        throw new WallConfigError(`${option}: host ${host} can be reached from other machines: the token must be at least ${MIN_LAN_TOKEN} characters (or: ${option} generate)`);
      }
    }
  }
  if (creds.view !== undefined && creds.view === creds.admin) throw new WallConfigError('--admin-token must differ from --token (a screen URL would open the console)');
  return creds;
}
