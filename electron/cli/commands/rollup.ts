/**
 * `luopan rollup --db FILE --by room|shop|talent|agency [--start YYYY-MM-DD --end YYYY-MM-DD]
 *  [--json]` — roll-ups (明细) per room, shop, talent or agency over the sessions started in the
 * range (local days, both inclusive; open ends = every session). --json prints an array of
 * `{ key, name, sessions, liveSeconds, gmv, orders, buyers, uv, newFollowers, commission,
 * agencyShare }` (money in fen; shared/rollup/rows.ts has the definitions); otherwise a Chinese
 * table. Per-session facts are cached in the database (rollup 'facts'), so a second run reads no
 * events. Exit 1 with one line for a missing or unusable database, 2 for bad usage.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type Database from 'better-sqlite3';
import { ROLLUP_BY, type RollupBy, type RollupRow } from '../../../shared/rollup/rows';
import { parseDay } from '../../../shared/diagnosis/window';
import { rollupRows } from '../../history/session-facts';
import { openStore } from '../../store/open';
import { StoreError } from '../../store/errors';
import { CliError, EXIT } from '../errors';
import { formatColumns } from '../table';
import { formatFen } from '../../../shared/text/money';

interface RollupOptions {
  db: string;
  by: string;
  start?: string;
  end?: string;
  json?: boolean;
}

const dash = '—';
const yuan = formatFen;
const count = (n: number) => n.toLocaleString('zh-CN');
const hours = (s: number) => `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;

const KEY_HEAD: Record<RollupBy, string> = { room: '直播间', shop: '店铺', talent: '达人', agency: '机构' };

export function formatRollup(rows: RollupRow[], by: RollupBy): string {
  const head = [KEY_HEAD[by], '名称', '场次', '直播时长', '成交金额', '成交订单', '成交人数', '观看人数', '新增粉丝', '佣金', '机构分成'];
  const body = rows.map((r) => [
    r.key, r.name.slice(0, 24) || dash, count(r.sessions), hours(r.liveSeconds), yuan(r.gmv), count(r.orders), count(r.buyers),
    count(r.uv), count(r.newFollowers), yuan(r.commission), yuan(r.agencyShare),
  ]);
  return formatColumns(head, body);
}

function usage(message: string): never {
  throw new CliError(message, EXIT.usage);
}

function checkOptions(opts: RollupOptions): RollupBy {
  if (!(ROLLUP_BY as readonly string[]).includes(opts.by)) usage(`--by must be one of ${ROLLUP_BY.join(', ')}, got "${opts.by.slice(0, 40)}"`);
  for (const name of ['start', 'end'] as const) {
    const v = opts[name];
    if (v !== undefined && !parseDay(v)) usage(`--${name} must be a date YYYY-MM-DD, got "${v.slice(0, 40)}"`);
  }
  if (opts.start && opts.end && opts.start > opts.end) usage(`--start ${opts.start} is after --end ${opts.end}`);
  return opts.by as RollupBy;
}

/** Open writable (to cache facts); a read-only or busy file is still read read-only. */
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

export function rollupCommand(opts: RollupOptions): void {
  const by = checkOptions(opts);
  const db = open(opts.db);
  try {
    const rows = rollupRows(db, { by, start: opts.start, end: opts.end });
    process.stdout.write(opts.json ? `${JSON.stringify(rows, null, 2)}\n` : rows.length ? formatRollup(rows, by) : '范围内没有场次\n');
  } catch (err) {
    if (err instanceof StoreError) throw new CliError(err.message);
    throw err;
  } finally {
    db.close();
  }
}

export function register(program: Command): void {
  program
    .command('rollup')
    .description('roll-ups per room, shop, talent or agency: sessions, live time, GMV, orders, buyers, UV, new followers, commission, agency share')
    .requiredOption('--db <file>', 'SQLite database file recorded by luopan')
    .requiredOption('--by <key>', 'room | shop | talent | agency')
    .option('--start <date>', 'first day, YYYY-MM-DD local time (default: the first session)')
    .option('--end <date>', 'last day, YYYY-MM-DD local time, inclusive (default: the last session)')
    .option('--json', 'print the rows as JSON')
    .action(rollupCommand);
}
