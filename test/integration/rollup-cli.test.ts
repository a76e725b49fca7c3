/**
 * `luopan rollup` on a simulated day: the built simulator (9 rooms over four shops, three
 * talents, agency-bound talents and shops) recorded by the built recorder into a real SQLite
 * file, plus three older shows; every row of every `--by` equals a recomputation straight from
 * the stored raw events (written here, without the aggregator), `--start/--end` select days,
 * the facts are cached for the next run, and bad usage is one line with exit 2.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventsOf } from '../../electron/store/events';
import { openStore } from '../../electron/store/open';
import { getRollup } from '../../electron/store/rollups';
import { listSessions } from '../../electron/store/sessions';
import { dayOf } from '../../shared/diagnosis/window';
import { recordShows, showStart } from '../electron/history/sim-store';
import { tempDb } from './helpers';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'luopan.mjs');

type Result = { code: number | null; stdout: string; stderr: string };
function run(args: string[], onChild?: (c: ChildProcess) => void): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    onChild?.(child);
  });
}

interface Recount {
  roomId: string; title: string; startedAt: number; shop: { id: string; name: string }; host: { id: string; name: string; kind: string };
  agencies: { id: string; name: string; share: number }[];
  liveSeconds: number; gmv: number; orders: number; buyers: number; uv: number; newFollowers: number; commission: number;
}

/** One session's roll-up figures from its raw events, by the definitions of docs/protocol.md and docs/cli.md. */
function recount(events: any[]): Recount {
  const start = events.find((e) => e.type === 'session.start');
  const end = events.find((e) => e.type === 'session.end');
  const talent = start.host.kind === 'talent';
  const rate = new Map<string, number>();
  const created = new Map<string, any>();
  const done = new Set<string>();
  const buyers = new Set<string>();
  const viewers = new Set<string>();
  let gmv = 0, orders = 0, follows = 0, commission = 0;
  for (const e of events) {
    if (e.type === 'product.list') {
      const seen = new Set<string>();
      for (const p of e.products) if (!seen.has(p.productId)) { seen.add(p.productId); rate.set(p.productId, p.commissionRate ?? 0); }
    } else if (e.type === 'order.create' && !created.has(e.orderId)) created.set(e.orderId, e);
    else if (e.type === 'order.cancel' && created.has(e.orderId)) done.add(e.orderId);
    else if (e.type === 'order.pay' && created.has(e.orderId) && !done.has(e.orderId)) {
      done.add(e.orderId);
      const o = created.get(e.orderId);
      gmv += o.amount;
      orders++;
      buyers.add(o.userId);
      if (talent) commission += Math.round(o.amount * (rate.get(o.productId) ?? 0));
    } else if (e.type === 'viewer.enter') viewers.add(e.userId);
    else if (e.type === 'follow') follows++;
  }
  return {
    roomId: start.roomId, title: start.title, startedAt: start.startedAt, shop: start.shop, host: start.host,
    agencies: [start.host.agency, start.shop.agency].filter(Boolean),
    liveSeconds: Math.round((end.endedAt - start.startedAt) / 1000),
    gmv, orders, buyers: buyers.size, uv: viewers.size, newFollowers: follows, commission,
  };
}

/** The rows `--by` should print, grouped here independently of shared/rollup/rows.ts. */
function expectedRows(sessions: Recount[], by: string) {
  const rows = new Map<string, any>();
  const byNewest = [...sessions].sort((a, b) => b.startedAt - a.startedAt);
  for (const s of byNewest) {
    const part = (a: { share: number }) => Math.round(s.commission * a.share);
    const keys: [string, string, number][] =
      by === 'room' ? [[s.roomId, s.title, s.agencies.reduce((t, a) => t + part(a), 0)]]
      : by === 'shop' ? [[s.shop.id, s.shop.name, s.agencies.reduce((t, a) => t + part(a), 0)]]
      : by === 'talent' ? (s.host.kind === 'talent' ? [[s.host.id, s.host.name, s.agencies.reduce((t, a) => t + part(a), 0)]] : [])
      : [...new Set(s.agencies.map((a) => a.id))].map((id) => {
          const mine = s.agencies.filter((a) => a.id === id);
          return [id, mine[0]!.name, mine.reduce((t, a) => t + part(a), 0)] as [string, string, number];
        });
    for (const [key, name, share] of keys) {
      const r = rows.get(key) ?? { key, name, sessions: 0, liveSeconds: 0, gmv: 0, orders: 0, buyers: 0, uv: 0, newFollowers: 0, commission: 0, agencyShare: 0 };
      r.sessions++;
      r.liveSeconds += s.liveSeconds;
      r.gmv += s.gmv;
      r.orders += s.orders;
      r.buyers += s.buyers;
      r.uv += s.uv;
      r.newFollowers += s.newFollowers;
      r.commission += s.commission;
      r.agencyShare += share;
      rows.set(key, r);
    }
  }
  return [...rows.values()].sort((a, b) => b.gmv - a.gmv || (a.key < b.key ? -1 : 1));
}

