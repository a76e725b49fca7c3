/**
 * The wall server's HTTP side against a real server on 127.0.0.1:0: the security headers on
 * every answer, the caching rules (index revalidated, hashed assets immutable), traversal and
 * symlinks refused, 404/405, DNS-rebound Host names refused, and /screens.json.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWallServer, type WallServer } from '../../../electron/wall/server';
import { SCREEN_IDS } from '../../../shared/api/contract';
import { fakeRenderer, rawGet, testHost } from './test-host';

let wall: WallServer;
let base: string;
const renderer = fakeRenderer();

beforeAll(async () => {
  wall = await startWallServer({ engine: testHost(), rendererDir: renderer.dir, port: 0 });
  base = wall.url;
});
afterAll(() => wall.close());

function csp(res: Response): Record<string, string> {
  const header = res.headers.get('content-security-policy') ?? '';
  return Object.fromEntries(header.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(' ')[0], d.slice(d.indexOf(' ') + 1)]));
}

describe('wall server HTTP', () => {
  it('binds 127.0.0.1 by default and says so in its URLs', () => {
    expect(wall.url).toBe(`http://127.0.0.1:${wall.port}`);
    expect(wall.screenUrls.live).toBe(`http://127.0.0.1:${wall.port}/#/live`);
    expect(Object.keys(wall.screenUrls).sort()).toEqual([...SCREEN_IDS].sort());
  });

  it('serves index.html with a strict CSP, nosniff, no-referrer and no-cache', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<div id="app">');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const p = csp(res);
    expect(p['default-src']).toBe("'self'");
    expect(p['script-src']).toBe("'self'");
    expect(p['object-src']).toBe("'none'");
    expect(p['base-uri']).toBe("'none'");
    expect(p['frame-ancestors']).toBe("'none'");
    expect(p['connect-src']).toContain(`ws://127.0.0.1:${wall.port}`);
    expect(p['connect-src']).not.toMatch(/(^|\s)(ws:|wss:|\*)(\s|$)/); // no socket to any other host
    expect(p['media-src']).toBe("'self' blob: https:");
    expect(p['img-src']).toBe("'self' data: blob:");
  });

  it('serves /index.html the same way and revalidates with the ETag', async () => {
    const first = await fetch(`${base}/index.html`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${base}/index.html`, { headers: { 'If-None-Match': etag as string } });
    expect(again.status).toBe(304);
  });

  it('caches hashed assets for good, with their MIME types', async () => {
    const js = await fetch(`${base}/assets/index-AbC123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBeTruthy();
    const css = await fetch(`${base}/assets/index-AbC123.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers 404 for unknown files and directories, with the security headers', async () => {
    for (const path of ['/nope.js', '/assets/nope-123.js', '/assets', '/assets/']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-security-policy'), path).toBeTruthy();
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('never serves a file outside the renderer directory', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/%00index.html',
      '/%E0%A4%A', // undecodable
      '/assets/link.txt', // a symlink pointing outside
      `/${renderer.secret}`,
    ];
    for (const path of attempts) {
      const res = await rawGet(wall.port, path);
      expect([400, 403, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('TOP-SECRET');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await fetch(`${base}/`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    const head = await fetch(`${base}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('without a token answers only requests addressed to a loopback name (DNS rebinding)', async () => {
    const rebound = await rawGet(wall.port, '/', { Host: `evil.example:${wall.port}` });
    expect(rebound.status).toBe(421);
    const byName = await rawGet(wall.port, '/', { Host: `localhost:${wall.port}` });
    expect(byName.status).toBe(200);
  });

  it('lists the screens at /screens.json under the origin the browser used', async () => {
    const res = await fetch(`${base}/screens.json`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { index: string; screens: { id: string; url: string }[] };
    expect(body.screens.map((s) => s.id)).toEqual([...SCREEN_IDS]);
    expect(body.screens[0]?.url).toBe(`${base}/#/live`);
    expect(body.index).toBe(`${base}/#/`);
    const viaName = await rawGet(wall.port, '/screens.json', { Host: `localhost:${wall.port}` });
    expect(JSON.parse(viaName.body).screens[0].url).toBe(`http://localhost:${wall.port}/#/live`);
  });

  it('says the screens are not built rather than 404 when the renderer is missing', async () => {
    const bare = await startWallServer({ engine: testHost(), rendererDir: '/nonexistent/renderer', port: 0 });
    try {
      const res = await fetch(`${bare.url}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/npm run build/);
    } finally {
      await bare.close();
    }
  });
});
