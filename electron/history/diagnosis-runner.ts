/**
 * The console's diagnosis (`diagnosis.run`): the same report as `luopan diagnose --json`, from
 * electron/diagnosis/run.ts. What this adds is the waiting: the per-session stats that are not
 * cached yet are computed here first, one session per turn of the event loop, with a
 * `diagnosis.progress` push after each, so the engine keeps answering (and pushing the live
 * view) while a 30-day window is read for the first time. runDiagnosis then finds every
 * session cached. Concurrent runs for the same shop share one warm-up.
 */
import type Database from 'better-sqlite3';
import type { DiagnosisQuery, PushEvents, ShopChoice } from '../../shared/api/contract';
import type { DiagnosisReport } from '../../shared/diagnosis/diagnose';
import { windowDays } from '../../shared/diagnosis/window';
import { cachedStats, computeStats, STATS_ROLLUP } from '../diagnosis/load-stats';
import { checkRange, runDiagnosis } from '../diagnosis/run';
import { putRollup } from '../store/rollups';
import { getSession, listSessions } from '../store/sessions';

type Progress = PushEvents['diagnosis.progress'];

/** Shops with recorded sessions, the most recently active first. */
export function listShops(db: Database.Database): ShopChoice[] {
  const shops = new Map<string, ShopChoice>();
  for (const s of listSessions(db)) {
    if (!s.shopId) continue;
    const c = shops.get(s.shopId);
    if (c) {
      c.sessions++;
      c.lastStartedAt = Math.max(c.lastStartedAt, s.startedAt);
    } else shops.set(s.shopId, { shopId: s.shopId, sessions: 1, lastStartedAt: s.startedAt });
  }
  return [...shops.values()].sort((a, b) => b.lastStartedAt - a.lastStartedAt || a.shopId.localeCompare(b.shopId));
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class DiagnosisRunner {
  private readonly warming = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Database.Database,
    private readonly progress: (p: Progress) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The shop a query means: its own, else the shop of the newest session ('' when there is none). */
  shopOf(q: Pick<DiagnosisQuery, 'shopId'>): string {
    return q.shopId ?? listShops(this.db)[0]?.shopId ?? '';
  }

  async run(q: DiagnosisQuery): Promise<DiagnosisReport> {
    const shopId = this.shopOf(q);
    // a bad range fails before any session is read
    const range = { days: windowDays(q.window ?? '7d')!, start: q.start, end: q.end, now: this.now(), lang: q.lang };
    checkRange(range);
    await this.warm(shopId);
    return runDiagnosis(this.db, { kind: q.kind, shopId, ...range });
  }

  /** Compute and cache the stale stats of a shop's sessions, yielding between sessions. */
  private warm(shopId: string): Promise<void> {
    let p = this.warming.get(shopId);
    if (!p) {
      p = this.warmNow(shopId).finally(() => this.warming.delete(shopId));
      this.warming.set(shopId, p);
    }
    return p;
  }

  private async warmNow(shopId: string): Promise<void> {
    const rows = listSessions(this.db).filter((r) => r.shopId === shopId);
    const stale = rows.filter((r) => cachedStats(this.db, r) === null);
    const total = rows.length;
    let done = total - stale.length;
    this.progress({ done, total });
    for (const row of stale) {
      await nextTurn();
      if (!this.db.open) return;
      if (!getSession(this.db, row.sessionId)) continue; // deleted meanwhile: no orphan rollup
      const stats = computeStats(this.db, row.sessionId, row.lastSeq);
      if (!this.db.readonly) putRollup(this.db, row.sessionId, STATS_ROLLUP, row.lastSeq, stats);
      this.progress({ done: ++done, total });
    }
  }
}
