/**
 * `luopan serve [--db FILE] [--source URL | --demo] [--host H] [--port N] [--token VIEW]
 * [--admin-token ADMIN]` — the wall server: the engine and the screens over HTTP + socket.io for
 * any browser. Prints one line per screen (`live  http://127.0.0.1:7300/#/live`) on stdout —
 * the screens with the view token, the console with the admin token — status on stderr; runs
 * until SIGINT/SIGTERM and then closes cleanly (exit 0). `generate` as a token makes a random
 * one, shown only in those lines. A taken port or an unusable store ⇒ exit 1 with one line; a
 * reachable host without --token, a token too short for it, or bad options ⇒ exit 2.
 */
import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { SCREEN_IDS } from '../../../shared/api/contract';
import { createBackend } from '../../backend/create-backend';
import { checkCredentials, generateToken, WallConfigError } from '../../wall/access';
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
  adminToken?: string;
  maxMessageMib?: number;
}

/** `generate` → a fresh random token (printed once, in the URLs, never stored). */
const GENERATE = 'generate';

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
  const generated: string[] = [];
  const tokenOf = (value: string | undefined, option: string): string | undefined => {
    if (value !== GENERATE) return value;
    generated.push(option);
    return generateToken();
  };
  const token = tokenOf(opts.token, '--token');
  const adminToken = tokenOf(opts.adminToken, '--admin-token');
  // refuse before anything starts: the engine would begin recording for nothing
  try {
    checkCredentials(host, token, adminToken);
  } catch (err) {
    throw new CliError((err as Error).message.replace(/^host /, '--host '), EXIT.usage);
  }
  const dbFile = opts.db ?? join(defaultDataDir(), 'luopan.db');
  try {
    mkdirSync(dirname(dbFile), { recursive: true });
  } catch (err) {
    throw new CliError(`cannot create ${dirname(dbFile)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }

  const log = (line: string) => process.stderr.write(`luopan serve: ${line}\n`);
  // no --source/--demo: the engine follows the saved settings, whose default source is the demo
  const engine = await createBackend({
    dbFile,
    source: opts.demo ? 'demo' : opts.source,
    token: opts.sourceToken,
    logger: log,
    shell: 'wall',
    ...(opts.maxMessageMib ? { maxMessageBytes: opts.maxMessageMib * 1024 * 1024 } : {}),
  });
  let wall;
  try {
    wall = await startWallServer({ host, port: opts.port ?? DEFAULT_WALL_PORT, token, adminToken, engine });
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
  // the big screens with the view token; the console with the admin token when there is one
  const urlOf = (id: (typeof SCREEN_IDS)[number]) => (id === 'console' ? wall.adminConsoleUrl : wall.screenUrls[id]);
  process.stdout.write(SCREEN_IDS.map((id) => `${id.padEnd(width)}${urlOf(id)}\n`).join(''));
  if (generated.length > 0) log(`generated ${generated.join(' and ')}: shown only in the URLs above, not stored — a restart makes new ones`);
  if (adminToken) log('the console URL holds the admin token: give it to whoever may change the wall, never to a screen');
  else if (token) log('no --admin-token: changes (settings, sessions, rules, layout) only from this computer; screens read only');
  const state = await engine.handlers['connection.get']();
  // the address without the token: the tokens are printed once, in the lines above
  log(`source ${state.source} · db ${dbFile} · screens at ${wall.url}/#/ · Ctrl+C stops`);

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
    .option('--max-message-mib <n>', 'largest frame taken from the stream source, MiB (default 16)', numberOption('max-message-mib', 1, 1024, true))
    .option('--host <host>', 'address to listen on; anything but loopback needs --token', '127.0.0.1')
    .option('--port <n>', `port to listen on; 0 = any free port (default ${DEFAULT_WALL_PORT})`, numberOption('port', 0, 65535, true))
    .option('--token <token>', 'view token every screen and socket must carry (?token=); ≥ 16 characters on a reachable host; "generate" makes one')
    .option('--admin-token <token>', 'admin token for changes (the console URL); without it, changes only from this computer; "generate" makes one')
    .action(async (opts: ServeOptions) => {
      const code = await serve(opts);
      if (code !== EXIT.ok) process.exitCode = code;
    });
}
