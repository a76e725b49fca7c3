/**
 * The response headers every wall-server answer carries: a strict Content-Security-Policy and
 * the two headers that stop MIME sniffing and referrer leaks (a screen URL may hold `?token=`).
 */

/**
 * The policy the screens run under in a browser. Scripts only from the server itself; sockets
 * only to the same host (`'self'` covers http(s); ws:/wss: are listed explicitly because older
 * browsers do not map 'self' onto WebSocket schemes). `style-src 'unsafe-inline'` is needed:
 * ECharts writes its tooltip as HTML with `style="…"` attributes through innerHTML, and Vue
 * inserts hoisted static template chunks through innerHTML too — both are blocked by a
 * style-src without it (setting element.style from script is not). Video (HLS) playlists and
 * segments may come from a configured https stream: hls.js fetches them (connect-src) and feeds
 * the <video> through a blob: URL (media-src); a plain MP4 plays straight from https (media-src).
 */
export function contentSecurityPolicy(hostHeader: string | undefined): string {
  // the Host header the browser used is exactly the origin the page came from
  const host = hostHeader && /^[A-Za-z0-9.\-:[\]]+$/.test(hostHeader) ? hostHeader : null;
  const sockets = host ? `ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self' ${sockets} https:`.replace('  ', ' '),
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob: https:",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function securityHeaders(hostHeader: string | undefined): Record<string, string | string[]> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(hostHeader),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/** index.html and anything not content-hashed: always revalidate. */
export const CACHE_REVALIDATE = 'no-cache';
/** Vite's hashed files under /assets: a new build has new names, so cache them for good. */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
