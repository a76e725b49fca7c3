#!/usr/bin/env node
/**
 * `npm run bench:diagnosis` — docs/product.md quality target "diagnosis: a 30-day window over 120
 * sessions and 10 M events: ≤ 1 s".
 *
 *   node bench/diagnosis.mjs [--events N] [--sessions K] [--db FILE] [--keep] [--cold]
 *
 * 1. Generates K sessions (default 120, four a day over 30 days, all of one shop: two self
 *    rooms, a head-talent and a mid-talent room) holding about N events in all (default
 *    10,000,000) with the simulator's own generator (electron/sim/show.ts generateSession:
 *    audience, cart, orders, ads, benchmarks, talent catalogue and after-sale), written straight
 *    through the store's EventWriter in 5,000-row batches (no socket). Each room's show length
 *    is calibrated so that a session holds about N ÷ K events; each session has a seed of its
 *    own (the same shop), so no two shows are the same.
 * 2. Computes each session's rollups as the app does once a show has ended (the engine's
 *    RollupKeeper when a recorded show ends, `luopan import` after an import): timed per session.
 * 3. Times `diagnose` for each kind over the 30 days, each on a fresh connection as a new
 *    `luopan diagnose` process would: the first run of each kind, then the best of 3.
 *    `--cold` also times a first diagnosis over a store without rollups (every event read once:
 *    minutes for 10 M events; the app never leaves ended sessions without rollups).
 * Last line: {"sessions":…,"events":…,"selfMs":…,"talentMs":…,"serviceMs":…} (best of 3), plus
 * firstMs (the slowest first run), rollupMsPerSession and, with --cold, coldMs.
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
const SEED = 1;

const { openStore } = await load('electron/store/open.ts');
const { EventWriter } = await load('electron/store/event-writer.ts');
const { runDiagnosis } = await load('electron/diagnosis/run.ts');
const { loadSessionStats } = await load('electron/diagnosis/load-stats.ts');
const { refreshRollups } = await load('electron/history/rollup-job.ts');
const { generateSession } = await load('electron/sim/show.ts');
const { SHOPS, talentOfRoom } = await load('electron/sim/catalog.ts');

// ---- the rooms: the simulator picks a room's shop as SHOPS[(seed + room) % n] and hosts every
// third room (2, 5, …) by a talent (catalog.ts talentOfRoom); take one shop's two self rooms, a
// head-talent and a mid-talent room, so that each diagnosis kind has sessions of the same shop ----

const tierOf = (r) => (r % 3 === 2 ? talentOfRoom(r).tier : null);
function roomsOf(shop) {
  const rooms = Array.from({ length: 400 }, (_, r) => r).filter((r) => SHOPS[(SEED + r) % SHOPS.length].id === shop.id);
  return [...rooms.filter((r) => tierOf(r) === null).slice(0, 2), rooms.find((r) => tierOf(r) === 'head'), rooms.find((r) => tierOf(r) === 'mid')];
}
const SHOP = SHOPS.find((shop) => roomsOf(shop).every((r) => r !== undefined));
if (!SHOP) throw new Error('no shop of the simulator has two self rooms, a head- and a mid-talent room');
const ROOMS = roomsOf(SHOP);

/** Events of one whole show of a room (after-sale included). */
function showSize(roomIndex, hour, durationMin) {
  let n = 0;
  for (const _ of generateSession({ seed: SEED, roomIndex, startAt: new Date(2026, 0, 1, hour).getTime(), durationMin })) n++;
  return n;
}
/**
 * Show minutes for about PER_SESSION events. A show's size grows faster than its length (the
 * audience builds up), so: double the length until it is big enough, then bisect.
 */
