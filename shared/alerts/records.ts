/** What the API says about fired alerts: the pushed `alert.fired` and the stored rows of `alerts.list`. */
import type { AlertFiring } from './evaluator';
import type { AlertScreen } from './owner';

/** Pushed to every screen when a rule fires. */
export interface AlertFired extends AlertFiring {
  /** one line in the settings' language when it fired */
  message: string;
  /** wall-clock ms when the engine noticed */
  firedAt: number;
}

/** One row of the `alerts` table (migration 002), with the screen that owns its metric. */
export interface AlertRecord {
  sessionId: string;
  /** event time of the firing */
  ts: number;
  ruleId: string;
  metric: string;
  value: number;
  threshold: number;
  message: string;
  screen: AlertScreen;
}
