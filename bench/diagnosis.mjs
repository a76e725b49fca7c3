#!/usr/bin/env node
/**
 * `npm run bench:diagnosis` — PRODUCT.md quality target "diagnosis: a 30-day window over 120
 * sessions and 10 M events: ≤ 1 s".
 *
 *   node bench/diagnosis.mjs [--events N] [--sessions K] [--db FILE] [--keep]
 *
 * 1. Generates K sessions (default 120, four a day over 30 days: self, self, head talent, mid
 *    talent) holding about N events in all (default 10,000,000), written straight through the
 *    store's EventWriter in 5,000-row batches (no socket), from the seeded protocol-v1
 *    generator below. (TODO: reuse the simulator's generator, electron/sim/show.ts, once it
 *    has landed; its API was not known when this was written.)
 * 2. Times `diagnose` for each kind over the 30 days: a cold pass (no rollups: every event is
 *    read once and the per-session stats cached), then warm runs (stats from the rollups), each
 *    on a fresh connection, as a new `luopan diagnose` process would.
 * Last line: {"sessions":…,"events":…,"selfMs":…,"talentMs":…,"serviceMs":…} (warm), plus coldMs.
 */
import { register } from 'tsx/esm/api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import cliProgress from 'cli-progress';

register();
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(pathToFileURL(join(ROOT, p)).href);

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  if (v === undefined) {
    console.error(`bench:diagnosis: --${name} needs a value`);
    process.exit(2);
  }
  return v;
}

const TOTAL_EVENTS = Number(arg('events', '10000000'));
const SESSIONS = Number(arg('sessions', '120'));
if (!Number.isInteger(TOTAL_EVENTS) || TOTAL_EVENTS < SESSIONS * 100 || !Number.isInteger(SESSIONS) || SESSIONS < 1) {
  console.error('bench:diagnosis: --events must be a whole number ≥ 100 × sessions, --sessions a whole number ≥ 1');
  process.exit(2);
}
const PER_SESSION = Math.floor(TOTAL_EVENTS / SESSIONS);
const DAYS = 30;
const SHOP = { id: 'bench-shop', name: '罗盘旗舰店', category: '美妆', tier: 'L3' };

const { openStore } = await load('electron/store/open.ts');
const { EventWriter } = await load('electron/store/event-writer.ts');
const { runDiagnosis } = await load('electron/diagnosis/run.ts');
const { loadSessionStats } = await load('electron/diagnosis/load-stats.ts');

// ---- a seeded generator of protocol-v1 events (used when the simulator's is not available) ----

function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHANNELS = ['feed', 'video', 'plaza', 'follow', 'search', 'mall', 'qianchuan', 'suixintui', 'dou_plus'];
const AGES = ['18-23', '24-30', '31-40', '41-50', '50+'];
const REGIONS = ['广东', '浙江', '江苏', '北京', '上海', '四川'];
const PRODUCTS = Array.from({ length: 40 }, (_, i) => ({
  productId: `p${i}`, title: `商品${i}`, price: 1000 + 500 * (i % 20), category: SHOP.category,
  priceBand: ['0-50', '50-100', '100-200', '200+'][i % 4], stock: 10_000, cartSlot: i + 1,
}));
const q = (a, b, c, d) => ({ p25: a, p50: b, p75: c, p90: d });

