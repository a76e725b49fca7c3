/**
 * `npm run bench:screen` — the live screen (and with `--screens all` the product, ad and traffic
 * screens too, one page each, all open at once) in Chromium at 1920×1080, fed through the whole
 * path: a socket.io source in its own process sending RATE events/s (./screen-source.ts) →
 * the engine (StreamClient → SQLite → RoomAggregator → ≤ 10 Hz deltas) → the wall server →
 * the built renderer. After a warm-up, for a measured period:
 * - event → screen latency p50/p95/p99: a viewer.enter's emit time at the source → the first
 *   frame after the page's `[data-metric=pv]` `data-value` includes it (./screen-latency.ts,
 *   ./screen-probe.ts);
 * - script time per frame p95, from a Chromium trace of the measured period (./screen-trace.ts);
 * - long animation frames (> 50 ms) per minute, from the LoAF API in the page;
 * - renderer JS heap (CDP Runtime.getHeapUsage, used size) at the end of the warm-up and at the
 *   end, and the page's DOM element count.
 * Prints the figures; the last line is one JSON object
 *   {"latencyP50Ms":…,"latencyP95Ms":…,"latencyP99Ms":…,"scriptP95Ms":…,"longFramesPerMin":…,"heapMB":…, …}
 * (the top-level figures are the live screen's; with --screens all, per-screen fields follow,
 * e.g. "productScriptP95Ms", and the worst over screens as "worst…").
 * Options: --seconds N (60) measured, --warmup N (10), --screens live|all, --rate N (5000);
 * for finding why: --profile FILE writes a V8 CPU profile (.cpuprofile) of the first screen (or of
 * --profile-screen ID: live, product, ad, traffic) over the measured period (profiling slows the page: figures of a profiled run are not the figures),
 * --trace FILE keeps the Chromium trace of the measured period (open it in DevTools' Performance panel),
 * --renderer DIR serves another build (e.g. an unminified one, for readable function names).
 * Targets (issue 3/4): p95 ≤ 150 ms, p99 ≤ 300 ms, script p95 ≤ 8 ms/frame, 0 long frames.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { createBackend } from '../electron/backend/create-backend';
import { startWallServer } from '../electron/wall/server';
import { eventToScreen, percentile } from './screen-latency';
import { ROOM } from './screen-mix';
import { machineCpuSeconds, treeCpuSeconds } from './screen-cpu';
import { PROBE_SCRIPT, type ProbeData } from './screen-probe';
import { frameScript, parseTrace, TRACE_CATEGORIES } from './screen-trace';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const RENDERER = process.argv.includes('--renderer') ? process.argv[process.argv.indexOf('--renderer') + 1]! : join(import.meta.dirname, '..', 'out', 'renderer');
/** after the source stops, how long the pages are still watched for the last events */
const DRAIN_MS = 3_000;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
function fail(msg: string): never {
  console.error(`bench:screen: ${msg}`);
  process.exit(1);
}
const seconds = Number(arg('seconds', '60'));
const warmup = Number(arg('warmup', '10'));
const rate = Number(arg('rate', '5000'));
const screensArg = arg('screens', 'live');
if (!(seconds > 0) || !(warmup >= 0) || !(rate > 0)) fail('--seconds, --warmup and --rate take positive numbers');
if (screensArg !== 'live' && screensArg !== 'all') fail(`--screens takes live or all, not "${screensArg}"`);
const SCREENS = (screensArg === 'all' ? ['live', 'product', 'ad', 'traffic'] : ['live']) as ('live' | 'product' | 'ad' | 'traffic')[];
if (!existsSync(CHROMIUM)) fail(`no Chromium at ${CHROMIUM}`);
if (!existsSync(join(RENDERER, 'index.html'))) fail('no built renderer in out/renderer (npm run build)');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number | null, d = 0) => (n === null ? null : Math.round(n * 10 ** d) / 10 ** d);
const dir = mkdtempSync(join(tmpdir(), 'luopan-bench-screen-'));

