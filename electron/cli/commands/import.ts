/**
 * `luopan import FILE.ndjson --db FILE` — sessions from NDJSON (as written by `luopan export`)
 * into the store, all or nothing: a bad line fails the whole file with `line N: reason` and
 * nothing is stored; importing the same file again stores nothing twice. A progress bar on
 * stderr only when stderr is a terminal; the summary line on stderr.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { importNdjson, NdjsonLineError, type ImportProgress } from '../../store/ndjson';
import { openStore } from '../../store/open';
import { CliError, EXIT } from '../errors';

interface ImportOptions {
  db: string;
}

function progressBar(): { update(p: ImportProgress): void; stop(): void } {
  let bar: SingleBar | null = null;
  return {
    update(p) {
      if (!process.stderr.isTTY) return;
      const mb = Math.max(1, Math.round(p.totalBytes / 1048576));
      if (!bar) {
        bar = new SingleBar({ stream: process.stderr, format: '导入 {bar} {percentage}% · {lines} 条事件', hideCursor: true, clearOnComplete: true });
        bar.start(mb, 0, { lines: 0 });
      }
      bar.update(Math.min(mb, Math.round(p.bytes / 1048576)), { lines: p.lines.toLocaleString('zh-CN') });
    },
    stop() {
      bar?.stop();
    },
  };
}

export async function runImport(file: string, opts: ImportOptions): Promise<void> {
  const db = openStore(opts.db);
  const bar = progressBar();
  try {
    const r = await importNdjson(file, db, (p) => bar.update(p));
    bar.stop();
    process.stderr.write(
      `luopan import: ${r.sessions} session(s) · ${r.inserted} event(s) stored · ${r.duplicates} already present\n`,
    );
  } catch (err) {
    bar.stop();
    if (err instanceof NdjsonLineError) throw new CliError(`${file}: ${err.message}; nothing was imported`, EXIT.failure);
    throw err;
  } finally {
    db.close();
  }
}

export function register(program: Command): void {
  program
    .command('import')
    .description('import sessions from an NDJSON file (one event per line); all or nothing')
    .argument('<file>', 'NDJSON file as written by `luopan export`')
    .requiredOption('--db <file>', 'SQLite database file (created when missing)')
    .action(async (file: string, opts: ImportOptions) => {
      await runImport(file, opts);
    });
}
