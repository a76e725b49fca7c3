/**
 * `luopan sim [--port N] [--seed S] [--speed X] [--rooms K] [--duration MIN] [--token T]` — the
 * show simulator as a protocol-v1 socket.io source on 127.0.0.1. Prints its URL on stdout, a
 * status line every 5 s on stderr, and stops cleanly on SIGINT/SIGTERM (or, with --duration,
 * once every show and its after-sale has been acked).
 */
import type { Command } from 'commander';
import { startSimServer } from '../../sim/server';
import { CliError, EXIT, numberOption } from '../errors';

interface SimCliOptions {
  port: number;
  seed: number;
  speed: number;
  rooms: number;
  duration?: number;
  token?: string;
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
    .action(async (opts: SimCliOptions) => {
      let sim;
      try {
        sim = await startSimServer({ port: opts.port, seed: opts.seed, speed: opts.speed, rooms: opts.rooms, durationMin: opts.duration, token: opts.token });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliError(code === 'EADDRINUSE' ? `port ${opts.port} is in use` : `cannot start: ${(err as Error).message}`, EXIT.failure);
      }
      // listen for the stop signals before printing the URL: a script may stop us as soon as it read it
      const stopped = new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
        if (opts.duration !== undefined) void sim.finished.then(resolve);
      });
      process.stdout.write(`${sim.url}\n`);
      process.stderr.write(`luopan sim: ${sim.url} (namespace /live) seed ${opts.seed}, ${opts.rooms} room(s), speed ${opts.speed === Infinity ? 'max' : opts.speed}\n`);
      const status = setInterval(() => {
        const line = sim.sessions().map((s) => `${s.roomId} ${s.generated}/${s.acked}${s.ended ? ' ended' : ''}`).join(' · ');
        process.stderr.write(`luopan sim: generated/acked ${line}\n`);
      }, 5000);
      await stopped;
      clearInterval(status);
      await sim.close();
    });
}