// ---- source (own process), engine, wall server --------------------------------------------
const source = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'screen-source.ts'), String(rate)], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: source.stdout! })[Symbol.asyncIterator]();
const hello = (await lines.next()).value as string | undefined;
if (!hello) fail('the source process ended before it listened (see its error above)');
const { url: sourceUrl } = JSON.parse(hello) as { url: string };
const engine = await createBackend({ dbFile: join(dir, 'bench.db'), source: sourceUrl, publishHz: 10 });
// the engine's side of the latency: when each PV value left the engine in a view delta
const published: [number, number][] = [];
const deltaBytes: number[] = [];
engine.onPush('view.delta', (d) => {
  deltaBytes.push(JSON.stringify(d).length);
  for (const room of Object.values(d.rooms)) if (typeof room.figures?.pv === 'number') published.push([room.figures.pv, Date.now()]);
});
const wall = await startWallServer({ engine, rendererDir: RENDERER, port: 0 });
console.error(`bench:screen: source ${sourceUrl} at ${rate.toLocaleString('en-US')} events/s → engine → ${wall.url}; screens: ${SCREENS.join(', ')}; warm-up ${warmup} s, measured ${seconds} s`);

// ---- one browser, one context (= one renderer process) per screen -------------------------
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
interface Screen {
  id: string;
  page: Page;
  cdp: CDPSession;
  errors: string[];
}
const screens: Screen[] = [];
for (const id of SCREENS) {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript({ content: PROBE_SCRIPT });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`${wall.screenUrls[id]}?room=${ROOM}`);
  screens.push({ id, page, cdp: await context.newCDPSession(page), errors });
}

