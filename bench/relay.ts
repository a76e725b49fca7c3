/**
 * `npm run bench:relay` — what `luopan relay` takes in and serves on this machine.
 *  1. intake: a feed posts N comment events to `POST /events` in bodies of --body lines, --parallel
 *     bodies in flight; the rate counts events whose reply came back (committed to the spool);
 *  2. serving: a recorder (StreamClient → the writer worker → a Luopan store, acking after each
 *     commit, as `luopan record`) connects once everything is spooled and stores all of it; the
 *     rate is events stored per second from connect to the last commit.
 * The relay runs in this process, the recorder's writer in its worker; both share the machine's
 * cores with whatever else runs. Prints the figures; the last line is one JSON object
 *   {"events":…,"intakeEventsPerSec":…,"serveEventsPerSec":…,"spoolMB":…}
 * Options: --events N (200000), --body N (1000), --parallel N (4).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StreamClient } from '../electron/engine/stream-client';
import { startRelay } from '../electron/relay/relay';
import { openStore } from '../electron/store/open';
import { SupervisedWriter } from '../electron/store/supervised-writer';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) {
    console.error(`bench:relay: --${name} must be a whole number ≥ 1, got "${process.argv[i + 1] ?? ''}"`);
    process.exit(1);
  }
  return v;
}

const EVENTS = option('events', 200_000);
const BODY = option('body', 1000);
const PARALLEL = option('parallel', 4);

const dir = mkdtempSync(join(tmpdir(), 'luopan-bench-relay-'));
const spool = join(dir, 'spool.db');
const relay = await startRelay({ db: spool, inputs: [{ kind: 'http' }] });
const start = Date.UTC(2026, 3, 1, 12);
const line = (o: Record<string, unknown>) => JSON.stringify({ sessionId: 'bench-1', ...o });

await fetch(`${relay.url}/events`, {
  method: 'POST',
  body: line({ type: 'session.start', sessionId: 'bench-1', roomId: 'bench-room', title: '压测', startedAt: start, host: { id: 'h', name: '主播', kind: 'self' }, shop: { id: 's', name: '店', category: 'c', tier: 't' } }) + '\n',
});

const bodies: string[] = [];
for (let i = 0; i < EVENTS; i += BODY) {
  const lines: string[] = [];
  for (let j = i; j < Math.min(EVENTS, i + BODY); j++) lines.push(line({ type: 'comment', ts: start + j, userId: `${7350000000000000001n + BigInt(j)}`, nickname: `观众${j % 5000}`, text: `第${j}条弹幕，这件多少钱` }));
  bodies.push(lines.join('\n') + '\n');
}

// 1. intake
let next = 0;
let accepted = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: PARALLEL }, async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const res = await fetch(`${relay.url}/events`, { method: 'POST', body });
      const reply = (await res.json()) as { accepted: number };
      accepted += reply.accepted;
    }
  }),
);
const intakeSec = (performance.now() - t0) / 1000;
if (accepted !== EVENTS) {
  console.error(`bench:relay: ${accepted} of ${EVENTS} events accepted`);
  process.exit(1);
}
console.log(`intake: ${EVENTS} events in ${intakeSec.toFixed(2)} s = ${Math.round(EVENTS / intakeSec)} events/s committed (bodies of ${BODY}, ${PARALLEL} in flight)`);

// 2. serving to a recorder
const storeFile = join(dir, 'luopan.db');
openStore(storeFile).close();
const writer = await SupervisedWriter.open(storeFile, {});
const client = new StreamClient({ url: relay.url, sink: writer, lastSeqs: {} });
const t1 = performance.now();
client.start();
const total = EVENTS + 1;
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    if ((client.durableSeqs()['bench-1'] ?? 0) >= total) {
      clearInterval(timer);
      resolve();
    }
  }, 5);
});
const serveSec = (performance.now() - t1) / 1000;
console.log(`serving: ${total} events to a recorder in ${serveSec.toFixed(2)} s = ${Math.round(total / serveSec)} events/s stored and acked`);
const spoolMB = statSync(spool).size / 1e6;
console.log(`spool: ${spoolMB.toFixed(1)} MB (${Math.round((spoolMB * 1e6) / total)} bytes per event)`);
await client.close();
await writer.close();
await relay.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ events: EVENTS, intakeEventsPerSec: Math.round(EVENTS / intakeSec), serveEventsPerSec: Math.round(total / serveSec), spoolMB: Number(spoolMB.toFixed(1)) }));
