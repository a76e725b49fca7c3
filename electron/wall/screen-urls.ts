/**
 * The addresses printed at start-up and listed by /screens.json and `app.info`. The token goes
 * in the query, before the hash, so the server sees it on the page request (and sets the
 * cookie); the screen route and its `?room=` pin stay in the hash for the renderer's router.
 */
import { networkInterfaces } from 'node:os';
import { SCREEN_IDS, type ScreenId } from '../../shared/api/contract';

/** The host a person should type: a wildcard bind is shown as this machine's first LAN address. */
export function displayHost(bindHost: string): string {
  if (bindHost !== '0.0.0.0' && bindHost !== '::' && bindHost !== '') return bindHost;
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

/** `http://host:port` with IPv6 literals bracketed. */
export function origin(host: string, port: number): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

export function screenUrls(base: string, token: string | undefined): Record<ScreenId, string> {
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return Object.fromEntries(SCREEN_IDS.map((id) => [id, `${base}/${query}#/${id}`])) as Record<ScreenId, string>;
}

export function indexUrl(base: string, token: string | undefined): string {
  return `${base}/${token ? `?token=${encodeURIComponent(token)}` : ''}#/`;
}
