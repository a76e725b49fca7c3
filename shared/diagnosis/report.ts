/**
 * The common part of every report: each indicator of the kind evaluated over the window, with
 * the reasons for anything null or empty.
 */
import { quantilesOf } from './benchmarks';
import type { DiagnosisContext } from './context';
import { evaluateIndicator } from './evaluate';
import type { IndicatorDef } from './indicators';
import type { ReportBase } from './types';

export function baseReport(ctx: DiagnosisContext, defs: IndicatorDef[]): ReportBase & { scores: Record<string, number | null> } {
  const reasons: ReportBase['reasons'] = {};
  const scores: Record<string, number | null> = {};
  const indicators = defs.map((def) => {
    const out = evaluateIndicator({
      def,
      current: ctx.current,
      history: ctx.history.map((h) => h.sessions),
      peer: quantilesOf(ctx.shopBenchmark, def.id),
    });
    if (Object.keys(out.notes).length) reasons[def.id] = out.notes;
    scores[def.id] = out.score;
    return out.result;
  });
  const notes: string[] = [];
  if (ctx.current.length === 0) notes.push('no sessions in window');
  if (!ctx.shopBenchmark.benchmark) notes.push(ctx.shopBenchmark.reason ?? 'no benchmark for this tier');
  if (ctx.history.length < 3) notes.push(`history holds ${ctx.history.length} window(s) with sessions; 3 needed for history percentiles`);
  return {
    kind: ctx.kind,
    window: ctx.window,
    indicators,
    shop: { id: ctx.shopId, category: ctx.shop.category, tier: ctx.shop.tier },
    days: ctx.days,
    sessions: ctx.current.map((s) => s.sessionId ?? ''),
    history: ctx.history.map((h) => h.window),
    reasons,
    notes,
    scores,
  };
}
