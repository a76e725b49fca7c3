/**
 * Roll-up definitions (shared/rollup/rows.ts), worked by hand on three sessions: sums per room,
 * shop, talent and agency; talents are talent hosts only; an agency bound to both host and shop
 * gets both parts; a room keeps its newest session's title; sessions without a key are left out.
 */
import { describe, expect, it } from 'vitest';
import { FACTS_VERSION, groupFacts, type SessionFacts } from '../../../shared/rollup/rows';

const base = (over: Partial<SessionFacts>): SessionFacts => ({
  version: FACTS_VERSION, sessionId: 's', roomId: 'r1', title: 'T', startedAt: 0, endedAt: 0, liveSeconds: 0,
  shop: { id: 'shop-a', name: 'A店' }, host: { id: 'h1', name: '主播', kind: 'self' }, agencies: [],
  gmv: 0, orders: 0, buyers: 0, uv: 0, newFollowers: 0, commission: 0, agencyShare: 0, ...over,
});

const facts: SessionFacts[] = [
  // newest first, as listSessions returns them
  base({
    sessionId: 's3', roomId: 'r1', title: '新标题', startedAt: 3000, liveSeconds: 600, host: { id: 't1', name: '达人一', kind: 'talent' },
    shop: { id: 'shop-b', name: 'B店' }, gmv: 10_000, orders: 4, buyers: 3, uv: 50, newFollowers: 2, commission: 2000,
    agencies: [{ id: 'ag1', name: '星河', part: 600 }, { id: 'ag1', name: '星河', part: 100 }], agencyShare: 700,
  }),
  base({
    sessionId: 's2', roomId: 'r2', title: 'R2', startedAt: 2000, liveSeconds: 300, host: { id: 't1', name: '达人一', kind: 'talent' },
    gmv: 5_000, orders: 1, buyers: 1, uv: 20, newFollowers: 1, commission: 1000,
    agencies: [{ id: 'ag1', name: '星河', part: 300 }, { id: 'ag2', name: '远山', part: 50 }], agencyShare: 350,
  }),
  base({ sessionId: 's1', roomId: 'r1', title: '旧标题', startedAt: 1000, liveSeconds: 100, gmv: 7_000, orders: 2, buyers: 2, uv: 30, newFollowers: 5 }),
  base({ sessionId: 's0', roomId: '', shop: { id: '', name: '' }, host: { id: '', name: '', kind: 'self' }, gmv: 99 }),
];

describe('roll-up rows', () => {
  it('by room: sums, the newest title, GMV order', () => {
    expect(groupFacts(facts, 'room')).toEqual([
      { key: 'r1', name: '新标题', sessions: 2, liveSeconds: 700, gmv: 17_000, orders: 6, buyers: 5, uv: 80, newFollowers: 7, commission: 2000, agencyShare: 700 },
      { key: 'r2', name: 'R2', sessions: 1, liveSeconds: 300, gmv: 5_000, orders: 1, buyers: 1, uv: 20, newFollowers: 1, commission: 1000, agencyShare: 350 },
    ]);
  });

  it('by shop', () => {
    expect(groupFacts(facts, 'shop').map((r) => [r.key, r.name, r.sessions, r.gmv, r.commission])).toEqual([
      ['shop-a', 'A店', 2, 12_000, 1000],
      ['shop-b', 'B店', 1, 10_000, 2000],
    ]);
  });

  it('by talent: talent hosts only', () => {
    expect(groupFacts(facts, 'talent')).toEqual([
      { key: 't1', name: '达人一', sessions: 2, liveSeconds: 900, gmv: 15_000, orders: 5, buyers: 4, uv: 70, newFollowers: 3, commission: 3000, agencyShare: 1050 },
    ]);
  });

  it("by agency: each agency's own part, both parts when bound to host and shop", () => {
    expect(groupFacts(facts, 'agency').map((r) => [r.key, r.name, r.sessions, r.gmv, r.commission, r.agencyShare])).toEqual([
      ['ag1', '星河', 2, 15_000, 3000, 600 + 100 + 300],
      ['ag2', '远山', 1, 5_000, 1000, 50],
    ]);
  });

  it('no sessions: no rows', () => {
    expect(groupFacts([], 'agency')).toEqual([]);
  });
});
