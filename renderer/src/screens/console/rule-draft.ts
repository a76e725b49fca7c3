/**
 * The rule editor's rows and the rules they stand for. A person types thresholds in the unit
 * they read on the screens (元 for money, % for rates), the engine compares raw figures (fen,
 * fractions): the conversion lives here, checked by the same validation as the engine's
 * (shared/alerts/rules.ts), so each row shows its own reason before anything is sent.
 */
import { checkRule, planOf, type AlertKind, type AlertRule } from '../../../../shared/alerts/rules';
import { GLOSSARY, type MetricId } from '../../../../shared/metrics/glossary';

export interface RuleDraft {
  id: string;
  metric: string;
  kind: AlertKind;
  /** as typed, in the display unit */
  threshold: string;
  windowMin: string;
  /** '' = every room */
  roomId: string;
  enabled: boolean;
}

/** How many raw units one display unit is: 100 fen per 元, 0.01 per % of a rate. */
export function displayScale(metric: string, kind: AlertKind): number {
  if (kind === 'drop_pct' || kind === 'roi_below_break_even' || planOf(metric) !== null) return 1;
  const unit = GLOSSARY[metric as MetricId]?.unit;
  if (unit === 'fen') return 100;
  if (unit === 'rate') return 0.01;
  return 1;
}

/** Display-unit suffix of the threshold field. */
export function displayUnit(metric: string, kind: AlertKind, locale: 'zh-CN' | 'en'): string {
  if (kind === 'drop_pct') return '%';
  if (kind === 'roi_below_break_even') return '';
  const unit = planOf(metric) !== null ? 'ratio' : GLOSSARY[metric as MetricId]?.unit;
  if (unit === 'fen') return locale === 'en' ? 'yuan' : '元';
  if (unit === 'rate') return '%';
  return '';
}

/** Round away binary noise of the scaling (0.035 × 100 = 3.5000000000000004). */
const clean = (v: number): number => Number(v.toPrecision(12));

export function draftOf(rule: AlertRule): RuleDraft {
  const scale = displayScale(rule.metric, rule.kind);
  return {
    id: rule.id,
    metric: rule.metric,
    kind: rule.kind,
    threshold: rule.threshold === null ? '' : String(clean(rule.threshold / scale)),
    windowMin: rule.windowMin === undefined ? '' : String(rule.windowMin),
    roomId: rule.roomId ?? '',
    enabled: rule.enabled,
  };
}

/** The rule of a row, or the reason it is not one (the engine's own words). */
export function ruleOf(d: RuleDraft): { ok: true; rule: AlertRule } | { ok: false; reason: string } {
  const raw: Record<string, unknown> = { id: d.id, metric: d.metric, kind: d.kind, roomId: d.roomId.trim() || null, enabled: d.enabled };
  if (d.kind !== 'roi_below_break_even') {
    const typed = d.threshold.trim();
    const n = typed === '' ? null : Number(typed);
    raw.threshold = n === null ? null : Number.isFinite(n) ? clean(n * displayScale(d.metric, d.kind)) : typed;
  }
  if (d.kind === 'drop_pct') raw.windowMin = d.windowMin.trim() === '' ? undefined : Number(d.windowMin);
  return checkRule(raw);
}

let counter = 0;
/** A fresh row: online dropping 30 % within a minute, the example of docs/product.md. */
export function newDraft(now = Date.now()): RuleDraft {
  counter++;
  return { id: `r${now.toString(36)}${counter}`, metric: 'online', kind: 'drop_pct', threshold: '30', windowMin: '1', roomId: '', enabled: true };
}
