/**
 * Run a diagnosis against a SQLite store: load (and cache) the shop's session stats, then the
 * pure diagnosis of shared/diagnosis.
 */
import type Database from 'better-sqlite3';
import { diagnose, type DiagnosisReport } from '../../shared/diagnosis/diagnose';
import type { DiagnosisKind } from '../../shared/diagnosis/types';
import { yesterday } from '../../shared/diagnosis/window';
import { loadSessionStats, type LoadProgress } from './load-stats';

export interface RunDiagnosisOptions {
  kind: DiagnosisKind;
  shopId: string;
  days: number;
  /** 'YYYY-MM-DD', local time; default yesterday */
  end?: string;
  onProgress?: (p: LoadProgress) => void;
  /** "now" for the default end (tests) */
  now?: number;
}

export function runDiagnosis(db: Database.Database, opts: RunDiagnosisOptions): DiagnosisReport {
  const sessions = loadSessionStats(db, { shopId: opts.shopId, onProgress: opts.onProgress });
  return diagnose({
    kind: opts.kind,
    shopId: opts.shopId,
    days: opts.days,
    end: opts.end ?? yesterday(opts.now),
    sessions,
  });
}
