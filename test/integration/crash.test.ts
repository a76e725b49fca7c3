/**
 * Crash safety: the recorder (`node bin/luopan.mjs record …`, a child process) is killed with
 * SIGKILL mid-write LUOPAN_KILLS times (10 by default; 100 for the long run) and restarted;
 * after the shows end, `PRAGMA integrity_check` is ok, every event the simulator saw acked is
 * present, and every seq is stored exactly once.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimServer, type SimServer } from '../../electron/sim/server';
import { checkSessions, exactlyOnce, integrityCheck, tempDb } from './helpers';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'luopan.mjs');
const KILLS = Number(process.env.LUOPAN_KILLS ?? 10);

let sim: SimServer;
const children = new Set<ChildProcess>();

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--if-needed'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await sim?.close();
});

function startRecorder(url: string, dbFile: string, idleExit?: number): ChildProcess {
  const args = [BIN, 'record', url, '--db', dbFile];
  if (idleExit !== undefined) args.push('--idle-exit', String(idleExit));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.stderr!.setEncoding('utf8');
  let err = '';
  child.stderr!.on('data', (d: string) => (err = (err + d).slice(-4000)));
  (child as ChildProcess & { errText: () => string }).errText = () => err;
  return child;
}

function storedLastSeqs(dbFile: string): Record<string, number> {
  if (!existsSync(dbFile)) return {};
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db.prepare('SELECT session_id AS id, last_seq AS l FROM sessions').all() as { id: string; l: number }[];
    return Object.fromEntries(rows.map((r) => [r.id, r.l]));
  } catch {
    return {};
  } finally {
    db.close();
  }
}

describe('recorder killed with SIGKILL mid-write', () => {
  it(`keeps every acked event and an intact database across ${KILLS} kills`, async () => {
    const dbFile = tempDb();
    // slow enough that the show is still running after all the kills
    sim = await startSimServer({ port: 0, seed: 21, rooms: 2, speed: 600, durationMin: 60, startAt: Date.UTC(2026, 2, 2, 12) });
    const t0 = Date.now();
    let killedWithData = 0;
    for (let k = 0; k < KILLS; k++) {
      const child = startRecorder(sim.url, dbFile);
      const ackedBefore = sim.sessions().reduce((a, s) => a + s.acked, 0);
      // wait until this recorder acked something, then kill it at a random moment
      const deadline = Date.now() + 10_000;
      while (sim.sessions().reduce((a, s) => a + s.acked, 0) === ackedBefore && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
      }
      await new Promise((r) => setTimeout(r, Math.random() * 250));
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      if (sim.sessions().reduce((a, s) => a + s.acked, 0) > ackedBefore) killedWithData++;
      // what the source saw acked must be durable, whatever moment the kill hit
      const durable = storedLastSeqs(dbFile);
      for (const s of sim.sessions()) expect(durable[s.sessionId] ?? 0, `${s.sessionId} after kill ${k + 1}`).toBeGreaterThanOrEqual(s.acked);
    }
    expect(killedWithData).toBeGreaterThanOrEqual(Math.ceil(KILLS / 2));
    expect(integrityCheck(dbFile)).toBe('ok');

    // the last recorder runs until the shows end, then exits 0 after 1.5 s without events
    const last = startRecorder(sim.url, dbFile, 1.5);
    const code = await new Promise<number | null>((r) => last.once('exit', (c) => r(c)));
    expect(code, (last as ChildProcess & { errText: () => string }).errText()).toBe(0);
    await sim.finished;
    const emitted = sim.sessions();
    const checks = checkSessions(dbFile, emitted);
    const stored = checks.reduce((a, c) => a + c.stored, 0);
    console.log(`crash safety: ${KILLS} kills, ${stored} events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const c of checks) expect(c, c.sessionId).toSatisfy(exactlyOnce);
    expect(integrityCheck(dbFile)).toBe('ok');
  });
});
