/**
 * `luopan export --db FILE [--session ID]` — the stored events as NDJSON on stdout, one line
 * per event, session by session in seq order (rejected events are not stored, so not exported).
 * Opens the store read-only; honours stdout back-pressure; a closed pipe (`| head`) ends the
 * export quietly. A progress bar on stderr only when stderr is a terminal.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { exportNdjson, type ExportProgress } from '../../store/ndjson';
import { openStore } from '../../store/open';

interface ExportOptions {
  db: string;
  session?: string;
}

class PipeClosed extends Error {}

function progressBar(): { update(p: ExportProgress): void; stop(): void } {
  let bar: SingleBar | null = null;
  return {
    update(p) {
      if (!process.stderr.isTTY) return;
      if (!bar) {
        bar = new SingleBar({ stream: process.stderr, format: '导出 {bar} {value}/{total} 条事件 · {sessions}/{totalSessions} 场', hideCursor: true, clearOnComplete: true });
        bar.start(p.totalEvents, 0, { sessions: 0, totalSessions: p.totalSessions });
      }
      bar.update(p.events, { sessions: p.sessions, totalSessions: p.totalSessions });
    },
    stop() {
      bar?.stop();
    },
  };
}

export async function runExport(opts: ExportOptions): Promise<void> {
  const db = openStore(opts.db, { readonly: true });
  const out = process.stdout;
  let closed = false;
  const onError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') closed = true;
  };
  out.on('error', onError);
  const write = (chunk: string): void | Promise<void> => {
    if (closed) throw new PipeClosed();
    if (!out.write(chunk)) {
      return new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('close', done);
          resolve();
        };
        out.once('drain', done);
        out.once('close', done);
      });
    }
  };
  const bar = progressBar();
  try {
    await exportNdjson(db, { sessionId: opts.session }, write, (p) => bar.update(p));
  } catch (err) {
    if (!(err instanceof PipeClosed)) throw err;
  } finally {
    bar.stop();
    out.off('error', onError);
    db.close();
  }
}

export function register(program: Command): void {
  program
    .command('export')
    .description('write the stored events as NDJSON to stdout (one event per line, session by session)')
    .requiredOption('--db <file>', 'SQLite database file')
    .option('--session <id>', 'only this session')
    .action(async (opts: ExportOptions) => {
      await runExport(opts);
    });
}