const heap = async (s: Screen) => ((await s.cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 2 ** 20;
const domNodes = (s: Screen) => s.page.evaluate(() => document.getElementsByTagName('*').length);

// ---- warm-up -----------------------------------------------------------------------------------
const live = screens[0]!;
await live.page.waitForFunction(() => Number(document.querySelector('[data-metric="pv"]')?.getAttribute('data-value') ?? 0) > 0, undefined, { timeout: 30_000 })
  .catch(() => fail(`the live screen showed no PV within 30 s (page errors: ${live.errors.join(' | ') || 'none'})`));
await sleep(warmup * 1000);
const heapWarm = await Promise.all(screens.map(heap));

// ---- measured period ---------------------------------------------------------------------------
const profileFile = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : undefined;
const profiled = screens.find((s) => s.id === arg('profile-screen', live.id));
if (profileFile && !profiled) fail(`--profile-screen takes one of the open screens: ${SCREENS.join(', ')}`);
if (profileFile) {
  await profiled!.cdp.send('Profiler.enable');
  await profiled!.cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await profiled!.cdp.send('Profiler.start');
}
await browser.startTracing(undefined, { categories: TRACE_CATEGORIES });
for (const s of screens) await s.page.evaluate((m) => console.timeStamp(m), `bench-screen:${s.id}`);
const from = Date.now();
const cpu0 = process.cpuUsage();
// CPU of everything this bench started (this process, the source, Chromium) and of the machine
const tree0 = treeCpuSeconds(process.pid);
const source0 = treeCpuSeconds(source.pid!);
const machine0 = machineCpuSeconds();
const loafFrom = await Promise.all(screens.map((s) => s.page.evaluate(() => (window as unknown as { __benchProbe: ProbeData }).__benchProbe.loaf.length)));
await sleep(seconds * 1000);
const to = Date.now();
const cpu = process.cpuUsage(cpu0);
const tree1 = treeCpuSeconds(process.pid);
const source1 = treeCpuSeconds(source.pid!);
const machine1 = machineCpuSeconds();
const trace = await browser.stopTracing();
const traceFile = process.argv.includes('--trace') ? process.argv[process.argv.indexOf('--trace') + 1] : undefined;
if (traceFile) writeFileSync(traceFile, trace);
if (profileFile) writeFileSync(profileFile, JSON.stringify(((await profiled!.cdp.send('Profiler.stop')) as { profile: unknown }).profile));
source.stdin!.write('stop\n');
const log = JSON.parse((await lines.next()).value as string) as {
  batches: [number, number, number][]; events: number; acked: number; maxUnacked: number; stalledMs: number; ackMs: number[];
};
await sleep(DRAIN_MS);

// page clock vs this process's clock (both wall clock; measured, not assumed)
const skews = await Promise.all(screens.map(async (s) => {
  const t0 = Date.now();
  const pageNow = await s.page.evaluate(() => performance.timeOrigin + performance.now());
  return pageNow - (t0 + Date.now()) / 2;
}));
const probes = await Promise.all(screens.map((s) => s.page.evaluate(() => (window as unknown as { __benchProbe: ProbeData }).__benchProbe)));
const heapEnd = await Promise.all(screens.map(heap));
const nodes = await Promise.all(screens.map(domNodes));
const engineStats = engine.stats();
const events = parseTrace(trace);

await browser.close();
await wall.close();
await engine.close();
source.kill();
rmSync(dir, { recursive: true, force: true });

let cpuFigures: Record<string, number> = {};
// ---- figures -------------------------------------------------------------------------------------
const emittedInWindow = log.batches.filter(([at]) => at >= from && at <= to);
const rateSeen = emittedInWindow.length > 1 ? (log.events / ((log.batches.at(-1)![0] - log.batches[0]![0]) / 1000)) : 0;
console.log(`source: ${log.events.toLocaleString('en-US')} events sent (${Math.round(rateSeen).toLocaleString('en-US')}/s), ${log.acked.toLocaleString('en-US')} acked; ack p50/p99 ${percentile(log.ackMs, 50)}/${percentile(log.ackMs, 99)} ms; at most ${log.maxUnacked} batches unacked; waited on acks ${log.stalledMs} ms`);
console.log(`engine + wall server process: ${Math.round(((cpu.user + cpu.system) / 1000 / (to - from)) * 100)} % of one core over the measured period (the machine's cores are shared by it, the source, Chromium and anything else running)`);
if (tree0 !== null && tree1 !== null && source0 !== null && source1 !== null && machine0 && machine1) {
  const secs = (to - from) / 1000;
  const own = (cpu.user + cpu.system) / 1e6;
  const src = source1 - source0;
  const chromium = tree1 - tree0 - own - src;
  const busy = machine1.busy - machine0.busy;
  const cores = (machine1.total - machine0.total) / secs;
  const pct = (s: number) => `${Math.round((s / secs) * 100)} %`;
  console.log(`CPU over the measured period (100 % = one core; the machine has ${Math.round(cores)}): Chromium (${SCREENS.length} page${SCREENS.length > 1 ? 's' : ''}, GPU and browser processes) ${pct(chromium)}, source ${pct(src)}, engine + wall server ${pct(own)}; the whole machine ${pct(busy)}, of which ${pct(Math.max(0, busy - (tree1 - tree0)))} not this bench`);
  cpuFigures = { chromiumCpuPct: Math.round((chromium / secs) * 100), machineCpuPct: Math.round((busy / secs) * 100), otherCpuPct: Math.round((Math.max(0, busy - (tree1 - tree0)) / secs) * 100) };
}
console.log(`engine: ${engineStats.eventsStored.toLocaleString('en-US')} stored, ${engineStats.deltasPublished} deltas published, rejected ${JSON.stringify(engineStats.rejected)}`);

console.log(`engine: view deltas ${deltaBytes.length}, JSON size p50/max ${percentile(deltaBytes, 50)?.toLocaleString('en-US')} / ${percentile(deltaBytes, 100)?.toLocaleString('en-US')} bytes (every screen receives and decodes each one)`);
const pub = eventToScreen(log.batches, published, from, to);
console.log(`engine: event → view delta published p50/p95/p99: ${percentile(pub.samples, 50)} / ${percentile(pub.samples, 95)} / ${percentile(pub.samples, 99)} ms (the rest of the event → screen latency is the wall server, the socket and the page)`);

const result: Record<string, number | null> = {};
Object.assign(result, cpuFigures);
const worst: Record<string, number> = {};
for (let i = 0; i < screens.length; i++) {
  const s = screens[i]!;
  const probe = probes[i]!;
  const lat = eventToScreen(log.batches, probe.samples.map(([v, at]) => [v, at - skews[i]!]), from, to);
  const fs = frameScript(events, `bench-screen:${s.id}`);
  const loaf = probe.loaf.slice(loafFrom[i]).filter((l) => l.at >= from && l.at <= to);
  const fig = {
    latencyP50Ms: round(percentile(lat.samples, 50)),
    latencyP95Ms: round(percentile(lat.samples, 95)),
    latencyP99Ms: round(percentile(lat.samples, 99)),
    scriptP95Ms: fs ? round(percentile(fs.scriptMs, 95), 2) : null,
    scriptCpuP95Ms: fs ? round(percentile(fs.scriptCpuMs, 95), 2) : null,
    longFramesPerMin: round(loaf.length / (seconds / 60), 1),
    heapMB: round(heapWarm[i]!, 1),
  };
  if (probe.observed === 0) console.log(`\n[${s.id}] no [data-metric=pv] on this screen: no latency figure`);
  else console.log(`\n[${s.id}] ${lat.samples.length.toLocaleString('en-US')} PV events timed${lat.unseen ? `, ${lat.unseen} never shown` : ''}`);
  console.log(`  event→screen latency p50/p95/p99: ${fig.latencyP50Ms ?? '—'} / ${fig.latencyP95Ms ?? '—'} / ${fig.latencyP99Ms ?? '—'} ms (max ${round(percentile(lat.samples, 100)) ?? '—'}; page clock skew ${round(skews[i]!, 1)} ms, corrected)`);
  if (fs) {
    const frameRate = fs.frames / (fs.spanMs / 1000);
    console.log(`  frames: ${fs.frames} (${frameRate.toFixed(1)}/s); script per frame p50/p95/p99/max: ${round(percentile(fs.scriptMs, 50), 2)} / ${fig.scriptP95Ms} / ${round(percentile(fs.scriptMs, 99), 2)} / ${round(percentile(fs.scriptMs, 100), 2)} ms; script outside frames ${round(fs.outsideMs / (fs.spanMs / 1000), 1)} ms/s`);
    console.log(`  script CPU (thread time) per frame p50/p95/p99/max: ${round(percentile(fs.scriptCpuMs, 50), 2)} / ${fig.scriptCpuP95Ms} / ${round(percentile(fs.scriptCpuMs, 99), 2)} / ${round(percentile(fs.scriptCpuMs, 100), 2)} ms (the rest of the wall time above is waiting for a core)`);
  } else console.log('  frames: the page was not found in the trace');
  console.log(`  long animation frames (> 50 ms): ${loaf.length} in ${seconds} s = ${fig.longFramesPerMin}/min${loaf.length ? `; longest ${Math.max(...loaf.map((l) => l.ms))} ms` : ''}${probe.loafError ? ` (LoAF unavailable: ${probe.loafError})` : ''}`);
  for (const l of loaf.sort((a, b) => b.ms - a.ms).slice(0, 3)) console.log(`    ${l.ms} ms: ${l.scripts.map((x) => `${x.fn || '(anonymous)'}@${x.src} [${x.invoker}] ${x.ms} ms`).join('; ') || 'no script attribution'}`);
  console.log(`  JS heap used: ${fig.heapMB} MB after warm-up, ${round(heapEnd[i]!, 1)} MB at the end; DOM elements ${nodes[i]}`);
  if (s.errors.length) console.log(`  page errors: ${s.errors.slice(0, 3).join(' | ')}`);
  if (i === 0) Object.assign(result, fig, { heapEndMB: round(heapEnd[i]!, 1), domNodes: nodes[i]!, unseen: probe.observed === 0 ? null : lat.unseen });
  if (screens.length > 1) {
    for (const [k, v] of Object.entries(fig)) {
      result[`${s.id}${k[0]!.toUpperCase()}${k.slice(1)}`] = v;
      if (v !== null) worst[k] = Math.max(worst[k] ?? -Infinity, v);
    }
    result[`${s.id}DomNodes`] = nodes[i]!;
  }
}
if (screens.length > 1) for (const [k, v] of Object.entries(worst)) result[`worst${k[0]!.toUpperCase()}${k.slice(1)}`] = v;
result.eventsPerSec = Math.round(rateSeen);
result.publishP95Ms = percentile(pub.samples, 95);
console.log('');
console.log(JSON.stringify(result));
process.exit(0);
