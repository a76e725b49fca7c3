/**
 * `luopan record <url> --db FILE [--token T] [--idle-exit SEC]` — the headless recorder:
 * StreamClient → SupervisedWriter (the writer worker, restarted if it dies), acking only what is committed. One status line every few
 * seconds on stderr; exit 0 after SEC seconds without a new event (or on SIGINT/SIGTERM),
 * exit 1 with one line when the store cannot be used (newer, corrupt, locked, read-only: the
 * file is left untouched) or the source refuses the token, exit 2 for bad usage.
 */
import type { Command } from 'commander';
import { StreamClient } from '../../engine/stream-client';
import { openStore } from '../../store/open';
import { SupervisedWriter } from '../../store/supervised-writer';
import { CliError, EXIT, numberOption } from '../errors';

const STATUS_MS = 3000;

interface RecordOptions {
  db: string;
  token?: string;
  idleExit?: number;
  maxMessageMib?: number;
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`<url> must be an http(s) or ws(s) URL, got "${url.slice(0, 100)}"`, EXIT.usage);
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) {
    throw new CliError(`<url> must be an http(s) or ws(s) URL, got "${url.slice(0, 100)}"`, EXIT.usage);
  }
}

export async function record(url: string, opts: RecordOptions): Promise<number> {
  checkUrl(url);
  // open once on this thread first: migrations, and a clear one-line error (newer, corrupt,
  // locked, read-only) before anything is written
  const check = openStore(opts.db);
  check.close();
  const logger = (line: string): void => void process.stderr.write(`luopan record: ${line}\n`);
  const writer = await SupervisedWriter.open(opts.db, { logger });
  const client = new StreamClient({
    url,
    token: opts.token,
    sink: writer,
    lastSeqs: await writer.lastSeqs(),
    logger,
    ...(opts.maxMessageMib ? { maxMessageBytes: opts.maxMessageMib * 1024 * 1024 } : {}),
  });
  const started = Date.now();
  let lastCount = 0;
  let lastAt = started;
  let exitCode: number = EXIT.ok;
  let finishing = false;
  let resolveFinished!: () => void;
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));
  const finish = (): void => {
    finishing = true;
    resolveFinished();
  };

  const status = setInterval(() => {
    const st = client.connectionState();
    const now = Date.now();
    const rate = ((st.eventsStored - lastCount) * 1000) / Math.max(1, now - lastAt);
    lastCount = st.eventsStored;
    lastAt = now;
    const rejected = Object.values(st.rejected).reduce((a, b) => a + b, 0);
    process.stderr.write(
      `luopan record: ${st.phase}${st.attempt ? ` (attempt ${st.attempt})` : ''} · ${Math.round(rate)} events/s · stored ${st.eventsStored} · rejected ${rejected}${st.error ? ` · ${st.error}` : ''}\n`,
    );
  }, STATUS_MS);

  const idle = setInterval(() => {
    if (opts.idleExit === undefined) return;
    const last = client.connectionState().lastEventAt ?? started;
    if (Date.now() - last >= opts.idleExit * 1000) finish();
  }, 100);

  client.on('state', (st: { phase: string; error: string | null }) => {
    if (!finishing && st.phase === 'stopped' && st.error) {
      process.stderr.write(`luopan: ${st.error}\n`);
      exitCode = EXIT.failure;
      finish();
    }
  });
  const onSignal = () => finish();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  client.start();
  await finished;

  clearInterval(status);
  clearInterval(idle);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await client.close();
  await writer.close();
  const st = client.connectionState();
  process.stderr.write(`luopan record: done · stored ${st.eventsStored} · rejected ${JSON.stringify(st.rejected)}\n`);
  return exitCode;
}

export function register(program: Command): void {
  program
    .command('record')
    .description('headless recorder: connect to a source, store every event once in SQLite, ack after commit')
    .argument('<url>', 'source URL (protocol v1, e.g. http://127.0.0.1:7001)')
    .requiredOption('--db <file>', 'SQLite database file (created when missing)')
    .option('--token <token>', 'access token the source expects')
    .option('--idle-exit <sec>', 'exit 0 after SEC seconds without a new event', numberOption('idle-exit', 0.1, 31_536_000))
    .option('--max-message-mib <n>', 'largest frame taken from the source, MiB (default 16)', numberOption('max-message-mib', 1, 1024, true))
    .action(async (url: string, opts: RecordOptions) => {
      const code = await record(url, opts);
      if (code !== EXIT.ok) process.exitCode = code;
    });
}