/** One session's events, generated lazily (seq 1…n). */
function* benchShow(index, sessionId, startedAt, n) {
  const rnd = prng(index + 1);
  const int = (k) => Math.floor(rnd() * k);
  const kind = index % 4 < 2 ? 'self' : 'talent';
  const tier = index % 4 === 2 ? 'head' : 'mid';
  const durationMs = (2 + int(5)) * 3_600_000;
  let seq = 0;
  const ev = (ts, type, body) => ({ seq: ++seq, ts: Math.round(ts), type, ...body });
  yield ev(startedAt, 'session.start', {
    sessionId, roomId: `room-${index % 4}`, title: `直播 ${index}`, startedAt,
    host: kind === 'self' ? { id: 'self-host', name: '店播', kind } : { id: `talent-${index % 7}-${tier}`, name: `达人${index % 7}`, kind, tier, followers: 100_000 },
    shop: SHOP,
  });
  yield ev(startedAt, 'product.list', { products: PRODUCTS });
  yield ev(startedAt, 'benchmark', { scope: { category: SHOP.category, tier: SHOP.tier }, window: '30d', indicators: {
    effective_duration: q(100_000, 200_000, 400_000, 600_000), avg_watch_duration: q(30, 60, 120, 240), avg_online: q(50, 100, 300, 600),
    peak_online: q(200, 400, 800, 1600), product_click_rate: q(0.05, 0.1, 0.2, 0.3), click_to_order_rate: q(0.02, 0.05, 0.1, 0.2),
    watch_to_order_rate: q(0.005, 0.01, 0.02, 0.04), item_price: q(2000, 4000, 8000, 12000), ship_48h_rate: q(0.8, 0.9, 0.95, 0.99),
    quality_return_rate: q(0.005, 0.01, 0.02, 0.04), negative_review_rate: q(0.02, 0.05, 0.08, 0.12), complaint_rate: q(0.002, 0.005, 0.01, 0.02),
    reply_3min_rate: q(0.6, 0.75, 0.85, 0.95), delivery_hours: q(24, 48, 72, 96), refund_only_hours: q(6, 12, 24, 48),
    return_refund_hours: q(24, 48, 72, 120), dispute_rate: q(0.01, 0.03, 0.05, 0.1), talent_gmv: q(1e7, 5e7, 1e8, 2e8),
    head_talent_gmv: q(5e6, 3e7, 6e7, 1e8), mid_talent_gmv: q(1e6, 5e6, 1e7, 3e7),
  } });
  if (index % 10 === 0) {
    yield ev(startedAt, 'talent.catalog', { talents: Array.from({ length: 50 }, (_, i) => ({
      id: `cat-${i}`, name: `推荐达人${i}`, level: `LV${1 + (i % 7)}`, followers: 10_000 * (i + 1), reputation: 4 + (i % 10) / 10,
      categories: [i % 3 ? SHOP.category : '数码'], gmv30d: 100_000 * (i + 1),
      portrait: { gender: i % 2 ? 'f' : 'm', age: AGES[i % 5], region: REGIONS[i % 6] },
    })) });
  }
  const live = n - seq - 60; // leave room for session.end and the after-sale tail
  const inside = [];
  const orders = [];
  let online = 0;
  for (let i = 0; i < live; i++) {
    const ts = startedAt + (durationMs * i) / live;
    const r = rnd();
    if (r < 0.2 || inside.length === 0) {
      const u = `u${index}-${int(50_000)}`;
      inside.push(u);
      yield ev(ts, 'viewer.enter', { userId: u, channel: CHANNELS[int(CHANNELS.length)], fan: rnd() < 0.3, gender: rnd() < 0.7 ? 'f' : 'm', age: AGES[int(5)], region: REGIONS[int(6)] });
    } else if (r < 0.35) {
      const u = inside.splice(int(inside.length), 1)[0];
      yield ev(ts, 'viewer.leave', { userId: u });
    } else if (r < 0.37) {
      online = inside.length;
      yield ev(ts, 'online', { count: online });
    } else if (r < 0.55) {
      yield ev(ts, 'product.exposure', { userId: inside[int(inside.length)], productId: `p${int(40)}` });
    } else if (r < 0.6) {
      yield ev(ts, 'product.click', { userId: inside[int(inside.length)], productId: `p${int(40)}` });
    } else if (r < 0.61) {
      const p = PRODUCTS[int(40)];
      const o = { orderId: `${sessionId}-o${orders.length}`, userId: inside[int(inside.length)], productId: p.productId, qty: 1 + int(2), amount: p.price, channel: CHANNELS[int(CHANNELS.length)], fan: rnd() < 0.4 };
      orders.push(o);
      yield ev(ts, 'order.create', o);
    } else if (r < 0.62 && orders.length) {
      yield ev(ts, 'order.pay', { orderId: orders[orders.length - 1].orderId });
    } else if (r < 0.8) {
      yield ev(ts, 'like', { userId: inside[int(inside.length)], count: 1 + int(20) });
    } else if (r < 0.95) {
      yield ev(ts, 'comment', { userId: inside[int(inside.length)], nickname: '观众', text: '主播这个色号适合黄皮吗？' });
    } else if (r < 0.97) {
      yield ev(ts, 'cs.message', { userId: inside[int(inside.length)], from: rnd() < 0.6 ? 'buyer' : 'shop' });
    } else {
      yield ev(ts, 'share', { userId: inside[int(inside.length)] });
    }
  }
  const end = startedAt + durationMs;
  yield ev(end, 'session.end', { endedAt: end });
  // after-sale tail over the following days (time-compressed into the last ~59 seq)
  for (let i = 0; seq < n; i++) {
    const o = orders[int(Math.max(1, orders.length))];
    if (!o) {
      yield ev(end + i * 1000, 'online', { count: 0 });
      continue;
    }
    const t = end + (1 + int(96)) * 3_600_000;
    const pick = i % 6;
    if (pick === 0) yield ev(t, 'order.ship', { orderId: o.orderId });
    else if (pick === 1) yield ev(t + 48 * 3_600_000, 'order.deliver', { orderId: o.orderId });
    else if (pick === 2) yield ev(t, 'review', { orderId: o.orderId, rating: 1 + int(5) });
    else if (pick === 3) yield ev(t, 'aftersale.open', { orderId: o.orderId, kind: rnd() < 0.5 ? 'refund_only' : 'return_refund', reason: rnd() < 0.3 ? 'quality' : 'other' });
    else if (pick === 4) yield ev(t + 24 * 3_600_000, 'aftersale.close', { orderId: o.orderId, self: rnd() < 0.8 });
    else yield ev(t, 'complaint', { orderId: o.orderId });
  }
}


