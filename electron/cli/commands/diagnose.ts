/**
 * `luopan diagnose --db FILE --kind self|talent|service --shop ID --window 1d|7d|30d
 *  [--end YYYY-MM-DD] [--json]` — the post-show diagnosis (PRODUCT.md "Post-show diagnosis").
 * --json prints the report object (kind, window, indicators[…], and the kind's sections);
 * otherwise a Chinese table. Per-session stats are cached in the database as rollups, so the
 * first run over a long window reads every event once (a progress bar on a terminal) and later
 * runs are fast. Exit 1 with one line for a missing or unusable database, 2 for bad usage.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type Database from 'better-sqlite3';
import { SingleBar } from 'cli-progress';
import { runDiagnosis } from '../../diagnosis/run';
import { formatReport } from '../../diagnosis/format-text';
import type { LoadProgress } from '../../diagnosis/load-stats';
import { parseDay, windowDays } from '../../../shared/diagnosis/window';
import type { DiagnosisKind } from '../../../shared/diagnosis/types';
import { openStore } from '../../store/open';
import { StoreError } from '../../store/errors';
import { CliError, EXIT } from '../errors';

interface DiagnoseOptions {
  db: string;
  kind: string;
  shop: string;
  window: string;
  end?: string;
  json?: boolean;
}

const KINDS = ['self', 'talent', 'service'];
const WINDOWS = ['1d', '7d', '30d'];
/** show the bar only when loading takes longer than this */
const BAR_AFTER_MS = 500;

function usage(message: string): never {
  throw new CliError(message, EXIT.usage);
}

function checkOptions(opts: DiagnoseOptions): { kind: DiagnosisKind; days: number } {
  if (!KINDS.includes(opts.kind)) usage(`--kind must be one of ${KINDS.join(', ')}, got "${opts.kind.slice(0, 40)}"`);
  if (!WINDOWS.includes(opts.window)) usage(`--window must be one of ${WINDOWS.join(', ')}, got "${opts.window.slice(0, 40)}"`);
  if (opts.end !== undefined && !parseDay(opts.end)) usage(`--end must be a date YYYY-MM-DD, got "${opts.end.slice(0, 40)}"`);
  if (opts.shop.trim() === '') usage('--shop must not be empty');
  return { kind: opts.kind as DiagnosisKind, days: windowDays(opts.window)! };
}

/** Open writable (to cache rollups); a read-only or busy file is still diagnosable read-only. */
function open(file: string): Database.Database {
  if (!existsSync(file)) throw new CliError(`database ${file} does not exist`);
  try {
    return openStore(file);
  } catch (err) {
    if (err instanceof StoreError && (err.code === 'readonly' || err.code === 'locked')) {
      try {
        return openStore(file, { readonly: true });
      } catch (again) {
        throw new CliError(again instanceof Error ? again.message : String(again));
      }
    }
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
}

/** A progress bar on stderr, shown only on a terminal and only once loading is slow. */
function progressReporter(): { onProgress: (p: LoadProgress) => void; stop: () => void } {
  const started = Date.now();
  let bar: SingleBar | null = null;
  return {
    onProgress(p) {
      if (!process.stderr.isTTY) return;
      if (!bar && Date.now() - started < BAR_AFTER_MS) return;
      if (!bar) {
        bar = new SingleBar({ stream: process.stderr, format: '诊断数据 {bar} {value}/{total} 场 · {events} 条事件', hideCursor: true, clearOnComplete: true });
        bar.start(p.total, p.done, { events: p.events.toLocaleString('zh-CN') });
      }
      bar.update(p.done, { events: p.events.toLocaleString('zh-CN') });
    },
    stop() {
      bar?.stop();
    },
  };
}

export async function diagnoseCommand(opts: DiagnoseOptions): Promise<void> {
  const { kind, days } = checkOptions(opts);
  const db = open(opts.db);
  const progress = progressReporter();
  try {
    const report = runDiagnosis(db, { kind, shopId: opts.shop, days, end: opts.end, onProgress: progress.onProgress });
    progress.stop();
    process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  } catch (err) {
    progress.stop();
    if (err instanceof StoreError) throw new CliError(err.message);
    throw err;
  } finally {
    db.close();
  }
}

export function register(program: Command): void {
  program
    .command('diagnose')
    .description('post-show diagnosis of a shop: self-broadcast, talent co-broadcast or service, with verdicts and TOP3 sessions')
    .requiredOption('--db <file>', 'SQLite database file recorded by luopan')
    .requiredOption('--kind <kind>', 'self | talent | service')
    .requiredOption('--shop <id>', 'shop id')
    .requiredOption('--window <len>', '1d | 7d | 30d')
    .option('--end <date>', 'last day of the window, YYYY-MM-DD local time (default: yesterday)')
    .option('--json', 'print the report as JSON')
    .action(diagnoseCommand);
}
