/**
 * `luopan import FILE.ndjson --db FILE` — sessions from NDJSON (as written by `luopan export`)
 * into the store, all or nothing: a bad line fails the whole file with `line N: reason` and
 * nothing is stored; importing the same file again stores nothing twice. A progress bar on
 * stderr only when stderr is a terminal; the summary line on stderr. The imported sessions that
 * ended get their 'stats' and 'figures' rollups computed right after, so the first diagnosis or
 * session list does not read their events again.
 */
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type Database from 'better-sqlite3';
import { refreshRollups } from '../../history/rollup-job';
import { importNdjson, NdjsonLineError, type ImportProgress } from '../../store/ndjson';
import { openStore } from '../../store/open';
import { listSessions } from '../../store/sessions';
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

/** Ended sessions that the import created or grew, given each session's last seq before it. */
function importedEnded(db: Database.Database, before: Map<string, number>): string[] {
  return listSessions(db)
    .filter((s) => s.endedAt !== null && before.get(s.sessionId) !== s.lastSeq)
    .map((s) => s.sessionId);
}

/** Compute the rollups of the sessions, with a bar on a terminal (a month of shows takes a while). */
function computeRollups(db: Database.Database, sessionIds: string[]): void {
  const bar = process.stderr.isTTY && sessionIds.length > 0
    ? new SingleBar({ stream: process.stderr, format: '汇总 {bar} {value}/{total} 场', hideCursor: true, clearOnComplete: true })
    : null;
  bar?.start(sessionIds.length, 0);
  for (const id of sessionIds) {
    refreshRollups(db, id);
    bar?.increment();
  }
  bar?.stop();
}

export async function runImport(file: string, opts: ImportOptions): Promise<void> {
  const db = openStore(opts.db);
  const bar = progressBar();
  try {
    const before = new Map(listSessions(db).map((s) => [s.sessionId, s.lastSeq]));
    const r = await importNdjson(file, db, (p) => bar.update(p));
    bar.stop();
    computeRollups(db, importedEnded(db, before));
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
