/**
 * `luopan serve [--db FILE] [--source URL | --demo] [--host H] [--port N] [--token T]` — the
 * wall server: the engine and the screens over HTTP + socket.io for any browser. Prints one
 * line per screen (`live  http://127.0.0.1:7300/#/live`) on stdout, status on stderr; runs
 * until SIGINT/SIGTERM and then closes cleanly (exit 0). A taken port or an unusable store ⇒
 * exit 1 with one line; a reachable host without --token, or bad options ⇒ exit 2.
 */
import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { SCREEN_IDS } from '../../../shared/api/contract';
import { createBackend } from '../../backend/create-backend';
import { checkToken, isLoopbackHost, WallConfigError } from '../../wall/access';
import { startWallServer, WallListenError } from '../../wall/server';
import { CliError, EXIT, numberOption } from '../errors';

export const DEFAULT_WALL_PORT = 7300;

export interface ServeOptions {
  db?: string;
  source?: string;
  demo?: boolean;
  sourceToken?: string;
  host?: string;
  port?: number;
  token?: string;
}

/** Where the app keeps its database when no --db is given (per-user data directory). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'luopan');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'luopan');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'luopan');
}

function checkSource(url: string): void {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // reported below
  }
  if (!parsed || !['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) {
    throw new CliError(`--source must be an http(s) or ws(s) URL, got "${url.slice(0, 100)}"`, EXIT.usage);
  }
}

export async function serve(opts: ServeOptions): Promise<number> {
  if (opts.source !== undefined && opts.demo) throw new CliError('--source and --demo exclude each other', EXIT.usage);
  if (opts.source !== undefined) checkSource(opts.source);
  const host = opts.host ?? '127.0.0.1';
  let token: string | undefined;
  try {
    token = checkToken(opts.token);
  } catch (err) {
    throw new CliError(`--token: ${(err as Error).message}`, EXIT.usage);
  }
  // refuse before anything starts: the engine would begin recording for nothing
  if (!isLoopbackHost(host) && !token) {
    throw new CliError(`--host ${host} can be reached from other machines: give an access token with --token`, EXIT.usage);
  }
  const dbFile = opts.db ?? join(defaultDataDir(), 'luopan.db');
  try {
    mkdirSync(dirname(dbFile), { recursive: true });
  } catch (err) {
    throw new CliError(`cannot create ${dirname(dbFile)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }

  const log = (line: string) => process.stderr.write(`luopan serve: ${line}\n`);
  // no --source/--demo: the engine follows the saved settings, whose default source is the demo
  const engine = await createBackend({ dbFile, source: opts.demo ? 'demo' : opts.source, token: opts.sourceToken, logger: log, shell: 'wall' });
  let wall;
  try {
    wall = await startWallServer({ host, port: opts.port ?? DEFAULT_WALL_PORT, token, engine });
  } catch (err) {
    await engine.close();
    if (err instanceof WallListenError) throw new CliError(err.message, EXIT.failure);
    if (err instanceof WallConfigError) throw new CliError(err.message, EXIT.usage);
    throw err;
  }

  // listen for the stop signals before anything is printed: a script may stop us as soon as it
  // has read the URLs
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  const width = Math.max(...SCREEN_IDS.map((id) => id.length)) + 2;
  process.stdout.write(SCREEN_IDS.map((id) => `${id.padEnd(width)}${wall.screenUrls[id]}\n`).join(''));
  const state = await engine.handlers['connection.get']();
  log(`source ${state.source} · db ${dbFile} · screens at ${wall.indexUrl} · Ctrl+C stops`);

  await stopped;
  await wall.close();
  await engine.close();
  log('stopped');
  return EXIT.ok;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('wall server: the engine and the screens over HTTP for any browser (TVs, kiosks)')
    .option('--db <file>', `SQLite database file (default ${join(defaultDataDir(), 'luopan.db')})`)
    .option('--source <url>', 'stream source URL (protocol v1); default: the saved settings, i.e. the demo show')
    .option('--demo', 'run the built-in demo show (the simulator) as the source')
    .option('--source-token <token>', 'access token the stream source expects')
    .option('--host <host>', 'address to listen on; anything but loopback needs --token', '127.0.0.1')
    .option('--port <n>', `port to listen on; 0 = any free port (default ${DEFAULT_WALL_PORT})`, numberOption('port', 0, 65535, true))
    .option('--token <token>', 'access token every screen and socket must carry (?token=)')
    .action(async (opts: ServeOptions) => {
      const code = await serve(opts);
      if (code !== EXIT.ok) process.exitCode = code;
    });
}
