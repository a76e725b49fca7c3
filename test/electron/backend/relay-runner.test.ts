/**
 * The console's relay (relay.start / relay.state / relay.stop) on a real engine and a real
 * SQLite file: the relay starts with the chosen inputs and becomes the source, what a feed posts
 * to it reaches the engine's store and live view, a bad input is refused in one line, the relay
 * starts again with the next engine until the console stops it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { comment, ndjson, sessionStart } from '../relay/fixtures';

const engines: Backend[] = [];
afterEach(async () => {
  for (const e of engines.splice(0).reverse()) await e.close();
});

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'luopan-relay-runner-')), 'e.db');

async function until(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function start(dbFile: string): Promise<Backend> {
  const e = await createBackend({ dbFile, source: undefined, relayPort: 0 });
  engines.push(e);
  return e;
}

describe('the console relay', () => {
  it('starts with the chosen inputs, becomes the source, and what is posted to it reaches the engine', async () => {
    const dbFile = tempDb();
    const engine = await start(dbFile);
    await engine.handlers['settings.set']({ source: 'http://127.0.0.1:9' });
    expect(await engine.handlers['relay.state']()).toMatchObject({ running: false, url: null });
    await expect(engine.handlers['relay.start']({ inputs: ['carrier-pigeon'] })).rejects.toThrow(/unknown input "carrier-pigeon"/);
    await expect(engine.handlers['relay.start']({ inputs: ['stdin'] })).rejects.toThrow(/stdin needs a terminal/);

    const st = await engine.handlers['relay.start']({ inputs: ['http'] });
    expect(st).toMatchObject({ running: true, inputs: ['http'], error: null });
    expect((await engine.handlers['settings.get']()).source).toBe(st.url);
    expect(engine.sourceUrl()).toBe(st.url);
    const res = await fetch(`${st.url}/events`, { method: 'POST', body: ndjson('s1', [sessionStart('s1'), ...Array.from({ length: 20 }, (_, i) => comment(i))]) });
    expect(res.status).toBe(200);
    await until(() => engine.stats().eventsStored === 21);
    const view = await engine.handlers['view.full']();
    expect(JSON.stringify(view)).toContain('room-s1');
    expect((await engine.handlers['relay.state']()).figures).toEqual({ sessions: 1, liveSessions: 1, events: 21, clients: 1, inputs: [{ name: 'http', state: 'listening', received: 21, accepted: 21, rejected: 0 }] });
  });

  it('starts again with the next engine, until the console stops it', async () => {
    const dbFile = tempDb();
    let engine = await start(dbFile);
    await engine.handlers['relay.start']({ inputs: ['http'] });
    await engine.close();
    engines.splice(0);
    engine = await start(dbFile);
    const again = await engine.handlers['relay.state']();
    expect(again).toMatchObject({ running: true, inputs: ['http'] });
    expect((await engine.handlers['settings.get']()).source).toBe(again.url);
    expect(await engine.handlers['relay.stop']()).toMatchObject({ running: false, inputs: [] });
    await engine.close();
    engines.splice(0);
    engine = await start(dbFile);
    expect((await engine.handlers['relay.state']()).running).toBe(false);
  });
});
