/**
 * Alerts in the engine: the rules (kv `alerts.rules`), the evaluator fed with every room the
 * live view publishes (so at most 10 times a second per room, whatever the event rate), and what
 * a firing becomes — a row in SQLite with its session (migration 002), a Marker of kind 'alert'
 * on the room's trends, and the pushed event `alert.fired` that the screens show.
 *
 * Rooms rebuilt from the store at start-up are primed, not evaluated: a condition that already
 * held before a restart fired then and is not stored a second time.
 */
import type Database from 'better-sqlite3';
import { AlertEvaluator, type AlertFiring } from '../../shared/alerts/evaluator';
import { alertMessage } from '../../shared/alerts/message';
import type { AlertFired, AlertRecord } from '../../shared/alerts/records';
import { readableRules, validateRules, type AlertRule } from '../../shared/alerts/rules';
import type { Settings } from '../../shared/api/contract';
import type { ViewDelta } from '../../shared/viewmodel/delta';
import { insertAlert, listAlerts } from '../store/alerts';
import type { LiveView } from './live-view';
import { parseStored, type KvAccess } from './preferences';
import type { Logger } from '../runtime/logger';

export const ALERT_RULES_KEY = 'alerts.rules';

export interface AlertServiceDeps {
  db: Database.Database;
  kv: KvAccess;
  view: LiveView;
  settings: () => Pick<Settings, 'locale' | 'breakEvenRoi'>;
  push: (fired: AlertFired) => void;
  log?: Logger;
  now?: () => number;
  cooldownMs?: number;
}

export interface AlertService {
  getRules(): AlertRule[];
  /** Replace every rule; a bad list is refused whole with one line naming each bad rule. */
  setRules(input: unknown): AlertRule[];
  list(sessionId: string): AlertRecord[];
  /** Evaluate the rooms a published delta touched. */
  afterDelta(delta: ViewDelta): void;
  fired(): number;
}

export function createAlertService(deps: AlertServiceDeps): AlertService {
  const log = deps.log ?? (() => undefined);
  const now = deps.now ?? Date.now;
  let rules = readableRules(parseStored(deps.kv.get(ALERT_RULES_KEY)));
  const evaluator = new AlertEvaluator(rules, { cooldownMs: deps.cooldownMs });
  let count = 0;

  const ctx = () => {
    const s = deps.settings();
    return { ctx: { breakEvenRoi: s.breakEvenRoi }, locale: s.locale };
  };

  // what already holds in the rooms rebuilt from the store fired before the restart
  if (rules.length > 0) {
    const { ctx: c } = ctx();
    for (const sessionId of Object.keys(deps.view.full().rooms)) {
      const agg = deps.view.aggregator(sessionId);
      if (agg) evaluator.prime(sessionId, agg.view(), c);
    }
  }

  function record(f: AlertFiring, message: string): void {
    try {
      insertAlert(deps.db, { sessionId: f.sessionId, ts: f.ts, ruleId: f.ruleId, metric: f.metric, value: f.value, threshold: f.threshold, message });
    } catch (err) {
      // the screens still get it; only the history lacks it
      log(`alerts: could not store ${f.ruleId} of ${f.sessionId}: ${(err as Error).message}`);
    }
    const agg = deps.view.aggregator(f.sessionId);
    if (agg) {
      agg.addAlertMarker({ ts: f.ts, kind: 'alert', ref: f.ruleId, label: message });
      // no events, only "this room changed": the marker goes out with the next delta
      deps.view.apply(f.sessionId, []);
    }
    count++;
    deps.push({ ...f, message, firedAt: now() });
  }

  return {
    getRules: () => rules.map((r) => ({ ...r })),
    setRules(input) {
      const checked = validateRules(input);
      if (!checked.ok) throw new Error(`alert rules refused: ${checked.errors.join('; ')}`);
      deps.kv.put(ALERT_RULES_KEY, checked.rules);
      rules = checked.rules;
      evaluator.setRules(rules);
      return rules.map((r) => ({ ...r }));
    },
    list: (sessionId) => listAlerts(deps.db, sessionId),
    afterDelta(delta) {
      for (const id of delta.removed ?? []) evaluator.forget(id);
      if (rules.length === 0) return;
      let settings: ReturnType<typeof ctx> | null = null;
      for (const [sessionId, patch] of Object.entries(delta.rooms)) {
        if (!delta.full && !('figures' in patch) && !('ads' in patch)) continue;
        const agg = deps.view.aggregator(sessionId);
        if (!agg) continue; // not a live room (a replay's)
        settings ??= ctx();
        for (const f of evaluator.evaluate(sessionId, agg.view(), settings.ctx)) record(f, alertMessage(f, settings.locale));
      }
    },
    fired: () => count,
  };
}
