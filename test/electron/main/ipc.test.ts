import { describe, expect, it } from 'vitest';
import type { ApiHandlers, PushEvent, PushEvents, ScreenLayout } from '../../../shared/api/contract';
import type { EngineHost } from '../../../electron/engine/host';
import { dispatchApiCall } from '../../../shared/api/dispatch';
import { createApiRelay, forwardPushes, isTrustedSender, registerApiRelay } from '../../../electron/main/ipc';
import { API_CHANNEL, PUSH_CHANNEL } from '../../../electron/preload/channels';
import { FakeWindow, FakeScreen, fakeDisplay } from './fakes/fake-electron';

/** A small in-memory engine: real handlers over plain state, so replies are computed, not canned. */
function memoryEngine() {
  let layout: ScreenLayout = [];
  const calls: string[] = [];
  const listeners = new Map<PushEvent, Set<(p: unknown) => void>>();
  const handlers = {
    'layout.get': () => layout,
    'layout.set': (l: ScreenLayout) => {
      calls.push('layout.set');
      layout = l;
      return layout;
    },
    'sessions.delete': (id: string) => {
      calls.push(`delete ${id}`);
      if (id === 'locked') throw new Error('database is locked\n    at Statement.run (/secret/path.js:1:1)');
      return { deleted: id === 's1' };
    },
  } as unknown as ApiHandlers;
  const engine: EngineHost = {
    handlers,
    dispatch: (method, args) => dispatchApiCall(handlers, method, args),
    onPush<E extends PushEvent>(event: E, l: (p: PushEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(l as (p: unknown) => void);
      return () => set.delete(l as (p: unknown) => void);
    },
    close: async () => {},
  };
  const push = (event: PushEvent, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  return { engine, calls, push };
}

const APP = { senderFrame: { url: 'luopan://app/index.html#/console' } };

describe('IPC sender validation', () => {
  it('trusts only frames of luopan://app', () => {
    expect(isTrustedSender(APP)).toBe(true);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'data:text/html,x', 'luopan://evil/index.html', 'luopan://app.evil/x', 'about:blank', 'devtools://devtools/']) {
      expect(isTrustedSender({ senderFrame: { url } }), url).toBe(false);
    }
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
    expect(isTrustedSender({})).toBe(false);
  });

  it('refuses a call from a foreign frame before the engine sees it', async () => {
    const { engine, calls } = memoryEngine();
    const relay = createApiRelay({ engine });
    const reply = await relay({ senderFrame: { url: 'https://evil.example/' } }, 'sessions.delete', ['s1']);
    expect(reply).toEqual({ ok: false, error: 'refused: the caller is not a Luopan screen' });
    expect(calls).toEqual([]);
  });
});

describe('API relay', () => {
  it('validates the method and the arguments with the contract', async () => {
    const { engine, calls } = memoryEngine();
    const relay = createApiRelay({ engine });
    expect(await relay(APP, 'shell.exec', [])).toEqual({ ok: false, error: 'unknown method: shell.exec' });
    expect(await relay(APP, '__proto__', [])).toMatchObject({ ok: false });
    const bad = await relay(APP, 'sessions.delete', [42]);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^sessions\.delete: bad arguments/);
    expect(await relay(APP, 'sessions.delete', 's1')).toMatchObject({ ok: false });
    expect(calls).toEqual([]);
  });

  it('relays a valid call and wraps the value', async () => {
    const { engine, calls } = memoryEngine();
    const relay = createApiRelay({ engine });
    expect(await relay(APP, 'sessions.delete', ['s1'])).toEqual({ ok: true, value: { deleted: true } });
    expect(await relay(APP, 'sessions.delete', ['s2'])).toEqual({ ok: true, value: { deleted: false } });
    expect(calls).toEqual(['delete s1', 'delete s2']);
  });

  it('turns an engine error into one line without the stack', async () => {
    const { engine } = memoryEngine();
    const reply = await createApiRelay({ engine })(APP, 'sessions.delete', ['locked']);
    expect(reply).toEqual({ ok: false, error: 'database is locked' });
  });

  it('lets main answer some methods itself and reports successful calls', async () => {
    const { engine } = memoryEngine();
    const seen: [string, unknown][] = [];
    const relay = createApiRelay({
      engine,
      overrides: { 'app.info': () => ({ name: 'luopan', version: '0.1.0', shell: 'desktop', screens: [] }) },
      afterCall: (m, v) => seen.push([m, v]),
    });
    expect(await relay(APP, 'app.info', [])).toMatchObject({ ok: true, value: { shell: 'desktop' } });
    const layout = [{ screen: 'live', displayId: 2, mode: 'kiosk', room: null }];
    await relay(APP, 'layout.set', [layout]);
    expect(seen.map(([m]) => m)).toEqual(['app.info', 'layout.set']);
    expect(seen[1]?.[1]).toEqual(layout);
  });

  it('registers one handler on the api channel', async () => {
    const { engine } = memoryEngine();
    const handlers = new Map<string, (e: { senderFrame?: { url: string } | null }, ...a: unknown[]) => unknown>();
    const off = registerApiRelay(
      { handle: (c, l) => handlers.set(c, l), removeHandler: (c) => handlers.delete(c) },
      { engine },
    );
    expect([...handlers.keys()]).toEqual([API_CHANNEL]);
    const h = handlers.get(API_CHANNEL)!;
    expect(await h(APP, 'sessions.delete', ['s1'])).toEqual({ ok: true, value: { deleted: true } });
    off();
    expect(handlers.size).toBe(0);
  });
});

describe('push forwarding', () => {
  it('sends every push to every live window and stops when unsubscribed', () => {
    const { engine, push } = memoryEngine();
    const screen = new FakeScreen([fakeDisplay(1, 0, 0, 1920, 1080)]);
    const opts = { x: 0, y: 0, width: 100, height: 100, fullscreen: false, kiosk: false, title: '' } as never;
    const a = new FakeWindow(opts, screen);
    const b = new FakeWindow(opts, screen);
    const closed = new FakeWindow(opts, screen);
    closed.close();
    const off = forwardPushes(engine, () => [a, b, closed]);
    push('view.delta', { seq: 1 });
    push('connection.state', { phase: 'live' });
    off();
    push('view.delta', { seq: 2 });
    for (const w of [a, b]) {
      expect(w.webContents.sent).toEqual([
        { channel: PUSH_CHANNEL, args: ['view.delta', { seq: 1 }] },
        { channel: PUSH_CHANNEL, args: ['connection.state', { phase: 'live' }] },
      ]);
    }
    expect(closed.webContents.sent).toEqual([]);
  });
});
