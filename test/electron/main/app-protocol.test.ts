import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  appUrl,
  createAppProtocolHandler,
  isAppUrl,
  resolveAppPath,
} from '../../../electron/main/app-protocol';

let base: string;
let root: string;
let handler: (r: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'luopan-proto-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>luopan</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'a b.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'TOP SECRET');
  mkdirSync(join(base, 'renderer-evil'));
  writeFileSync(join(base, 'renderer-evil', 'x.js'), 'evil');
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  handler = createAppProtocolHandler(root);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('luopan:// protocol', () => {
  it('serves index.html at the root and assets with their type and the CSP header', async () => {
    const index = await get('luopan://app/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await index.text()).toContain('<title>luopan</title>');
    const js = await get('luopan://app/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('luopan://app/assets/a%20b.css')).status).toBe(200);
  });

  it('ignores the query and hash of a screen URL', async () => {
    const res = await get(appUrl('/live', 'room 1'));
    expect(res.status).toBe(200);
  });

  it('refuses every way out of the root', async () => {
    const attempts = [
      'luopan://app/../secret.txt',
      'luopan://app/%2e%2e/secret.txt',
      'luopan://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'luopan://app/..%2fsecret.txt',
      'luopan://app/%2e%2e%5csecret.txt',
      'luopan://app/..%5c..%5csecret.txt',
      'luopan://app/%2e%2e%2frenderer-evil%2fx.js',
      `luopan://app/${encodeURIComponent(join(base, 'secret.txt'))}`,
      'luopan://app/index.html%00.js',
      'luopan://app/assets/link.txt',
    ];
    for (const url of attempts) {
      const res = await get(url);
      const body = await res.text();
      expect(body, url).not.toContain('TOP SECRET');
      expect(body, url).not.toBe('evil');
      expect(res.status, url).toBeGreaterThanOrEqual(400);
    }
  });

  it('says why, lexically', () => {
    expect(resolveAppPath(root, 'luopan://app/%2e%2e%2fsecret.txt')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppPath(root, 'luopan://app/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
    expect(resolveAppPath(root, 'luopan://other/index.html')).toMatchObject({ ok: false, status: 404 });
    expect(resolveAppPath(root, 'luopan://app/assets/app.js')).toEqual({ ok: true, file: join(root, 'assets', 'app.js') });
  });

  it('answers 404 for missing files and directories, 405 for writes', async () => {
    expect((await get('luopan://app/nope.js')).status).toBe(404);
    expect((await get('luopan://app/assets')).status).toBe(404);
    expect((await get('luopan://app/index.html', 'POST')).status).toBe(405);
    const head = await get('luopan://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('recognises only our own origin as the app', () => {
    expect(isAppUrl('luopan://app/index.html#/live')).toBe(true);
    expect(isAppUrl('luopan://evil/index.html')).toBe(false);
    expect(isAppUrl('luopan://user@app/index.html')).toBe(false);
    expect(isAppUrl('file:///app/index.html')).toBe(false);
    expect(isAppUrl('https://app/')).toBe(false);
    expect(isAppUrl('data:text/html,hi')).toBe(false);
    expect(isAppUrl('')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });

  it('pins a room in the hash route', () => {
    expect(appUrl('/live')).toBe('luopan://app/index.html#/live');
    expect(appUrl('/ad', 'r&1')).toBe('luopan://app/index.html#/ad?room=r%261');
  });
});