// ---- 1. generate and store ----

const dir = mkdtempSync(join(tmpdir(), 'luopan-bench-diagnosis-'));
const dbFile = arg('db', join(dir, 'bench.sqlite'));
const keep = process.argv.includes('--keep');
const endDay = new Date();
endDay.setDate(endDay.getDate() - 1);
const end = `${endDay.getFullYear()}-${String(endDay.getMonth() + 1).padStart(2, '0')}-${String(endDay.getDate()).padStart(2, '0')}`;
const firstDay = new Date(endDay.getFullYear(), endDay.getMonth(), endDay.getDate() - (DAYS - 1));

const db = openStore(dbFile);
const writer = new EventWriter(db);
const bar = new cliProgress.SingleBar({ format: '生成 {bar} {value}/{total} 事件 · {rate}/s', stream: process.stderr }, cliProgress.Presets.shades_classic);
const t0 = Date.now();
let written = 0;
bar.start(PER_SESSION * SESSIONS, 0, { rate: 0 });
for (let s = 0; s < SESSIONS; s++) {
  const day = Math.floor((s * DAYS) / SESSIONS);
  const startedAt = new Date(firstDay.getFullYear(), firstDay.getMonth(), firstDay.getDate() + day, 8 + 3 * (s % 4)).getTime();
  const sessionId = `bench-${String(s).padStart(3, '0')}`;
  const events = benchShow(s, sessionId, startedAt, PER_SESSION);
  let rows = [];
  for (const e of events) {
    rows.push({ seq: e.seq, ts: e.ts, type: e.type, body: JSON.stringify(e) });
    if (rows.length === 5000) {
      writer.writeBatch(sessionId, rows);
      written += rows.length;
      rows = [];
      bar.update(written, { rate: Math.round((written * 1000) / Math.max(1, Date.now() - t0)) });
    }
  }
  if (rows.length) writer.writeBatch(sessionId, rows);
  written += rows.length;
}
bar.update(written);
bar.stop();
db.close();
console.error(`bench:diagnosis: ${written.toLocaleString()} events in ${SESSIONS} sessions written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// ---- 2. time the diagnosis ----

function timed(fn) {
  const t = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

const cold = openStore(dbFile);
const coldBar = new cliProgress.SingleBar({ format: '首次计算 {bar} {value}/{total} 场 · {events} 事件', stream: process.stderr }, cliProgress.Presets.shades_classic);
coldBar.start(SESSIONS, 0, { events: 0 });
const coldRun = timed(() => runDiagnosis(cold, {
  kind: 'self', shopId: SHOP.id, days: DAYS, end,
  onProgress: (p) => coldBar.update(p.done, { events: p.events.toLocaleString() }),
}));
coldBar.stop();
cold.close();
console.error(`bench:diagnosis: cold (self, fills the rollups of all ${SESSIONS} sessions): ${coldRun.ms.toFixed(0)} ms`);

const warm = {};
for (const kind of ['self', 'talent', 'service']) {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const conn = openStore(dbFile);
    const r = timed(() => runDiagnosis(conn, { kind, shopId: SHOP.id, days: DAYS, end }));
    conn.close();
    if (r.value.sessions.length === 0) throw new Error(`no ${kind} sessions in the window`);
    best = Math.min(best, r.ms);
  }
  warm[kind] = Math.round(best);
  console.error(`bench:diagnosis: warm ${kind}: ${best.toFixed(1)} ms (best of 3)`);
}
const check = openStore(dbFile, { readonly: true });
const stats = loadSessionStats(check, { shopId: SHOP.id });
const events = check.prepare('SELECT sum(events) FROM sessions').pluck().get();
check.close();
if (!keep && arg('db', null) === null) rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ sessions: stats.length, events, selfMs: warm.self, talentMs: warm.talent, serviceMs: warm.service, coldMs: Math.round(coldRun.ms) }));
