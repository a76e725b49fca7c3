/**
 * The settings the API answers never hold the source token (only whether one is stored), a
 * patch without a token keeps it, and a source moved to another host drops it: a token is
 * never sent to a host nobody gave it to.
 */
import { describe, expect, it } from 'vitest';
import { readSettings, settingsView, writeSettings, type KvAccess } from '../../../electron/engine/preferences';

function memoryKv(): KvAccess {
  const map = new Map<string, unknown>();
  return { get: (k) => map.get(k), put: (k, v) => void map.set(k, JSON.stringify(v)) };
}

const SECRET = 'source-Secret-77';

describe('settings and the source token', () => {
  it('answers hasSourceToken, never the token', () => {
    const kv = memoryKv();
    expect(settingsView(readSettings(kv))).toMatchObject({ hasSourceToken: false });
    const after = writeSettings(kv, { source: 'https://relay.example:7100', sourceToken: SECRET });
    const view = settingsView(after);
    expect(view.hasSourceToken).toBe(true);
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect('sourceToken' in view).toBe(false);
  });

  it('keeps the token when a patch leaves it out, and on the same host; clears it with ""', () => {
    const kv = memoryKv();
    writeSettings(kv, { source: 'https://relay.example:7100', sourceToken: SECRET });
    expect(writeSettings(kv, { breakEvenRoi: 3 }).sourceToken).toBe(SECRET);
    expect(writeSettings(kv, { source: 'wss://relay.example:7100/other' }).sourceToken).toBe(SECRET);
    expect(writeSettings(kv, { sourceToken: '' }).sourceToken).toBe('');
  });

  it('drops the token when the source moves to another host without a new one', () => {
    const kv = memoryKv();
    writeSettings(kv, { source: 'https://relay.example:7100', sourceToken: SECRET });
    expect(writeSettings(kv, { source: 'https://attacker.example:7100' }).sourceToken).toBe('');
    writeSettings(kv, { source: 'https://relay.example:7100', sourceToken: SECRET });
    expect(writeSettings(kv, { source: 'https://relay.example:7101' }).sourceToken).toBe('');
    // a new host with its own token keeps the one given
    expect(writeSettings(kv, { source: 'https://b.example', sourceToken: 'b-token' }).sourceToken).toBe('b-token');
  });
});
