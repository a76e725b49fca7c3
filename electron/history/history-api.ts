/**
 * The engine side of the console's history pages: sessions export/import, diagnosis (run,
 * shops, CSV/HTML export), the session review (page data, CSV/HTML export), comments before a
 * seq for the replay, and retention, on the engine's store connection. electron/backend/create-backend.ts routes one
 * line per API method here.
 */
import type Database from 'better-sqlite3';
import type { DiagnosisQuery, PushEvents, ReviewQuery } from '../../shared/api/contract';
import { DEFAULT_LANG } from '../../shared/i18n/lang';
import { reviewSession } from '../review/load-review';
import { reviewCsv, reviewFileName, reviewHtml } from '../review/report-files';
import { commentsBefore } from '../store/comments';
import { DiagnosisRunner, listShops } from './diagnosis-runner';
import { reportCsv, reportFileName } from './report-csv';
import { reportHtml } from './report-html';
import { startRetention, type RetentionTimer } from './retention';
import { exportPage, ImportUploads } from './transfer';
import type { Logger } from '../runtime/logger';

export interface HistoryApiOptions {
  db: Database.Database;
  dbFile: string;
  nativeBinding?: string;
  push: (progress: PushEvents['diagnosis.progress']) => void;
  retentionDays: () => number;
  /** sessions retention deleted (dropped from the live view) */
  onDeleted: (sessionIds: string[]) => void;
  log?: Logger;
}

export function createHistoryApi(opts: HistoryApiOptions) {
  const uploads = new ImportUploads({ dbFile: opts.dbFile, nativeBinding: opts.nativeBinding });
  const runner = new DiagnosisRunner(opts.db, opts.push);
  const retention: RetentionTimer = startRetention(opts.db, { retentionDays: opts.retentionDays, onDeleted: opts.onDeleted, log: opts.log });

  return {
    exportPage: (q: { sessionId: string; afterSeq: number; maxEvents?: number }) => exportPage(opts.db, q.sessionId, q.afterSeq, q.maxEvents),
    importBegin: () => uploads.begin(),
    importChunk: (id: string, text: string) => uploads.chunk(id, text),
    importCommit: (id: string) => uploads.commit(id),
    importAbort: (id: string) => uploads.abort(id),
    shops: () => listShops(opts.db),
    run: (q: DiagnosisQuery) => runner.run(q),
    async exportReport(q: DiagnosisQuery, format: 'csv' | 'html') {
      const report = await runner.run(q);
      return format === 'csv'
        ? { fileName: reportFileName(report, 'csv'), mime: 'text/csv;charset=utf-8', text: reportCsv(report) }
        : { fileName: reportFileName(report, 'html'), mime: 'text/html;charset=utf-8', text: reportHtml(report) };
    },
    review: (q: ReviewQuery) => reviewSession(opts.db, q.sessionId, { compare: q.compare, lang: q.lang ?? DEFAULT_LANG }),
    exportReview(q: ReviewQuery, format: 'csv' | 'html') {
      const lang = q.lang ?? DEFAULT_LANG;
      const page = reviewSession(opts.db, q.sessionId, { compare: q.compare, lang });
      return format === 'csv'
        ? { fileName: reviewFileName(page, 'csv'), mime: 'text/csv;charset=utf-8', text: reviewCsv(page, lang) }
        : { fileName: reviewFileName(page, 'html'), mime: 'text/html;charset=utf-8', text: reviewHtml(page, lang) };
    },
    comments: (q: { sessionId: string; beforeSeq: number; limit?: number }) => commentsBefore(opts.db, q.sessionId, q.beforeSeq, q.limit),
    /** the setting changed: apply it now rather than at the next daily run */
    retentionChanged: () => retention.runNow(),
    close() {
      retention.stop();
      uploads.close();
    },
  };
}
export type HistoryApi = ReturnType<typeof createHistoryApi>;