const dbFile = tempDb('day.db');
let recounts: Recount[] = [];

beforeAll(async () => {
  const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  // the simulated day: 9 rooms, 12 show-minutes each, as fast as the recorder acks
  let url = '';
  let gotUrl: () => void = () => {};
  const urlP = new Promise<void>((r) => (gotUrl = r));
  const sim = run(['sim', '--port', '0', '--rooms', '9', '--speed', 'max', '--duration', '12', '--seed', '3'], (c) =>
    c.stdout!.on('data', (d) => {
      url ||= String(d).trim().split('\n')[0]!;
      gotUrl();
    }),
  );
  await urlP;
  const rec = run(['record', url, '--db', dbFile, '--idle-exit', '3']);
  const simDone = await sim;
  expect(simDone.code, simDone.stderr).toBe(0);
  const recDone = await rec;
  expect(recDone.code, recDone.stderr).toBe(0);
  // three older shows, three days ago
  recordShows(dbFile, [{ roomIndex: 0, daysAgo: 3 }, { roomIndex: 2, daysAgo: 3 }, { roomIndex: 4, daysAgo: 3 }]);
  const db = openStore(dbFile, { readonly: true });
  try {
    recounts = listSessions(db).map((s) => recount([...eventsOf(db, s.sessionId)].map((r) => JSON.parse(r.body))));
  } finally {
    db.close();
  }
}, 300_000);

describe('luopan rollup', () => {
  it('holds a multi-shop, multi-talent, agency-bound day', () => {
    expect(recounts).toHaveLength(12);
    expect(new Set(recounts.map((s) => s.shop.id)).size).toBe(4);
    expect(new Set(recounts.filter((s) => s.host.kind === 'talent').map((s) => s.host.id)).size).toBe(3);
    expect(recounts.filter((s) => s.commission > 0).length).toBeGreaterThanOrEqual(3);
    expect(new Set(recounts.flatMap((s) => s.agencies.map((a) => a.id))).size).toBe(3);
  });

  for (const by of ['room', 'shop', 'talent', 'agency']) {
    it(`--by ${by} --json equals the recomputation from raw events`, async () => {
      const r = await run(['rollup', '--db', dbFile, '--by', by, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const rows = JSON.parse(r.stdout);
      expect(rows).toEqual(expectedRows(recounts, by));
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) expect(Object.keys(row)).toEqual(['key', 'name', 'sessions', 'liveSeconds', 'gmv', 'orders', 'buyers', 'uv', 'newFollowers', 'commission', 'agencyShare']);
    }, 120_000);
  }

  it('--start/--end select the sessions started on those local days; the table is Chinese', async () => {
    const day = dayOf(showStart(3));
    const r = await run(['rollup', '--db', dbFile, '--by', 'shop', '--start', day, '--end', day, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const old = recounts.filter((s) => dayOf(s.startedAt) === day);
    expect(old).toHaveLength(3);
    expect(JSON.parse(r.stdout)).toEqual(expectedRows(old, 'shop'));
    const table = await run(['rollup', '--db', dbFile, '--by', 'talent', '--start', day, '--end', day]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^达人\s+名称\s+场次\s+直播时长\s+成交金额/);
    const none = await run(['rollup', '--db', dbFile, '--by', 'room', '--start', '2001-01-01', '--end', '2001-01-02']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('范围内没有场次\n');
  }, 60_000);

  it('caches each session’s facts in the rollups table', () => {
    const db = openStore(dbFile, { readonly: true });
    try {
      for (const s of listSessions(db)) expect(getRollup(db, s.sessionId, 'facts')?.uptoSeq).toBe(s.lastSeq);
    } finally {
      db.close();
    }
  });

  it('bad usage: one line, exit 2; no database: exit 1', async () => {
    for (const args of [['--by', 'host'], ['--by', 'room', '--start', '2026-13-01'], ['--by', 'room', '--start', '2026-02-02', '--end', '2026-02-01']]) {
      const r = await run(['rollup', '--db', dbFile, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const missing = await run(['rollup', '--db', join(ROOT, 'no-such.db'), '--by', 'room']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
