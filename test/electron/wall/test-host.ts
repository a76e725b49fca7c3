/**
 * A small EngineHost for the wall server's HTTP, token and back-pressure tests, where what the
 * engine computes does not matter but what it pushes must be under the test's control. The
 * bridge round trip and the pushes are also tested against the real engine (bridge.test.ts).
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_METHODS, type ApiHandlers, type PushEvent, type PushEvents, type SettingsView } from '../../../shared/api/contract';
import type { EngineHost } from '../../../electron/engine/host';
import { dispatchApiCall } from '../../../shared/api/dispatch';

export interface TestHost extends EngineHost {
  push<E extends PushEvent>(event: E, payload: PushEvents[E]): void;
  listenerCount(): number;
}

export function testHost(overrides: Partial<ApiHandlers> = {}): TestHost {
  const listeners = new Map<PushEvent, Set<(p: unknown) => void>>();
  const settings: SettingsView = { locale: 'zh-CN', source: 'demo', hasSourceToken: false, breakEvenRoi: 2, retentionDays: 0, startRole: '' };
  // methods these tests do not use answer with an error, so a new contract method needs no edit here
  const unserved = Object.fromEntries(
    API_METHODS.map((m) => [m, () => { throw new Error(`${m}: not served by the test host`); }]),
  ) as unknown as ApiHandlers;
  const handlers: ApiHandlers = {
    ...unserved,
    'app.info': () => ({ name: 'luopan', version: '0.0.0', shell: 'desktop', screens: [] }),
    'view.full': () => ({ version: 1, full: true, publishedAt: Date.now(), rooms: {} }),
    'connection.get': () => ({ phase: 'live', source: 'demo', attempt: 0, lastEventAt: null, error: null, rejected: {}, eventsStored: 0 }),
    'sessions.list': () => [],
    'sessions.delete': () => ({ deleted: false }),
    'settings.get': () => settings,
    'settings.set': ({ sourceToken, ...patch }) => Object.assign(settings, patch, sourceToken === undefined ? {} : { hasSourceToken: sourceToken !== '' }),
    'layout.get': () => [],
    'layout.set': (layout) => layout,
    'layout.reset': () => [],
    ...overrides,
  };
  return {
    handlers,
    dispatch: (method, args) => dispatchApiCall(handlers, method, args),
    onPush(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
    push(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
    close: async () => undefined,
  };
}

/**
 * A renderer directory like Vite's output, plus a secret next to it (outside the root) and a
 * symlink inside pointing at that secret: neither may ever be served.
 */
export function fakeRenderer(): { dir: string; secret: string } {
  const top = mkdtempSync(join(tmpdir(), 'luopan-wall-'));
  const dir = join(top, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><script type="module" src="./assets/index-AbC123.js"></script></head><body><div id="app"></div></body></html>');
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'document.getElementById("app").textContent = "罗盘";');
  writeFileSync(join(dir, 'assets', 'index-AbC123.css'), 'body{background:#000}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const secret = join(top, 'secret.txt');
  writeFileSync(secret, 'TOP-SECRET');
  symlinkSync(secret, join(dir, 'assets', 'link.txt'));
  return { dir, secret };
}

/** A raw HTTP request: fetch() would normalise `..` and `%2e%2e` away before they reach the server. */
export async function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}
