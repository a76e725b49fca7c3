import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_CHANNEL, PUSH_CHANNEL } from '../../../electron/preload/channels';
import { createIpcBridge } from '../../../electron/preload/bridge';

/** A fake ipcRenderer whose invoke answers like main would. */
class FakeIpc extends EventEmitter {
  calls: unknown[][] = [];
  reply: (method: string, args: unknown[]) => unknown = () => ({ ok: true, value: null });
  async invoke(channel: string, ...rest: unknown[]): Promise<unknown> {
    this.calls.push([channel, ...rest]);
    return this.reply(rest[0] as string, rest[1] as unknown[]);
  }
  push(event: string, payload: unknown) {
    this.emit(PUSH_CHANNEL, { sender: 'main' }, event, payload);
  }
}

const { exposed, ipc } = vi.hoisted(() => ({ exposed: {} as Record<string, unknown>, ipc: { current: null as FakeIpc | null } }));
vi.mock('electron', () => {
  ipc.current = new FakeIpc();
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
    ipcRenderer: ipc.current,
  };
});

describe('preload', () => {
  it('exposes window.luopan with named functions only, never ipcRenderer', async () => {
    await import('../../../electron/preload/index');
    expect(Object.keys(exposed)).toEqual(['luopan']);
    const api = exposed.luopan as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    for (const v of Object.values(api)) expect(typeof v).toBe('function');
    expect(Object.values(api)).not.toContain(ipc.current);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|invoke|send/i);
    expect(Object.isFrozen(api)).toBe(true);
  });
});

describe('IPC bridge', () => {
  let fake: FakeIpc;
  beforeEach(() => {
    fake = new FakeIpc();
  });

  it('invokes luopan:api with the method and the args array and unwraps the value', async () => {
    fake.reply = (m, args) => ({ ok: true, value: { method: m, args } });
    const bridge = createIpcBridge(fake);
    const value = await bridge.call('sessions.list', { search: '秋季', limit: 5 });
    expect(value).toEqual({ method: 'sessions.list', args: [{ search: '秋季', limit: 5 }] });
    expect(fake.calls).toEqual([[API_CHANNEL, 'sessions.list', [{ search: '秋季', limit: 5 }]]]);
  });

  it('turns an error reply into a rejected promise with the one-line error', async () => {
    fake.reply = () => ({ ok: false, error: 'sessions.delete: bad arguments (0 Too small)' });
    const bridge = createIpcBridge(fake);
    await expect(bridge.call('sessions.delete', '')).rejects.toThrow('sessions.delete: bad arguments (0 Too small)');
    fake.reply = () => 'garbage';
    await expect(bridge.call('app.info')).rejects.toThrow(/malformed reply/);
  });

  it('refuses unknown methods without touching IPC', async () => {
    const bridge = createIpcBridge(fake);
    await expect((bridge.call as (m: string) => Promise<unknown>)('fs.readFile')).rejects.toThrow('unknown method: fs.readFile');
    await expect((bridge.call as (m: string) => Promise<unknown>)('constructor')).rejects.toThrow(/unknown method/);
    expect(fake.calls).toHaveLength(0);
  });

  it('delivers push events to their listeners until unsubscribed, and only known events', () => {
    const bridge = createIpcBridge(fake);
    const deltas: unknown[] = [];
    const states: unknown[] = [];
    const off = bridge.on('view.delta', (d) => deltas.push(d));
    bridge.on('connection.state', (s) => states.push(s));
    fake.push('view.delta', { n: 1 });
    fake.push('connection.state', { phase: 'live' });
    fake.push('something.else', { evil: true });
    off();
    fake.push('view.delta', { n: 2 });
    expect(deltas).toEqual([{ n: 1 }]);
    expect(states).toEqual([{ phase: 'live' }]);
    expect(() => (bridge.on as (e: string, l: () => void) => void)('ipc.raw', () => {})).toThrow('unknown push event: ipc.raw');
  });

  it('keeps delivering when one listener throws', () => {
    const bridge = createIpcBridge(fake);
    const got: unknown[] = [];
    bridge.on('view.delta', () => {
      throw new Error('boom');
    });
    bridge.on('view.delta', (d) => got.push(d));
    fake.push('view.delta', 1);
    expect(got).toEqual([1]);
  });
});
