/**
 * `npm run bench:replay` — how fast a long recorded show opens and scrubs in the replay.
 *  1. records a simulated show (default 8 hours of the busiest demo room, ≥ 3 M events) into a
 *     SQLite store through the recorder's EventWriter (or reuses --db FILE when it holds one);
 *  2. runs the session's rollup job (stats, figures, …, and its aggregator checkpoints), timed;
 *  3. opens the replay as the app does (time index, stored alerts and markers, checkpoint list,
 *     a player at position 0): openMs;
 *  4. seeks --seeks times to seeded random positions, forward and backward, each timed until the
 *     figures are those of the position; then checks the last one against a fold from seq 1.
 * Prints the figures; the last line is one JSON object
 *   {"events":…,"openMs":…,"seekP50Ms":…,"seekP95Ms":…,"seekMaxMs":…,…}
 * Options: --minutes N (480), --seeks N (100), --seed N (1), --room N (2), --db FILE (kept).
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { foldSession } from '../electron/fold/fold-stored';
import { SessionCheckpoints } from '../electron/fold/session-checkpoints';
import { RollupJob } from '../electron/history/rollup-job';
import { storedAlerts, timelineMarkers } from '../electron/replay/markers';
import { ReplayPlayer } from '../electron/replay/player';
import { loadTimeline } from '../electron/replay/timeline';
import { mulberry32 } from '../electron/sim/random';
import { generateSession } from '../electron/sim/show';
import { checkpointBytes } from '../electron/store/checkpoints';
import { EventWriter } from '../electron/store/event-writer';
import { openStore } from '../electron/store/open';
import { listSessions } from '../electron/store/sessions';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    console.error(`bench:replay: --${name} must be a whole number ≥ 0, got "${process.argv[i + 1] ?? ''}"`);
    process.exit(1);
  }
  return v;
}
const dbArg = process.argv.includes('--db') ? process.argv[process.argv.indexOf('--db') + 1] : undefined;
if (process.argv.includes('--db') && !dbArg) {
  console.error('bench:replay: --db needs a file');
  process.exit(1);
}

const MINUTES = option('minutes', 480);
const SEEKS = option('seeks', 100);
const SEED = option('seed', 1);
const ROOM = option('room', 2);
const tmp = dbArg ? null : mkdtempSync(join(tmpdir(), 'luopan-bench-replay-'));
const file = dbArg ?? join(tmp!, 'replay.db');
const reuse = dbArg !== undefined && existsSync(dbArg);
const db = openStore(file);
const ms = (t: number) => Math.round(performance.now() - t);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

let sessionId = reuse ? (listSessions(db)[0]?.sessionId ?? '') : '';
if (!sessionId) {
  // 1. record
  const t = performance.now();
  const writer = new EventWriter(db);
  const bar = new SingleBar({ format: 'recording  {bar} {value} events', hideCursor: true });
  bar.start(0, 0);
  let rows: { seq: number; ts: number; type: string; body: string }[] = [];
  let n = 0;
  for (const e of generateSession({ seed: SEED, roomIndex: ROOM, startAt: Date.UTC(2026, 3, 2, 12), durationMin: MINUTES })) {
    if (e.type === 'session.start') sessionId = e.sessionId as string;
    rows.push({ seq: e.seq, ts: e.ts, type: e.type, body: JSON.stringify(e) });
    if (rows.length >= 5000) {
      writer.writeBatch(sessionId, rows);
      n += rows.length;
      rows = [];
      if (n % 100_000 === 0) bar.update(n);
    }
  }
  writer.writeBatch(sessionId, rows);
  bar.update(n + rows.length);
  bar.stop();
  console.log(`recorded ${n + rows.length} events in ${ms(t)} ms`);
}

// 2. rollups (checkpoints included)
const session = listSessions(db).find((s) => s.sessionId === sessionId)!;
let rollupMs = 0;
if (SessionCheckpoints.load(db, sessionId).count === 0) {
  const t = performance.now();
  const job = new RollupJob(db, sessionId, session.lastSeq);
  const bar = new SingleBar({ format: 'rollups    {bar} {value}/{total} events', hideCursor: true });
  bar.start(session.events, 0);
  while (!job.step(100_000)) bar.update(job.rows);
  bar.update(job.rows);
  job.save();
  bar.stop();
  rollupMs = ms(t);
}
const storedBytes = checkpointBytes(db, sessionId);

// 3. open, as ReplayController.open does
let t = performance.now();
const timeline = loadTimeline(db, sessionId);
const alerts = storedAlerts(db, sessionId);
timelineMarkers(db, timeline, alerts);
const checkpoints = SessionCheckpoints.load(db, sessionId);
const player = new ReplayPlayer(db, timeline, { alerts, checkpoints });
player.aggregator.view();
const openMs = ms(t);

// 4. seeks
const r = mulberry32(SEED);
const times: number[] = [];
const from: Record<string, number> = {};
for (let i = 0; i < SEEKS; i++) {
  const target = Math.floor(r() * timeline.durationMs);
  t = performance.now();
  await player.seek(target);
  player.aggregator.view();
  times.push(performance.now() - t);
  from[player.lastSeek!.from] = (from[player.lastSeek!.from] ?? 0) + 1;
}
times.sort((a, b) => a - b);
const check = foldSession(db, sessionId, player.seq).view();
const same = JSON.stringify(check.figures) === JSON.stringify(player.aggregator.view().figures);

const result = {
  events: timeline.count,
  minutes: MINUTES,
  checkpoints: checkpoints.count,
  checkpointMB: Math.round(storedBytes / 1e5) / 10,
  dbMB: Math.round(statSync(file).size / 1e5) / 10,
  rollupMs,
  openMs,
  seeks: SEEKS,
  seekP50Ms: Math.round(pct(times, 50)),
  seekP95Ms: Math.round(pct(times, 95)),
  seekMaxMs: Math.round(times[times.length - 1] ?? 0),
  seekFrom: from,
  lastSeekMatchesFold: same,
};
console.log(`${result.events} events, ${result.checkpoints} checkpoints (${result.checkpointMB} MB), open ${openMs} ms`);
console.log(`seek p50 ${result.seekP50Ms} ms, p95 ${result.seekP95Ms} ms, max ${result.seekMaxMs} ms (${JSON.stringify(from)}); last seek equals a fold from seq 1: ${same}`);
db.close();
if (tmp) rmSync(tmp, { recursive: true, force: true });
console.log(JSON.stringify(result));
if (!same) process.exit(1);
