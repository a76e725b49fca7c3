import { describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../shared/api/contract';
import { dispatchApiCall } from '../../../shared/api/dispatch';

/** handlers over plain state that record what reached them */
function handlers() {
  const reached: unknown[][] = [];
  const h = {
    'sessions.delete': (id: string) => {
      reached.push([id]);
      if (id === 'locked') throw new Error('database is locked\n    at Statement.run (/secret/path.js:1:1)');
      return { deleted: id === 's1' };
    },
    'sessions.list': (query: unknown) => {
      reached.push([query]);
      return [];
    },
  } as unknown as ApiHandlers;
  return { h, reached };
}

describe('dispatchApiCall', () => {
  it('runs a valid call and answers { ok, value }', async () => {
    const { h, reached } = handlers();
    expect(await dispatchApiCall(h, 'sessions.delete', ['s1'])).toEqual({ ok: true, value: { deleted: true } });
    // arguments reach the handler as the schema parsed them (unknown keys dropped)
    expect(await dispatchApiCall(h, 'sessions.list', [{ search: 'a', extra: 1 }])).toEqual({ ok: true, value: [] });
    expect(reached).toEqual([['s1'], [{ search: 'a' }]]);
  });

  it('refuses what is not in the contract or does not pass its schema, before any handler runs', async () => {
    const { h, reached } = handlers();
    expect(await dispatchApiCall(h, 'shell.exec', [])).toEqual({ ok: false, error: 'unknown method: shell.exec' });
    expect(await dispatchApiCall(h, 42, [])).toEqual({ ok: false, error: 'unknown method: the method name must be a string' });
    expect(await dispatchApiCall(h, '__proto__', [])).toMatchObject({ ok: false });
    const bad = await dispatchApiCall(h, 'sessions.delete', [42]);
    expect(!bad.ok && bad.error).toMatch(/^sessions\.delete: bad arguments/);
    expect(await dispatchApiCall(h, 'sessions.delete', 's1')).toMatchObject({ ok: false });
    expect(reached).toEqual([]);
  });

  it('answers a failing handler with the first line of its error', async () => {
    const { h } = handlers();
    expect(await dispatchApiCall(h, 'sessions.delete', ['locked'])).toEqual({ ok: false, error: 'database is locked' });
  });
});