function showMinutes(roomIndex, hour) {
  let lo = 1;
  let hi = 10;
  while (showSize(roomIndex, hour, hi) < PER_SESSION && hi < 24 * 60) [lo, hi] = [hi, hi * 2];
  while (hi - lo > 1) {
    const mid = Math.round((lo + hi) / 2);
    if (showSize(roomIndex, hour, mid) < PER_SESSION) lo = mid;
    else hi = mid;
  }
  return hi;
}
/** session s runs in room ROOMS[s % 4] at hour HOURS[s % 4] (the time of day shapes the audience) */
const HOURS = [8, 11, 14, 17];
const MINUTES = ROOMS.map((r, i) => showMinutes(r, HOURS[i]));

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
  const startedAt = new Date(firstDay.getFullYear(), firstDay.getMonth(), firstDay.getDate() + day, HOURS[s % 4]).getTime();
  const roomIndex = ROOMS[s % ROOMS.length];
  let sessionId = '';
  let rows = [];
  // a seed of its own per session (so the shows differ), chosen so the room keeps its shop:
  // the simulator's shop is SHOPS[(seed + room) % SHOPS.length]
  const seed = SEED + SHOPS.length * Math.floor(s / ROOMS.length);
  for (const e of generateSession({ seed, roomIndex, startAt: startedAt, durationMin: MINUTES[s % ROOMS.length] })) {
    sessionId ||= e.sessionId;
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
console.error(`bench:diagnosis: ${SHOP.id}, rooms ${ROOMS.join('/')} (${MINUTES.map((m) => `${m} min`).join('/')}): ${written.toLocaleString()} events in ${SESSIONS} sessions written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// ---- 2. time the diagnosis ----

function timed(fn) {
  const t = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

const args = (kind) => ({ kind, shopId: SHOP.id, days: DAYS, end });

let coldMs;
if (process.argv.includes('--cold')) {
  const cold = openStore(dbFile);
  const coldBar = new cliProgress.SingleBar({ format: '无汇总首次诊断 {bar} {value}/{total} 场 · {events} 事件', stream: process.stderr }, cliProgress.Presets.shades_classic);
  coldBar.start(SESSIONS, 0, { events: 0 });
  const coldRun = timed(() => runDiagnosis(cold, { ...args('self'), onProgress: (p) => coldBar.update(p.done, { events: p.events.toLocaleString() }) }));
  coldBar.stop();
  cold.prepare('DELETE FROM rollups').run(); // step 2 times them again
  cold.close();
  coldMs = Math.round(coldRun.ms);
  console.error(`bench:diagnosis: cold (self over a store without rollups: every event read once): ${coldMs} ms`);
}

const conn = openStore(dbFile);
const ids = conn.prepare('SELECT session_id FROM sessions ORDER BY started_at').pluck().all();
const rollupBar = new cliProgress.SingleBar({ format: '汇总 {bar} {value}/{total} 场', stream: process.stderr }, cliProgress.Presets.shades_classic);
rollupBar.start(ids.length, 0);
const perSession = [];
for (const id of ids) {
  perSession.push(timed(() => refreshRollups(conn, id)).ms);
  rollupBar.increment();
}
rollupBar.stop();
conn.close();
const rollupMsPerSession = Math.round(perSession.reduce((a, b) => a + b, 0) / perSession.length);
const sorted = [...perSession].sort((a, b) => a - b);
console.error(`bench:diagnosis: rollups at show end: ${rollupMsPerSession} ms per session on average (max ${Math.round(sorted.at(-1))} ms; ${Math.round(PER_SESSION).toLocaleString()} events a session), ${(perSession.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s for all ${ids.length}`);

const warm = {};
let firstMs = 0;
for (const kind of ['self', 'talent', 'service']) {
  let best = Infinity;
  for (let i = 0; i < 4; i++) {
    const c = openStore(dbFile);
    const r = timed(() => runDiagnosis(c, args(kind)));
    c.close();
    if (r.value.sessions.length === 0) throw new Error(`no ${kind} sessions in the window`);
    if (i === 0) {
      firstMs = Math.max(firstMs, r.ms);
      console.error(`bench:diagnosis: ${kind}: first run ${r.ms.toFixed(1)} ms`);
    } else best = Math.min(best, r.ms);
  }
  warm[kind] = Math.round(best);
  console.error(`bench:diagnosis: ${kind}: ${best.toFixed(1)} ms (best of 3 after it)`);
}
const check = openStore(dbFile, { readonly: true });
const stats = loadSessionStats(check, { shopId: SHOP.id });
const events = check.prepare('SELECT sum(events) FROM sessions').pluck().get();
check.close();
if (!keep && arg('db', null) === null) rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ sessions: stats.length, events, selfMs: warm.self, talentMs: warm.talent, serviceMs: warm.service, firstMs: Math.round(firstMs), rollupMsPerSession, ...(coldMs === undefined ? {} : { coldMs }) }));
