/**
 * `luopan diagnose --db FILE --kind self|talent|service --shop ID
 *  (--window 1d|7d|30d [--end YYYY-MM-DD|today] | --start YYYY-MM-DD|today [--end YYYY-MM-DD|today])
 *  [--json] [--lang zh-CN|en]` — the post-show diagnosis (docs/product.md "Post-show diagnosis").
 * --json prints the report object (kind, window, indicators[…], and the kind's sections);
 * otherwise a table in `--lang`. A free range's history is the previous windows of the same
 * length. Per-session stats are cached in the database as rollups, so the first run over a long
 * window reads every event once (a progress bar on a terminal) and later runs are fast.
 * Exit 2 for bad usage; exit 1 with one line for a missing or unusable database, an end before
 * the start or an end after today.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type Database from 'better-sqlite3';
import { SingleBar } from 'cli-progress';
import { checkRange, runDiagnosis } from '../../diagnosis/run';
import { formatReport } from '../../diagnosis/format-text';
import type { LoadProgress } from '../../diagnosis/load-stats';
import { RangeInputError, resolveDay } from '../../../shared/diagnosis/range';
import { windowDays } from '../../../shared/diagnosis/window';
import type { DiagnosisKind } from '../../../shared/diagnosis/types';
import type { Lang } from '../../../shared/i18n/lang';
import { openStore } from '../../store/open';
import { StoreError } from '../../store/errors';
import { CliError, EXIT } from '../errors';
import { cliError, LANG_HELP, langOf } from '../lang';

interface DiagnoseOptions {
  db: string;
  kind: string;
  shop: string;
  window?: string;
  start?: string;
  end?: string;
  json?: boolean;
  lang?: string;
}

const KINDS = ['self', 'talent', 'service'];
const WINDOWS = ['1d', '7d', '30d'];
/** show the bar only when loading takes longer than this */
const BAR_AFTER_MS = 500;

interface Checked {
  kind: DiagnosisKind;
  days?: number;
  start?: string;
  end?: string;
  lang: Lang;
}

function checkOptions(opts: DiagnoseOptions): Checked {
  const lang = langOf(opts.lang);
  const usage = (zh: string, en: string): never => {
    throw cliError(lang, { 'zh-CN': zh, en }, EXIT.usage);
  };
  const got = (v: string) => v.slice(0, 40);
  if (!KINDS.includes(opts.kind)) usage(`--kind 应为 ${KINDS.join('、')} 之一，收到 "${got(opts.kind)}"`, `--kind must be one of ${KINDS.join(', ')}, got "${got(opts.kind)}"`);
  if (opts.window !== undefined && opts.start !== undefined) usage('--window 与 --start 只能选一个（--start … --end … 即自定义范围）', 'give either --window or --start (--start … --end … is a free range), not both');
  if (opts.window === undefined && opts.start === undefined) usage('需要 --window 1d|7d|30d 或 --start YYYY-MM-DD', '--window 1d|7d|30d or --start YYYY-MM-DD is required');
  if (opts.window !== undefined && !WINDOWS.includes(opts.window)) usage(`--window 应为 ${WINDOWS.join('、')} 之一，收到 "${got(opts.window)}"`, `--window must be one of ${WINDOWS.join(', ')}, got "${got(opts.window)}"`);
  for (const [name, v] of [['start', opts.start], ['end', opts.end]] as const) {
    if (v !== undefined && resolveDay(v) === null) usage(`--${name} 应为日期 YYYY-MM-DD 或 today，收到 "${got(v)}"`, `--${name} must be a date YYYY-MM-DD or today, got "${got(v)}"`);
  }
  if (opts.shop.trim() === '') usage('--shop 不能为空', '--shop must not be empty');
  const checked: Checked = { kind: opts.kind as DiagnosisKind, start: opts.start, end: opts.end, lang, days: opts.window ? windowDays(opts.window)! : undefined };
  try {
    checkRange(checked); // an end before the start or after today: one line, exit 1
  } catch (err) {
    if (err instanceof RangeInputError) throw new CliError(err.message, EXIT.failure);
    throw err;
  }
  return checked;
}

/** Open writable (to cache rollups); a read-only or busy file is still diagnosable read-only. */
function open(file: string, lang: Lang): Database.Database {
  if (!existsSync(file)) throw cliError(lang, { 'zh-CN': `数据库 ${file} 不存在`, en: `database ${file} does not exist` });
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
function progressReporter(lang: Lang): { onProgress: (p: LoadProgress) => void; stop: () => void } {
  const started = Date.now();
  let bar: SingleBar | null = null;
  const format = lang === 'en' ? 'diagnosis data {bar} {value}/{total} sessions · {events} events' : '诊断数据 {bar} {value}/{total} 场 · {events} 条事件';
  return {
    onProgress(p) {
      if (!process.stderr.isTTY) return;
      if (!bar && Date.now() - started < BAR_AFTER_MS) return;
      if (!bar) {
        bar = new SingleBar({ stream: process.stderr, format, hideCursor: true, clearOnComplete: true });
        bar.start(p.total, p.done, { events: p.events.toLocaleString(lang) });
      }
      bar.update(p.done, { events: p.events.toLocaleString(lang) });
    },
    stop() {
      bar?.stop();
    },
  };
}

export async function diagnoseCommand(opts: DiagnoseOptions): Promise<void> {
  const checked = checkOptions(opts);
  const db = open(opts.db, checked.lang);
  const progress = progressReporter(checked.lang);
  try {
    const report = runDiagnosis(db, { kind: checked.kind, shopId: opts.shop, days: checked.days, start: checked.start, end: checked.end, lang: checked.lang, onProgress: progress.onProgress });
    progress.stop();
    process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  } catch (err) {
    progress.stop();
    if (err instanceof StoreError || err instanceof RangeInputError) throw new CliError(err.message);
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
    .option('--window <len>', '1d | 7d | 30d (or give --start for a free range)')
    .option('--start <date>', 'first day of a free range, YYYY-MM-DD or today, local time')
    .option('--end <date>', 'last day of the window, YYYY-MM-DD or today, local time (default: yesterday)')
    .option('--json', 'print the report as JSON')
    .option('--lang <lang>', LANG_HELP)
    .action(diagnoseCommand);
}
