/**
 * Checks on the real build output of `npm run build` that the shell depends on:
 * - a sandboxed preload can require nothing but `electron`: the bundle carries the rest inline;
 * - the screens must run under the CSP the luopan:// protocol sends (no inline scripts/handlers).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/app-protocol';

const file = join(__dirname, '..', '..', 'out', 'preload', 'index.cjs');
const built = existsSync(file);
if (!built) console.log(`preload bundle check skipped: ${file} not built (npm run build)`);

describe.skipIf(!built)('built preload', () => {
  it('requires only electron and exposes window.luopan', () => {
    const src = readFileSync(file, 'utf8');
    const required = [...src.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(src).not.toMatch(/^\s*import\s/m);
    expect(src).toContain('exposeInMainWorld("luopan"');
  });
});

const html = join(__dirname, '..', '..', 'out', 'renderer', 'index.html');
const htmlBuilt = existsSync(html);
if (!htmlBuilt) console.log(`renderer CSP check skipped: ${html} not built (npm run build)`);

describe.skipIf(!htmlBuilt)('built renderer under the CSP', () => {
  it('has no inline script, inline handler or javascript: URL, and loads scripts from the app', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    const src = readFileSync(html, 'utf8');
    const scripts = [...src.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body?.trim(), 'inline script').toBe('');
      expect(attrs).toMatch(/\ssrc="\.\//);
    }
    expect(src).not.toMatch(/\son[a-z]+\s*=/i);
    expect(src).not.toMatch(/javascript:/i);
  });
});
