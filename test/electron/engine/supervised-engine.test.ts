/**
 * The desktop's engine worker under supervision, with the real worker thread (the real engine on
 * a real SQLite file, fed by a scripted socket.io source on 127.0.0.1): the worker is ended as an
 * out-of-memory kill would end it; the supervisor says `restarting`, starts a new one on the same
 * database, says `running`, and the figures come back from SQLite — the same view as before the
 * death, and new events flow again. Past the limit it says `failed` with the reason, once, and
 * calls answer that reason in one line.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineState } from '../../../shared/api/contract';
import { createSupervisedEngine, type SupervisedEngine } from '../../../electron/engine/supervised-engine';
import { likeEvent, range, startScriptedSource } from './scripted-source';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});
const tempDb = () => join(mkdtempSync(join(tmpdir(), 'luopan-supervised-')), 'e.db');

async function until(cond: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const START = { seq: 1, ts: 1_700_000_000_000, type: 'session.start', sessionId: 'sup-1', roomId: 'room-sup', title: '测试', startedAt: 1_700_000_000_000, host: { id: 'h', name: '主播', kind: 'self' }, shop: { id: 's', name: '店', category: 'c', tier: 't' } };

describe('supervised engine worker', () => {
  it('starts a dead worker again, tells the windows, and the figures come back from SQLite', async () => {
    const source = await startScriptedSource();
    cleanups.push(() => source.close());
    const firstSocket = source.nextSocket();
    const lines: string[] = [];
    const engine: SupervisedEngine = await createSupervisedEngine({ dbFile: tempDb(), source: source.url, logger: (l) => lines.push(l) });
    cleanups.push(() => engine.close());
    const states: EngineState[] = [];
    engine.onPush('engine.state', (s) => states.push(s));
    let socket = await firstSocket;
    expect(await source.batch(socket, { sessionId: 'sup-1', events: [START, ...range(2, 40).map((s) => likeEvent(s))] })).toEqual({ ok: true, upTo: 40 });
    await until(async () => (await engine.handlers['view.full']()).rooms['sup-1']?.info?.roomId === 'room-sup');
    const before = (await engine.handlers['view.full']()).rooms['sup-1']!;

    const nextSocket = source.nextSocket();
    const first = engine.current();
    await first.terminate();
    // a call made while it is down waits for the new worker instead of failing
    const during = engine.handlers['sessions.list']({});
    await until(() => states.some((s) => s.phase === 'running'));
    expect(states.map((s) => s.phase)).toEqual(['restarting', 'running']);
    expect(states[1]).toMatchObject({ restarts: 1, reason: expect.stringMatching(/^engine worker exited \(code \d+\)$/) });
    expect(engine.current()).not.toBe(first);
    expect((await during).map((s) => s.sessionId)).toEqual(['sup-1']);
    expect(lines.some((l) => /^engine: engine worker exited \(code \d+\); starting it again$/.test(l))).toBe(true);

    // rebuilt from SQLite: the same figures the old worker had
    const after = (await engine.handlers['view.full']()).rooms['sup-1']!;
    expect(after.figures).toEqual(before.figures);
    expect(after.info).toEqual(before.info);
    // and the new worker ingests: the source resumes after 40
    socket = await nextSocket;
    expect(await source.batch(socket, { sessionId: 'sup-1', events: range(41, 45).map((s) => likeEvent(s)) })).toEqual({ ok: true, upTo: 45 });
    expect((await engine.dispatch('sessions.list', [{}])).ok).toBe(true);
  }, 60_000);

  it('past the limit: one failed state with the reason, calls answer it', async () => {
    const source = await startScriptedSource();
    cleanups.push(() => source.close());
    const engine = await createSupervisedEngine({ dbFile: tempDb(), source: source.url, maxRestarts: 1 });
    cleanups.push(() => engine.close());
    const states: EngineState[] = [];
    engine.onPush('engine.state', (s) => states.push(s));
    await engine.current().terminate();
    await until(() => states.some((s) => s.phase === 'running'));
    await engine.current().terminate();
    await until(() => states.some((s) => s.phase === 'failed'));
    expect(states.map((s) => s.phase)).toEqual(['restarting', 'running', 'failed']);
    expect(states[2]!.reason).toMatch(/^the engine stopped 2 times within 5 min; not started again \(last: engine worker exited/);
    const reply = await engine.dispatch('view.full', []);
    expect(reply).toEqual({ ok: false, error: states[2]!.reason });
    await expect(engine.handlers['settings.get']()).rejects.toThrow(/not started again/);
  }, 60_000);
});
