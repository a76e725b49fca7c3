/**
 * `luopan sessions --db FILE [--json]` — the recorded sessions with headline figures.
 * A table on stdout (figures formatted: 元, 万, "—" where a figure has no value), or with
 * `--json` an array of SessionSummary objects (shared/api/contract.ts) with raw numbers
 * (fen, counts). A missing, newer, corrupt or locked database: one line, exit 1.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import type { SessionSummary } from '../../../shared/api/contract';
import { sessionSummaries } from '../../history/session-summaries';
import { openStore } from '../../store/open';
import { StoreError } from '../../store/errors';
import { CliError, EXIT } from '../errors';
import { formatFen } from '../../../shared/text/money';
import { formatColumns } from '../table';

const dash = '—';
const yuan = (fen: number | null) => (fen === null ? dash : formatFen(fen));
const count = (n: number | null) => (n === null ? dash : n.toLocaleString('zh-CN'));
const time = (ms: number) => new Date(ms).toLocaleString('zh-CN', { hour12: false });
const duration = (s: number | null) => (s === null ? '直播中' : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`);

export function formatTable(rows: SessionSummary[]): string {
  const head = ['场次', '直播间', '主播', '开始', '时长', '成交金额', '观看人次', '观看人数', '最高在线', 'GPM', '订单'];
  const body = rows.map((r) => [
    r.sessionId, r.roomId, r.hostName.slice(0, 16), time(r.startedAt), duration(r.durationSec), yuan(r.gmv),
    count(r.pv), count(r.uv), count(r.peakOnline), r.gpm === null ? dash : yuan(Math.round(r.gpm)), count(r.orders),
  ]);
  return formatColumns(head, body);
}

export function register(program: Command): void {
  program
    .command('sessions')
    .description('list recorded sessions with headline figures')
    .requiredOption('--db <file>', 'SQLite database file')
    .option('--json', 'print JSON instead of a table')
    .action((opts: { db: string; json?: boolean }) => {
      if (!existsSync(opts.db)) throw new CliError(`no database at ${opts.db}`);
      let db;
      try {
        db = openStore(opts.db);
      } catch (err) {
        // a read-only file can still be listed; figures are then computed but not cached
        if (err instanceof StoreError && err.code === 'readonly') db = openStore(opts.db, { readonly: true });
        else throw err instanceof Error ? new CliError(err.message) : err;
      }
      try {
        const rows = sessionSummaries(db);
        process.stdout.write(opts.json ? JSON.stringify(rows, null, 2) + '\n' : rows.length ? formatTable(rows) : '没有录制的场次 (no sessions)\n');
      } finally {
        db.close();
      }
    });
}
