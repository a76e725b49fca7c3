/**
 * `luopan sim [--port N] [--seed S] [--speed X] [--rooms K] [--duration MIN] [--token T]` — the
 * show simulator as a protocol-v1 socket.io source on 127.0.0.1. Prints its URL on stdout, a
 * status line every 5 s on stderr, and stops cleanly on SIGINT/SIGTERM (or, with --duration,
 * once every show and its after-sale has been acked).
 *
 * `--replay FILE.ndjson` or `--db FILE [--session ID]` serve recorded sessions instead, through
 * the same transport at the same --speed, and stop once every event has been acked.
 */
import type { Command } from 'commander';
import { openRecordedShows, type RecordedShows } from '../../sim/recorded-shows';
import { startSimServer } from '../../sim/server';
import { CliError, EXIT, numberOption } from '../errors';

interface SimCliOptions {
  port: number;
  seed: number;
  speed: number;
  rooms: number;
  duration?: number;
  token?: string;
  replay?: string;
  db?: string;
  session?: string;
}

/** The recorded sessions to serve, or null for the simulator; every bad input is one line. */
async function recorded(opts: SimCliOptions): Promise<RecordedShows | null> {
  if (opts.replay !== undefined && opts.db !== undefined) throw new CliError('give either --replay or --db, not both', EXIT.usage);
  if (opts.session !== undefined && opts.replay === undefined && opts.db === undefined) throw new CliError('--session needs --db FILE or --replay FILE', EXIT.usage);
  if (opts.replay === undefined && opts.db === undefined) return null;
  try {
    return await openRecordedShows(opts);
  } catch (err) {
    throw new CliError((err as Error).message, EXIT.failure);
  }
}

const speedOption = (value: string): number => (value === 'max' ? Infinity : numberOption('speed', 0.01, 100_000)(value));

export function register(program: Command): void {
  program
    .command('sim')
    .description('run the show simulator as a socket.io source (protocol v1)')
    .option('--port <n>', 'port (0 = any free port)', numberOption('port', 0, 65_535, true), 7001)
    .option('--seed <s>', 'seed: the same seed gives the same show', numberOption('seed', 0, 2 ** 31, true), 1)
    .option('--speed <x>', 'show-minutes per minute, or "max"', speedOption, 1)
    .option('--rooms <k>', 'rooms at once', numberOption('rooms', 1, 100, true), 1)
    .option('--duration <min>', 'end each show after MIN show-minutes', numberOption('duration', 1, 24 * 60, true))
    .option('--token <t>', 'refuse clients without this token')
    .option('--replay <file>', 'serve the sessions of an NDJSON export (luopan export) instead of simulating')
    .option('--db <file>', 'serve sessions recorded in this database instead of simulating')
    .option('--session <id>', 'with --db or --replay: serve only this session')
    .action(async (opts: SimCliOptions) => {
      const rec = await recorded(opts);
      for (const line of rec?.warnings ?? []) process.stderr.write(`luopan sim: ${line}\n`);
      let sim;
      try {
        sim = await startSimServer({
          port: opts.port, seed: opts.seed, speed: opts.speed, rooms: opts.rooms, durationMin: opts.duration, token: opts.token,
          ...(rec ? { shows: rec.shows, sourceName: rec.sourceName } : {}),
        });
      } catch (err) {
        rec?.close();
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliError(code === 'EADDRINUSE' ? `port ${opts.port} is in use` : `cannot start: ${(err as Error).message}`, EXIT.failure);
      }
      // listen for the stop signals before printing the URL: a script may stop us as soon as it read it
      const stopped = new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
        if (opts.duration !== undefined || rec) void sim.finished.then(resolve);
      });
      process.stdout.write(`${sim.url}\n`);
      const what = rec ? `${rec.sourceName} (${rec.shows.length} session(s))` : `seed ${opts.seed}, ${opts.rooms} room(s)`;
      process.stderr.write(`luopan sim: ${sim.url} (namespace /live) ${what}, speed ${opts.speed === Infinity ? 'max' : opts.speed}\n`);
      const status = setInterval(() => {
        const line = sim.sessions().map((s) => `${s.roomId} ${s.generated}/${s.acked}${s.ended ? ' ended' : ''}`).join(' · ');
        process.stderr.write(`luopan sim: generated/acked ${line}\n`);
      }, 5000);
      await stopped;
      clearInterval(status);
      await sim.close();
      rec?.close();
    });
}
