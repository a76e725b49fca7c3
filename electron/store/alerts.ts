/**
 * The `alerts` table (migration 002): fired alerts kept with their session — written by the
 * engine's connection (alerts are rare, a single INSERT), read back for `alerts.list` and the
 * replay's markers, and deleted with the session (./sessions.ts deleteSession).
 */
import type Database from 'better-sqlite3';
import { screenOfMetric } from '../../shared/alerts/owner';
import type { AlertRecord } from '../../shared/alerts/records';
import { isAlertMetric } from '../../shared/alerts/rules';
import { stmt } from './statements';

export const MAX_LISTED_ALERTS = 10_000;

export function insertAlert(db: Database.Database, a: Omit<AlertRecord, 'screen'>): void {
  stmt(db, 'INSERT INTO alerts (session_id, ts, rule_id, metric, value, threshold, message) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    a.sessionId,
    a.ts,
    a.ruleId,
    a.metric,
    a.value,
    a.threshold,
    a.message,
  );
}

/** A session's alerts in the order they fired (at most MAX_LISTED_ALERTS, the newest). */
export function listAlerts(db: Database.Database, sessionId: string): AlertRecord[] {
  const rows = stmt(db, 'SELECT session_id, ts, rule_id, metric, value, threshold, message FROM alerts WHERE session_id = ? ORDER BY ts DESC, rowid DESC LIMIT ?')
    .all(sessionId, MAX_LISTED_ALERTS) as { session_id: string; ts: number; rule_id: string; metric: string; value: number; threshold: number; message: string }[];
  return rows.reverse().map((r) => ({
    sessionId: r.session_id,
    ts: r.ts,
    ruleId: r.rule_id,
    metric: r.metric,
    value: r.value,
    threshold: r.threshold,
    message: r.message,
    screen: isAlertMetric(r.metric) ? screenOfMetric(r.metric) : 'live',
  }));
}
