/**
 * What the two ways of serving the built renderer share — the desktop's `luopan://app/` protocol
 * (electron/main/app-protocol.ts) and the wall server's HTTP (electron/wall/static-files.ts):
 * the content types, the lexical mapping of a URL path to a file that cannot leave the root,
 * and the real-path re-check so a symlink cannot lead out either.
 */
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.mp4': 'video/mp4',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type UnderRoot = { ok: true; file: string; rel: string } | { ok: false; status: 400 | 403; reason: string };

/**
 * Map a (still percent-encoded) URL path to a file under `root`, lexically: refuses undecodable,
 * NUL or backslash paths and anything resolving outside the root (`..`, `%2e%2e%2f`, absolute).
 * `/` is index.html. `outside` is the refusal's wording.
 */
export function resolveUnderRoot(root: string, pathname: string, outside: string): UnderRoot {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' };
  }
  if (path.includes('\0') || path.includes('\\')) return { ok: false, status: 403, reason: 'forbidden character in path' };
  const rel = path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(base, rel);
  if (!file.startsWith(base + sep)) return { ok: false, status: 403, reason: outside };
  return { ok: true, file, rel };
}

/**
 * The real path and size of a regular file whose real path is still under the root's real path;
 * null for anything else (missing, a directory, a symlink leading out).
 */
export async function realFileUnder(root: string | Promise<string>, file: string): Promise<{ real: string; size: number; mtimeMs: number } | null> {
  try {
    const [realRoot, real] = await Promise.all([typeof root === 'string' ? realpath(root) : root, realpath(file)]);
    if (!real.startsWith(realRoot + sep)) return null;
    const st = await stat(real);
    return st.isFile() ? { real, size: st.size, mtimeMs: st.mtimeMs } : null;
  } catch {
    return null;
  }
}
