/**
 * The browsers' bridge (renderer/src/bridge/socket-bridge.ts) against a real wall server: a
 * short call gives up after callTimeoutMs, a long one (LONG_CALLS: replay seeks, diagnosis)
 * waits for its answer however long it computes, and fails at once when the connection drops.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createSocketBridge } from '../../../renderer/src/bridge/socket-bridge';
import { startWallServer, type WallServer } from '../../../electron/wall/server';
import type { ReplayState } from '../../../shared/api/contract';
import { fakeRenderer, testHost } from './test-host';

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const state = { sessionId: 's1' } as unknown as ReplayState;
const walls: WallServer[] = [];
afterAll(async () => {
  for (const w of walls) await w.close().catch(() => undefined);
});

describe('socket bridge call timeouts', () => {
  it('gives up on a short call after callTimeoutMs, waits for a long one, fails a long one when the link drops', async () => {
    const host = testHost({
      'sessions.list': () => later(400, []),
      'replay.seek': () => later(400, state),
      'replay.open': () => new Promise<ReplayState>(() => undefined), // never answers
    });
    const wall = await startWallServer({ engine: host, rendererDir: fakeRenderer().dir, port: 0 });
    walls.push(wall);
    const bridge = createSocketBridge({ origin: wall.url, token: null, callTimeoutMs: 150, longCallTimeoutMs: 5_000 });

    await expect(bridge.call('sessions.list', {})).rejects.toThrow('sessions.list: no answer within 150 ms');
    await expect(bridge.call('replay.seek', 12)).resolves.toEqual(state);

    const dropped = expect(bridge.call('replay.open', 's1')).rejects.toThrow('replay.open: the connection to the engine dropped before it answered');
    const t0 = Date.now();
    await later(100, null);
    await wall.close();
    await dropped;
    expect(Date.now() - t0).toBeLessThan(3_000);
  });
});
