/**
 * Run a diagnosis against a SQLite store: load (and cache) the shop's session stats, then the
 * pure diagnosis of shared/diagnosis. The days come from shared/diagnosis/range.ts: a window
 * length ending on a day (default yesterday) or a free start–end range, `today` allowed.
 */
import type Database from 'better-sqlite3';
import { diagnose, type DiagnosisReport } from '../../shared/diagnosis/diagnose';
import { RangeInputError, resolveRange } from '../../shared/diagnosis/range';
import type { DiagnosisKind } from '../../shared/diagnosis/types';
import { DEFAULT_LANG, type Lang } from '../../shared/i18n/lang';
import { loadSessionStats, type LoadProgress } from './load-stats';

export interface RunDiagnosisOptions {
  kind: DiagnosisKind;
  shopId: string;
  /** window length in days; ignored when `start` is given */
  days?: number;
  /** first day, 'YYYY-MM-DD' or 'today' (a free range) */
  start?: string;
  /** last day, 'YYYY-MM-DD' or 'today', local time; default yesterday */
  end?: string;
  onProgress?: (p: LoadProgress) => void;
  /** "now" for the default end and for 'today' (tests) */
  now?: number;
  /** language of a bad-range error */
  lang?: Lang;
}

/** Throws RangeInputError (one line in `lang`) for a range that cannot be diagnosed. */
export function checkRange(opts: Pick<RunDiagnosisOptions, 'days' | 'start' | 'end' | 'now' | 'lang'>): { days: number; end: string } {
  const r = resolveRange({ days: opts.days, start: opts.start, end: opts.end }, opts.now);
  if (!r.ok) throw new RangeInputError(r.problem, opts.lang ?? DEFAULT_LANG);
  return { days: r.days, end: r.window.end };
}

export function runDiagnosis(db: Database.Database, opts: RunDiagnosisOptions): DiagnosisReport {
  const { days, end } = checkRange(opts);
  const sessions = loadSessionStats(db, { shopId: opts.shopId, onProgress: opts.onProgress });
  return diagnose({ kind: opts.kind, shopId: opts.shopId, days, end, sessions });
}
