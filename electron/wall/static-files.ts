/**
 * The built renderer (out/renderer) as static files: index.html revalidated on every load,
 * Vite's content-hashed files under /assets cached for good, nothing outside the directory
 * reachable (lexical check, then the real path again so a symlink cannot lead out).
 */
import { createReadStream, existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_IMMUTABLE, CACHE_REVALIDATE } from './headers';

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

/**
 * Where the built screens are: next to the bundled CLI (out/node → out/renderer) or, when run
 * from source (tests, tsx), at the repository's out/renderer.
 */
export function defaultRendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'renderer'), join(here, '..', '..', 'out', 'renderer')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? (candidates[1] as string);
}

export type Resolved = { ok: true; file: string; immutable: boolean } | { ok: false; status: 400 | 403 | 404; reason: string };

/** Map a URL path to a file under root, lexically; refuses anything that would leave root. */
export function resolveStatic(root: string, pathname: string): Resolved {
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
  if (!file.startsWith(base + sep)) return { ok: false, status: 403, reason: 'path outside the screens' };
  return { ok: true, file, immutable: rel.startsWith('assets/') };
}

/**
 * Send a file resolved by resolveStatic. Returns false (nothing sent) when it does not exist,
 * is not a regular file, or its real path leaves root — the caller answers 404.
 */
export async function sendStatic(
  root: string,
  target: { file: string; immutable: boolean },
  method: string,
  ifNoneMatch: string | undefined,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<boolean> {
  let real: string;
  let size: number;
  let mtimeMs: number;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(target.file)]);
    if (!realFile.startsWith(realRoot + sep)) return false;
    const st = await stat(realFile);
    if (!st.isFile()) return false;
    real = realFile;
    size = st.size;
    mtimeMs = st.mtimeMs;
  } catch {
    return false;
  }
  const etag = `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"`;
  const common = {
    ...headers,
    'Cache-Control': target.immutable ? CACHE_IMMUTABLE : CACHE_REVALIDATE,
    ETag: etag,
  };
  if (ifNoneMatch === etag) {
    res.writeHead(304, common);
    res.end();
    return true;
  }
  res.writeHead(200, { ...common, 'Content-Type': mimeType(real), 'Content-Length': String(size) });
  if (method === 'HEAD') {
    res.end();
    return true;
  }
  const stream = createReadStream(real);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
  return true;
}
