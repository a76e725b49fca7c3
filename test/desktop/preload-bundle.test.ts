/**
 * A sandboxed preload can require nothing but `electron`: the built bundle must carry everything
 * else (the contract and zod) inline. Checks the real build output of `npm run build`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
