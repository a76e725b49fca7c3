/**
 * `luopan review --db FILE --session ID [--compare N] [--json] [--lang zh-CN|en]` — the review
 * of one session (复盘, issue 13) from SQLite alone: headline figures (the live screen's metric
 * ids), the per-minute series, the explanation table, traffic per channel, the comparison with
 * the room's previous session and the median of its last N (default 7), and rule-based findings.
 * --json prints exactly the SessionReview object (shared/review/types.ts); otherwise tables in
 * `--lang`. A live session is reviewed as it stands (no comparison). Exit 1 with one line for a
 * missing database or an unknown session, 2 for bad usage.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type Database from 'better-sqlite3';
import { DEFAULT_COMPARE, MAX_COMPARE } from '../../../shared/review/compare';
import type { Lang } from '../../../shared/i18n/lang';
import { reviewSession, ReviewInputError } from '../../review/load-review';
import { formatReview } from '../../review/report-text';
import { openStore } from '../../store/open';
import { StoreError } from '../../store/errors';
import { CliError, EXIT } from '../errors';
import { cliError, LANG_HELP, langOf } from '../lang';

interface ReviewOptions {
  db: string;
  session: string;
  compare?: string;
  json?: boolean;
  lang?: string;
}

function open(file: string, lang: Lang): Database.Database {
  if (!existsSync(file)) throw cliError(lang, { 'zh-CN': `数据库 ${file} 不存在`, en: `database ${file} does not exist` });
  try {
    return openStore(file);
  } catch (err) {
    // a read-only or busy file is still reviewable; the review is then not cached
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

export function reviewCommand(opts: ReviewOptions): void {
  const lang = langOf(opts.lang);
  let compare = DEFAULT_COMPARE;
  if (opts.compare !== undefined) {
    compare = Number(opts.compare);
    if (!Number.isInteger(compare) || compare < 1 || compare > MAX_COMPARE) {
      const got = opts.compare.slice(0, 40);
      throw cliError(lang, { 'zh-CN': `--compare 应为 1 到 ${MAX_COMPARE} 的整数，收到 "${got}"`, en: `--compare must be an integer from 1 to ${MAX_COMPARE}, got "${got}"` }, EXIT.usage);
    }
  }
  if (opts.session.trim() === '') throw cliError(lang, { 'zh-CN': '--session 不能为空', en: '--session must not be empty' }, EXIT.usage);
  const db = open(opts.db, lang);
  try {
    const page = reviewSession(db, opts.session, { compare, lang });
    process.stdout.write(opts.json ? `${JSON.stringify(page.review, null, 2)}\n` : formatReview(page, lang));
  } catch (err) {
    if (err instanceof ReviewInputError || err instanceof StoreError) throw new CliError(err.message);
    throw err;
  } finally {
    db.close();
  }
}

export function register(program: Command): void {
  program
    .command('review')
    .description('review one session: headline figures, minutes, explanations, channels, comparison and findings')
    .requiredOption('--db <file>', 'SQLite database file recorded by luopan')
    .requiredOption('--session <id>', 'session id (luopan sessions lists them)')
    .option('--compare <n>', `sessions in the room's median (default ${DEFAULT_COMPARE})`)
    .option('--json', 'print the review as JSON')
    .option('--lang <lang>', LANG_HELP)
    .action(reviewCommand);
}
