/**
 * The stream source of `npm run bench:screen`, run in its own process so that its pacing is not
 * held up by the engine, the wall server or Chromium on the same two cores. A real socket.io
 * server speaking docs/protocol.md (`/live`, `hello`, `batch` with ack, one batch per 50 ms) that
 * sends a steady RATE events/s of one session with a big-room mix.
 *
 * Why not the simulator: the latency figure needs the wall-clock moment each `viewer.enter`
 * left the source, i.e. the moment the cumulative PV reached each value. This source records,
 * per batch, `[emitAt, pvBefore, pvAfter]` (emitAt = Date.now() just before `emit`), so every PV
 * value has its emit time.
 *
 * stdout, one JSON object per line: first `{url}`, then — after "stop" on stdin — the log
 * `{batches, events, acked, maxUnacked, stalledMs, ackMs}`.
 * argv: RATE (events/s, default 5000)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { Server, type Socket } from 'socket.io';
import { validateEvent } from '../shared/protocol/validate';
import { createMix, SESSION } from './screen-mix';

const RATE = Number(process.argv[2] ?? 5000);
const TICK_MS = 50;
/** unacked batches beyond which the source waits (10 s of stream): it never outruns the engine unboundedly */
const MAX_UNACKED = 200;

const mix = createMix(Date.now());
// every event type the mix makes is checked once against the protocol's validator: a mix bug fails loudly
for (const e of mix.samples()) {
  const v = validateEvent(e);
  if (!v.ok) throw new Error(`screen-source makes an invalid ${String(e.type)}: ${v.detail}`);
}

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 1e8 });
await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` })}\n`);

const batches: [number, number, number][] = [];
const ackMs: number[] = [];
let sent = 0;
let acked = 0;
let unacked = 0;
let maxUnacked = 0;
let stalledMs = 0;
let stopped = false;
let timer: ReturnType<typeof setInterval> | null = null;

function run(socket: Socket): void {
  socket.emit('hello', { protocol: 1, source: 'bench-screen', time: Date.now() });
  const emit = (events: Record<string, unknown>[], pvBefore: number) => {
    const emitAt = Date.now();
    batches.push([emitAt, pvBefore, mix.pv()]);
    unacked++;
    maxUnacked = Math.max(maxUnacked, unacked);
    sent += events.length;
    socket.timeout(60_000).emit('batch', { sessionId: SESSION, events }, (err: Error | null, ack: { ok: boolean; upTo?: number; error?: string }) => {
      unacked--;
      if (err || !ack?.ok) {
        process.stderr.write(`bench:screen source: batch not acked (${err?.message ?? ack?.error})\n`);
        return;
      }
      acked += events.length;
      ackMs.push(Date.now() - emitAt);
    });
  };
  emit(mix.opening(), 0);
  // paced from the start time, not tick to tick, so a late tick catches up instead of drifting
  const t0 = Date.now();
  let due = 0;
  let lastTick = t0;
  timer = setInterval(() => {
    if (stopped) return;
    const now = Date.now();
    if (unacked >= MAX_UNACKED) {
      stalledMs += now - lastTick;
      lastTick = now;
      return;
    }
    lastTick = now;
    const target = Math.floor(((now - t0) / 1000) * RATE);
    const n = Math.min(5000, target - due);
    if (n <= 0) return;
    due += n;
    const pvBefore = mix.pv();
    emit(mix.next(n, now), pvBefore);
  }, TICK_MS);
}

io.of('/live').on('connection', (socket) => {
  if (timer) return; // one engine, one stream
  run(socket);
});

for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== 'stop') continue;
  stopped = true;
  if (timer) clearInterval(timer);
  // a moment for the last acks
  await new Promise((r) => setTimeout(r, 500));
  process.stdout.write(`${JSON.stringify({ batches, events: sent, acked, maxUnacked, stalledMs, ackMs })}\n`);
  io.close();
  break;
}
process.exit(0);
