/**
 * One timed run of the recorder for `npm run bench:ingest`: a fresh source process (the simulator,
 * the show generated and rendered before the clock: ingest-source.ts) → socket.io on 127.0.0.1 →
 * the recorder in this process (createBackend: StreamClient → validate → aggregate → SQLite writer
 * worker → durable ack) into a fresh database; then the database is checked event by event
 * against what the source emitted (lost, duplicated).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { createBackend } from '../electron/backend/create-backend';

export interface RunOptions {
  rooms: string;
  duration: string;
  seed: string;
  dbFile: string;
  /** a V8 CPU profile of the engine thread during the ingest only */
  profileFile?: string;
  /** called every ≈ 0.5 s with the events stored so far (a progress bar) */
  onProgress?: (stored: number) => void;
}

export interface RunFigures {
  events: number;
  elapsedMs: number;
  eventsPerSec: number;
  /** the rate between 5 % and 95 % of the events stored: without the first batches (code not yet
   *  optimised) and the last ones (a few large sessions left, held to the protocol's pace) */
  steadyPerSec: number | null;
  lost: number;
  duplicated: number;
  largestSession: number;
  startupMs: number;
  ackP50Ms: number | null;
  ackP99Ms: number | null;
  cpuPct: number;
  gcMs: number;
  gcKinds: Record<string, { n: number; ms: number }>;
  engineCpuS: number | null;
  writerCpuS: number | null;
  otherThreadsCpuS: number;
  sourceCpuS: number;
  sourcePrerenderMs: number;
  batchesPrerendered: number;
  batchesEncodedLive: number;
  batchesFramed: number;
  peakRss: number;
  withheld: number;
  resumesAsked: number;
  rejected: Record<string, number>;
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/**
 * CPU seconds of every thread of a process (Linux /proc; {} elsewhere). Node names all its
 * threads "node"; the engine thread is the one whose id is the pid, and during the ingest the
 * busiest other thread is the store's writer worker.
 */
function threadCpu(pid: number | 'self' = 'self'): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out[tid] = (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 1/100 s
    }
  } catch {
    /* not Linux: no per-thread figures */
  }
  return out;
}
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/** The rate between the moments 5 % and 95 % of `total` were stored, from (time, stored) samples. */
function steadyRate(samples: [number, number][], total: number): number | null {
  const a = samples.find(([, n]) => n >= 0.05 * total);
  const b = samples.find(([, n]) => n >= 0.95 * total);
  if (!a || !b || b[0] <= a[0]) return null;
  return (b[1] - a[1]) / ((b[0] - a[0]) / 1000);
}

export async function recordOnce(opts: RunOptions): Promise<RunFigures> {
  // ---- the source, in its own process ----
  const source = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'ingest-source.ts'), opts.rooms, opts.duration, opts.seed], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: source.stdout! })[Symbol.asyncIterator]();
  const first = JSON.parse((await lines.next()).value as string) as { url: string; prerenderMs: number };

  // ---- the recorder, here ----
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
  let inspector: Session | null = null;
  if (opts.profileFile) {
    inspector = new Session();
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  // garbage collection on the engine thread during the ingest (pauses, summed)
  let gcMs = 0;
  const gcKinds: Record<string, { n: number; ms: number }> = {};
  const GC_KIND: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      const kind = GC_KIND[(e as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other';
      const k = (gcKinds[kind] ??= { n: 0, ms: 0 });
      k.n++;
      k.ms += e.duration;
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  // The clock starts once the engine is up (store opened and migrated, writer worker started,
  // connection being made), as the bare inserts start once their store is open: both figures
  // are throughput, without start-up. The start-up is reported on its own.
  const s0 = performance.now();
  const engine = await createBackend({ dbFile: opts.dbFile, source: first.url, publishHz: 10 });
  const startupMs = performance.now() - s0;
  const threads0 = threadCpu();
  const source0 = sum(threadCpu(source.pid!));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // (time, events stored) every ≈ 50 ms — the timer runs late while the engine thread is busy,
  // so each sample carries its own time
  const samples: [number, number][] = [];
  let lastProgress = 0;
  const timeline = setInterval(() => {
    const now = performance.now() - t0;
    const stored = engine.stats().eventsStored;
    samples.push([now, stored]);
    if (now - lastProgress >= 500) {
      lastProgress = now;
      opts.onProgress?.(stored);
    }
  }, 50);
  const done = JSON.parse((await lines.next()).value as string) as {
    sessions: { sessionId: string; generated: number; batchesPrerendered?: number; batchesEncodedLive?: number; batchesFramed?: number }[];
  };
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const threads1 = threadCpu();
  const sourceCpuS = sum(threadCpu(source.pid!)) - source0;
  gcObserver.disconnect();
  if (inspector) {
    const { profile } = await inspector.post('Profiler.stop');
    writeFileSync(opts.profileFile!, JSON.stringify(profile));
    inspector.disconnect();
  }
  clearInterval(timeline);
  clearInterval(sampler);
  const stats = engine.stats();
  await engine.close();
  source.kill();

  // ---- exactly once? ----
  const db = new Database(opts.dbFile, { readonly: true });
  let emitted = 0;
  let lost = 0;
  let duplicated = 0;
  const counts = db.prepare('SELECT count(*) AS n, count(DISTINCT seq) AS d FROM events WHERE session_id = ?');
  const rejectedSeqs = db.prepare('SELECT count(DISTINCT seq) AS r FROM rejects WHERE session_id = ? AND seq IS NOT NULL');
  for (const s of done.sessions) {
    emitted += s.generated;
    const row = counts.get(s.sessionId) as { n: number; d: number };
    const rejected = (rejectedSeqs.get(s.sessionId) as { r: number }).r;
    lost += Math.max(0, s.generated - row.d - rejected);
    duplicated += row.n - row.d;
  }
  db.close();

  const threadSecs = Object.entries(threads1).map(([tid, s]) => [tid, s - (threads0[tid] ?? 0)] as const);
  const engineCpuS = threadSecs.find(([tid]) => tid === String(process.pid))?.[1] ?? null;
  const others = threadSecs.filter(([tid]) => tid !== String(process.pid)).map(([, s]) => s).sort((a, b) => b - a);
  return {
    events: emitted,
    elapsedMs,
    eventsPerSec: emitted / (elapsedMs / 1000),
    steadyPerSec: steadyRate(samples, emitted),
    lost,
    duplicated,
    largestSession: Math.max(...done.sessions.map((s) => s.generated ?? 0)),
    startupMs,
    ackP50Ms: percentile(stats.ackLatencyMs, 50),
    ackP99Ms: percentile(stats.ackLatencyMs, 99),
    cpuPct: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
    gcMs,
    gcKinds,
    engineCpuS,
    writerCpuS: others.length ? others[0]! : null,
    otherThreadsCpuS: others.slice(1).reduce((a, b) => a + b, 0),
    sourceCpuS,
    sourcePrerenderMs: first.prerenderMs,
    batchesPrerendered: done.sessions.reduce((a, s) => a + (s.batchesPrerendered ?? 0), 0),
    batchesEncodedLive: done.sessions.reduce((a, s) => a + (s.batchesEncodedLive ?? 0), 0),
    batchesFramed: done.sessions.reduce((a, s) => a + (s.batchesFramed ?? 0), 0),
    peakRss,
    withheld: stats.rejected.backpressure ?? 0,
    resumesAsked: stats.resumesAsked,
    rejected: stats.rejected,
  };
}
