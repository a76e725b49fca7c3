/**
 * The built renderer (out/renderer) as static files: index.html revalidated on every load,
 * Vite's content-hashed files under /assets cached for good, nothing outside the directory
 * reachable (lexical check, then the real path again so a symlink cannot lead out).
 */
import { createReadStream, existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mimeType, realFileUnder, resolveUnderRoot } from '../static/static-path';
import { CACHE_IMMUTABLE, CACHE_REVALIDATE } from './headers';

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
  const under = resolveUnderRoot(root, pathname, 'path outside the screens');
  return under.ok ? { ok: true, file: under.file, immutable: under.rel.startsWith('assets/') } : under;
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
  headers: Record<string, string | string[]>,
): Promise<boolean> {
  const found = await realFileUnder(root, target.file);
  if (!found) return false;
  const { real, size, mtimeMs } = found;
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
