/**
 * `luopan relay [--port N] [--host H] [--token T] [--db SPOOL] [--config FILE] --input KIND[=ADDRESS] …`
 * — a durable protocol-v1 source fed by real inputs (electron/relay; docs/connect.md). Prints
 * its URL on stdout, a status line every 5 s on stderr, and stops cleanly on SIGINT/SIGTERM.
 * Exit 2 for bad usage (an unknown input, a reachable host without --token …), 1 with one line
 * when it cannot start (port in use, unusable spool, unreadable config).
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { ConfigError, loadConfig, type RelayConfig } from '../../relay/config';
import { INPUT_KINDS, InputSpecError, parseInputSpec } from '../../relay/input-spec';
import { INPUT_ENV, missingEnv, RelayConfigError, startRelay, type InputSpec, type Relay } from '../../relay/relay';
import { StoreError } from '../../store/errors';
import { checkToken, isLoopbackHost } from '../../wall/access';
import { DEFAULT_RELAY_PORT } from '../../relay/defaults';
import { CliError, EXIT, numberOption } from '../errors';
import { defaultDataDir } from './serve';

const STATUS_MS = 5000;

interface RelayCliOptions {
  port: number;
  host: string;
  token?: string;
  db?: string;
  config?: string;
  input: string[];
  keepDays: number;
}

/** `KIND[=ADDRESS]` → an input, or bad usage naming what is wrong. */
function inputOf(spec: string): InputSpec {
  try {
    return parseInputSpec(spec);
  } catch (err) {
    if (err instanceof InputSpecError) throw new CliError(err.message, EXIT.usage);
    throw err;
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function register(program: Command): void {
  program
    .command('relay')
    .description('a durable protocol-v1 source fed by real inputs: HTTP/NDJSON, stdin, Douyin capture tools, 抖店 push, 千川 reports')
    .option('--port <n>', 'port (0 = any free port)', numberOption('port', 0, 65_535, true), DEFAULT_RELAY_PORT)
    .option('--host <h>', 'address to listen on', '127.0.0.1')
    .option('--token <t>', 'clients, POST /events and GET /status must carry this token')
    .option('--db <file>', 'the spool (SQLite) file (default: relay-spool.db in the data directory)')
    .option('--config <file>', 'the config file (JSON): rooms (title, host, shop), fen per diamond, 抖店 / 千川 settings')
    .option('--input <kind[=address]>', `an input: ${INPUT_KINDS} (repeat for several)`, collect, [])
    .option('--keep-days <n>', 'delete ended sessions older than N days from the spool (0 = keep all)', numberOption('keep-days', 0, 3650, true), 7)
    .action(async (opts: RelayCliOptions) => {
      if (opts.input.length === 0) throw new CliError(`give at least one --input (${INPUT_KINDS})`, EXIT.usage);
      const inputs = opts.input.map(inputOf);
      const missing = missingEnv(inputs, process.env);
      if (missing.length) throw new CliError(`--input ${[...new Set(inputs.filter((i) => INPUT_ENV[i.kind]?.some((n) => missing.includes(n))).map((i) => i.kind))].join(', ')}: set ${missing.join(', ')} in the environment`, EXIT.usage);
      let config: RelayConfig | undefined;
      try {
        config = opts.config === undefined ? undefined : loadConfig(opts.config);
      } catch (err) {
        if (err instanceof ConfigError) throw new CliError(`--config ${err.message}`, EXIT.failure);
        throw err;
      }
      let token: string | undefined;
      try {
        token = checkToken(opts.token);
      } catch (err) {
        throw new CliError(`--token: ${(err as Error).message}`, EXIT.usage);
      }
      if (!isLoopbackHost(opts.host) && !token) throw new CliError(`--host ${opts.host} is reachable from other machines: give --token`, EXIT.usage);
      const logger = (line: string): void => void process.stderr.write(`luopan relay: ${line}\n`);
      let relay: Relay;
      try {
        relay = await startRelay({
          db: opts.db ?? join(defaultDataDir(), 'relay-spool.db'),
          port: opts.port,
          host: opts.host,
          token,
          inputs,
          config,
          keepDays: opts.keepDays,
          logger,
        });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new CliError(`port ${opts.port} is in use`, EXIT.failure);
        if (err instanceof StoreError) throw new CliError(err.message, EXIT.failure);
        if (err instanceof RelayConfigError) throw new CliError(err.message, EXIT.usage);
        throw new CliError(`cannot start: ${(err as Error).message}`, EXIT.failure);
      }
      const stopped = new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      process.stdout.write(`${relay.url}\n`);
      logger(`${relay.url} (namespace /live) · spool ${relay.status().spool.file}`);
      const status = setInterval(() => logger(relay.statusLine()), STATUS_MS);
      await stopped;
      clearInterval(status);
      await relay.close();
      logger('stopped');
    });
}
