/**
 * The source side of `npm run bench:ingest`, in its own process (a real source is another
 * machine; here it is another process so the recorder's CPU figures are its own). Generates the
 * whole show with the simulator and renders every batch's text *before* it says it is listening
 * (the simulator server with bench/prerender.ts's transport), so that during the timed window it only
 * sends — as a source on another machine would cost the recorder nothing. Reports on stdout,
 * one JSON line each:
 *   {"url": …, "prerenderMs": …}                once listening
 *   {"finished": true, "sessions": [{sessionId, generated, batchesPrerendered, batchesEncodedLive, batchesFramed}]}
 *                                               when every event was acked
 */
import { startSimServer } from '../electron/sim/server';
import { prerenderTransport } from './prerender';

const [rooms = '4', duration = '30', seed = '7'] = process.argv.slice(2);
const t0 = performance.now();
const sim = await startSimServer({
  port: 0,
  seed: Number(seed),
  rooms: Number(rooms),
  durationMin: Number(duration),
  speed: Infinity,
  startAt: Date.UTC(2026, 10, 1, 12, 0, 0),
  transport: prerenderTransport,
});
process.stdout.write(JSON.stringify({ url: sim.url, prerenderMs: Math.round(performance.now() - t0) }) + '\n');
await sim.finished;
process.stdout.write(
  JSON.stringify({
    finished: true,
    sessions: sim.sessions().map((s) => ({ sessionId: s.sessionId, generated: s.generated, batchesPrerendered: s.batchesPrerendered, batchesEncodedLive: s.batchesEncodedLive, batchesFramed: s.batchesFramed })),
  }) + '\n',
);
await sim.close();
