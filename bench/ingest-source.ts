/**
 * The source side of `npm run bench:ingest`, in its own process (a real source is another
 * machine; here it is another process so the recorder's CPU figures are its own). Runs the
 * simulator at full speed and reports on stdout, one JSON line each:
 *   {"url": …}                                  once listening
 *   {"finished": true, "sessions": [{sessionId, generated}]}   when every event was acked
 */
import { startSimServer } from '../electron/sim/server';

const [rooms = '4', duration = '30', seed = '7'] = process.argv.slice(2);
const sim = await startSimServer({
  port: 0,
  seed: Number(seed),
  rooms: Number(rooms),
  durationMin: Number(duration),
  speed: Infinity,
  startAt: Date.UTC(2026, 10, 1, 12, 0, 0),
});
process.stdout.write(JSON.stringify({ url: sim.url }) + '\n');
await sim.finished;
process.stdout.write(
  JSON.stringify({ finished: true, sessions: sim.sessions().map((s) => ({ sessionId: s.sessionId, generated: s.generated })) }) + '\n',
);
await sim.close();
