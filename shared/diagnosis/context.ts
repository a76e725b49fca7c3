/**
 * Window assembly: from all of a shop's session stats, the sessions of one diagnosis kind in the
 * window, the history windows holding ≥ 1 such session, the previous window, the shop's
 * category/tier and every benchmark seen.
 */
import { allBenchmarks, shopBenchmark, type BenchmarkPick } from './benchmarks';
import { sessionInKind } from './indicators';
import { dayOf, historyWindows, inWindow, previousWindow, windowEnding } from './window';
import type { BenchmarkSeen, DayWindow, DiagnosisKind, SessionStats } from './types';

export interface DiagnoseInput {
  kind: DiagnosisKind;
  shopId: string;
  /** window length in days (1, 7, 30, or any positive length) */
  days: number;
  /** last day of the window, 'YYYY-MM-DD' local time */
  end: string;
  /** the shop's sessions (any kind, any time; others are ignored) */
  sessions: SessionStats[];
}

export interface WindowSessions {
  window: DayWindow;
  sessions: SessionStats[];
}

export interface DiagnosisContext {
  kind: DiagnosisKind;
  days: number;
  shopId: string;
  shop: { category: string | null; tier: string | null };
  window: DayWindow;
  /** the kind's sessions in the window, in start order */
  current: SessionStats[];
  /** every shop session in the window (all kinds), in start order */
  shopCurrent: SessionStats[];
  /** every shop session on record, in start order */
  shopSessions: SessionStats[];
  history: WindowSessions[];
  previous: WindowSessions;
  benchmarks: BenchmarkSeen[];
  shopBenchmark: BenchmarkPick;
}

const byStart = (a: SessionStats, b: SessionStats) =>
  (a.startedAt ?? 0) - (b.startedAt ?? 0) || (a.sessionId ?? '').localeCompare(b.sessionId ?? '');

export function buildContext(input: DiagnoseInput): DiagnosisContext {
  const shopSessions = input.sessions
    .filter((s) => s.shop?.id === input.shopId && s.startedAt !== null)
    .sort(byStart);
  const day = new Map<SessionStats, string>(shopSessions.map((s) => [s, dayOf(s.startedAt!)]));
  const kindSessions = shopSessions.filter((s) => sessionInKind(input.kind, s));
  const window = windowEnding(input.end, input.days);
  const within = (w: DayWindow, list: SessionStats[]) => list.filter((s) => inWindow(day.get(s)!, w));

  const firstDay = kindSessions.length ? day.get(kindSessions[0]!)! : null;
  const history = historyWindows(window, input.days, firstDay)
    .map((w) => ({ window: w, sessions: within(w, kindSessions) }))
    .filter((h) => h.sessions.length > 0);
  const prevWindow = previousWindow(window, input.days);

  // the shop's category and tier as its latest session states them
  const latest = shopSessions.at(-1)?.shop ?? null;
  const shop = { category: latest?.category ?? null, tier: latest?.tier ?? null };
  const benchmarks = allBenchmarks(shopSessions);
  return {
    kind: input.kind,
    days: input.days,
    shopId: input.shopId,
    shop,
    window,
    current: within(window, kindSessions),
    shopCurrent: within(window, shopSessions),
    shopSessions,
    history,
    previous: { window: prevWindow, sessions: within(prevWindow, kindSessions) },
    benchmarks,
    shopBenchmark: shopBenchmark(benchmarks, shop.category, shop.tier, input.days),
  };
}
