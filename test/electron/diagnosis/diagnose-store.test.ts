/**
 * Diagnosis through a real SQLite file: the hand-worked sessions of test/shared/diagnosis are
 * written with the store's EventWriter, then diagnosed from the database (same figures as in
 * memory), and the per-session stats are cached as 'stats' rollups and recomputed only when a
 * session grows. `luopan diagnose` on such a database: test/electron/cli/diagnose-cli.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../../shared/diagnosis/diagnose';
import type { StreamEvent } from '../../../shared/protocol/schemas';
import { STATS_ROLLUP, loadSessionStats } from '../../../electron/diagnosis/load-stats';
import { runDiagnosis } from '../../../electron/diagnosis/run';
import { EventWriter } from '../../../electron/store/event-writer';
import { openStore } from '../../../electron/store/open';
import { storeWith as writeStore } from './fixture-store';
import { getRollup } from '../../../electron/store/rollups';
import { selfSessions } from '../../shared/diagnosis/self-fixture';
import { serviceSessions } from '../../shared/diagnosis/service-fixture';
import { talentSessions } from '../../shared/diagnosis/talent-fixture';
import { sessionStats } from '../../../shared/diagnosis/session-stats';
import { SHOP } from '../../shared/diagnosis/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'luopan-diagnosis-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const storeWith = (name: string, sessions: { id: string; events: StreamEvent[] }[]) => writeStore(dir, name, sessions);

const FIXTURES = [
  { kind: 'self' as const, days: 1, sessions: selfSessions },
  { kind: 'talent' as const, days: 7, sessions: talentSessions },
  { kind: 'service' as const, days: 1, sessions: serviceSessions },
];

describe('diagnosis from SQLite', () => {
  for (const f of FIXTURES) {
    it(`${f.kind}: the report from the database equals the one from the events in memory`, () => {
      const sessions = f.sessions();
      const file = storeWith(f.kind, sessions);
      const db = openStore(file);
      try {
        const fromDb = runDiagnosis(db, { kind: f.kind, shopId: SHOP.id, days: f.days, end: '2024-05-10' });
        const inMemory = diagnose({ kind: f.kind, shopId: SHOP.id, days: f.days, end: '2024-05-10', sessions: sessions.map((s) => sessionStats(s.events)) });
        expect(fromDb).toEqual(inMemory);
        expect(fromDb.indicators.some((i) => i.verdict === 'lagging' && i.top3.length > 0)).toBe(true);
      } finally {
        db.close();
      }
    });
  }

  it('caches stats as rollups keyed by the last seq, recomputing a session only when it grew', () => {
    const sessions = selfSessions();
    const file = storeWith('cache', sessions);
    const db = openStore(file);
    try {
      const first: number[] = [];
      loadSessionStats(db, { shopId: SHOP.id, onProgress: (p) => first.push(p.events) });
      const A = sessions[0]!;
      expect(first.at(-1)).toBe(sessions.reduce((a, s) => a + s.events.length, 0));
      const cached = getRollup(db, A.id, STATS_ROLLUP) as { uptoSeq: number; value: { gmv: number } } | null;
      expect(cached?.uptoSeq).toBe(A.events.length);
      expect(cached?.value.gmv).toBe(25000);

      const second: number[] = [];
      const again = loadSessionStats(db, { shopId: SHOP.id, onProgress: (p) => second.push(p.events) });
      expect(second.at(-1)).toBe(0); // every session from its rollup
      expect(again.find((s) => s.sessionId === 'A')!.gmv).toBe(25000);

      // one more paid order in A (after-sale time): only A is read again, and its figures change
      const seq = A.events.length;
      const ts = A.events.at(-1)!.ts + 1000;
      new EventWriter(db).writeBatch('A', [
        { seq: seq + 1, ts, type: 'order.create', body: JSON.stringify({ seq: seq + 1, ts, type: 'order.create', orderId: 'late', userId: 'u1', productId: 'p1', qty: 1, amount: 1000, channel: 'feed', fan: true }) },
        { seq: seq + 2, ts, type: 'order.pay', body: JSON.stringify({ seq: seq + 2, ts, type: 'order.pay', orderId: 'late' }) },
      ]);
      const third: number[] = [];
      const grown = loadSessionStats(db, { shopId: SHOP.id, onProgress: (p) => third.push(p.events) });
      expect(third.at(-1)).toBe(seq + 2);
      expect(grown.find((s) => s.sessionId === 'A')!.gmv).toBe(26000);
    } finally {
      db.close();
    }
  });

  it('a window with no sessions and a shop nobody knows: nulls with reasons, no crash', () => {
    const file = storeWith('empty', selfSessions());
    const db = openStore(file);
    try {
      for (const kind of ['self', 'talent', 'service'] as const) {
        const r = runDiagnosis(db, { kind, shopId: 'nobody', days: 30, end: '2024-05-10' });
        expect(r.sessions).toEqual([]);
        expect(r.indicators.every((i) => i.value === null && i.verdict === null)).toBe(true);
        expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
      }
    } finally {
      db.close();
    }
  });
});
