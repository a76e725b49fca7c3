/**
 * Alert rules: what an operator asks to be warned about. A rule watches one metric of the
 * glossary (or the ROI of ad plans) in every room or in one, and fires when
 * - `above` / `below`: the figure goes above / below `threshold` (raw units: fen, fractions…);
 * - `drop_pct`: the figure fell by `threshold` percent or more from its highest value within the
 *   last `windowMin` minutes (e.g. online down 30 % within 1 minute);
 * - `roi_below_break_even`: an ROI is under the shop's break-even ROI (settings.breakEvenRoi,
 *   read when evaluating, so changing the setting applies at once; the rule has no threshold).
 *
 * Validation is strict and explains itself: each bad rule gets one line naming the rule and the
 * reason, so the console can show it next to the row and the API error names every bad rule.
 */
import { z } from 'zod';
import { METRIC_IDS, type MetricId } from '../metrics/glossary';

export const ALERT_KINDS = ['above', 'below', 'drop_pct', 'roi_below_break_even'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** `plan_roi:<planId>` watches one ad plan's ROI; `plan_roi:*` every plan of the room, each on its own. */
export const PLAN_ROI_PREFIX = 'plan_roi:';
export const ANY_PLAN_ROI = 'plan_roi:*';
export type AlertMetric = MetricId | `plan_roi:${string}`;

export interface AlertRule {
  id: string;
  metric: AlertMetric;
  kind: AlertKind;
  /** raw units of the metric (above/below), percent (drop_pct), null for roi_below_break_even */
  threshold: number | null;
  /** minutes of the drop_pct window */
  windowMin?: number;
  /** null = every room */
  roomId: string | null;
  enabled: boolean;
}

export const MAX_RULES = 100;
export const MAX_WINDOW_MIN = 120;

const METRIC_SET = new Set<string>(METRIC_IDS);
const PLAN_ID = /^plan_roi:(\*|[^\s*]{1,128})$/;

/** The plan a `plan_roi:` metric names ('*' for every plan), or null for a glossary metric. */
export function planOf(metric: string): string | null {
  return metric.startsWith(PLAN_ROI_PREFIX) ? metric.slice(PLAN_ROI_PREFIX.length) : null;
}

export function isAlertMetric(metric: string): metric is AlertMetric {
  return METRIC_SET.has(metric) || PLAN_ID.test(metric);
}

const ruleShape = z.object({
  id: z.string('id is required (text)').regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'id must be 1–64 letters, digits or _ . : -'),
  metric: z.string('metric is required (a glossary metric id or plan_roi:…)').refine(isAlertMetric, 'metric must be a glossary metric id or plan_roi:<planId> / plan_roi:*'),
  kind: z.enum(ALERT_KINDS, 'kind must be above, below, drop_pct or roi_below_break_even'),
  threshold: z.number('threshold must be a number').finite('threshold must be finite').nullable().optional(),
  windowMin: z.number('windowMin must be a number').int('windowMin must be whole minutes').min(1, 'windowMin must be at least 1').max(MAX_WINDOW_MIN, `windowMin must be at most ${MAX_WINDOW_MIN}`).optional(),
  roomId: z.string().min(1, 'roomId must not be empty (null = every room)').max(256, 'roomId is longer than 256 characters').nullable().optional(),
  enabled: z.boolean('enabled must be true or false').optional(),
}).strict();

/** The reason a rule that has the right shape still makes no sense, or null. */
function meaningProblem(r: z.infer<typeof ruleShape>): string | null {
  const plan = planOf(r.metric) !== null;
  const threshold = r.threshold ?? null;
  switch (r.kind) {
    case 'above':
    case 'below':
      if (threshold === null) return `threshold is required for ${r.kind}`;
      break;
    case 'drop_pct':
      if (threshold === null || threshold <= 0 || threshold > 100) return 'threshold of drop_pct is a percentage in (0, 100]';
      if (r.windowMin === undefined) return 'windowMin (minutes) is required for drop_pct';
      break;
    case 'roi_below_break_even':
      if (!plan && r.metric !== 'ad_roi') return 'roi_below_break_even watches ad_roi or plan_roi:…';
      if (threshold !== null) return 'roi_below_break_even takes no threshold (it uses the break-even ROI setting)';
      break;
  }
  if (r.kind !== 'drop_pct' && r.windowMin !== undefined) return `windowMin applies to drop_pct only, not ${r.kind}`;
  return null;
}

export type RuleCheck = { ok: true; rule: AlertRule } | { ok: false; reason: string };

/** One rule: the normalised rule or the reason it is refused (without the rule's name). */
export function checkRule(input: unknown): RuleCheck {
  const parsed = ruleShape.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return { ok: false, reason: 'invalid rule' };
    if (issue.code === 'unrecognized_keys') return { ok: false, reason: `unknown field ${issue.keys.join(', ')}` };
    if (issue.code === 'invalid_type' && issue.path.length === 0) return { ok: false, reason: 'a rule must be an object' };
    const field = issue.path.join('.');
    return { ok: false, reason: issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}` };
  }
  const problem = meaningProblem(parsed.data);
  if (problem) return { ok: false, reason: problem };
  const d = parsed.data;
  const rule: AlertRule = {
    id: d.id,
    metric: d.metric as AlertMetric,
    kind: d.kind,
    threshold: d.threshold ?? null,
    roomId: d.roomId ?? null,
    enabled: d.enabled ?? true,
  };
  if (d.windowMin !== undefined) rule.windowMin = d.windowMin;
  return { ok: true, rule };
}

export type RulesCheck = { ok: true; rules: AlertRule[] } | { ok: false; errors: string[] };

/** A whole rule list: every rule valid and ids unique, else one line per bad rule. */
export function validateRules(input: unknown): RulesCheck {
  if (!Array.isArray(input)) return { ok: false, errors: ['alert rules must be a list'] };
  if (input.length > MAX_RULES) return { ok: false, errors: [`at most ${MAX_RULES} alert rules (got ${input.length})`] };
  const errors: string[] = [];
  const rules: AlertRule[] = [];
  const seen = new Set<string>();
  input.forEach((raw, i) => {
    const id = raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id.slice(0, 64) : null;
    const name = `rule ${i + 1}${id ? ` (${id})` : ''}`;
    const one = checkRule(raw);
    if (!one.ok) errors.push(`${name}: ${one.reason}`);
    else if (seen.has(one.rule.id)) errors.push(`${name}: duplicate id`);
    else {
      seen.add(one.rule.id);
      rules.push(one.rule);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rules };
}

/** Stored rules read back forgivingly: the valid ones are kept, the rest dropped (a hand-edited kv never stops the app). */
export function readableRules(input: unknown): AlertRule[] {
  if (!Array.isArray(input)) return [];
  const seen = new Set<string>();
  const out: AlertRule[] = [];
  for (const raw of input.slice(0, MAX_RULES)) {
    const one = checkRule(raw);
    if (one.ok && !seen.has(one.rule.id)) {
      seen.add(one.rule.id);
      out.push(one.rule);
    }
  }
  return out;
}
