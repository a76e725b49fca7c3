/**
 * The one-line text of a fired alert, in Chinese or English: stored with the alert in SQLite
 * (in the language of the settings when it fired), shown in the console log and the screen
 * banner (re-rendered in the screen's language from the firing's fields).
 */
import { GLOSSARY, type MetricId } from '../metrics/glossary';
import type { AlertFiring } from './evaluator';
import { formatFen } from '../text/money';

export type AlertLocale = 'zh-CN' | 'en';

/** A raw figure in a person's unit: 元 for fen, percent for rates. */
export function formatAlertValue(metric: string, value: number): string {
  const unit = metric.startsWith('plan_roi:') ? 'ratio' : GLOSSARY[metric as MetricId]?.unit;
  switch (unit) {
    case 'fen':
      return formatFen(value);
    case 'rate':
      return `${(value * 100).toFixed(2)}%`;
    case 'ratio':
      return value.toFixed(2);
    case 'seconds':
      return `${Math.round(value)}s`;
    default: {
      // counts with thousands separators, as on the screens; two decimals for a fraction
      const decimals = Number.isInteger(value) ? 0 : 2;
      return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    }
  }
}

/** The name of what fired: the glossary name, or the plan's ROI. */
export function alertSubject(f: Pick<AlertFiring, 'metric' | 'planId' | 'planName'>, locale: AlertLocale): string {
  if (f.planId !== null) {
    const plan = f.planName ?? f.planId;
    return locale === 'en' ? `Plan “${plan}” ROI` : `计划「${plan}」支付ROI`;
  }
  const def = GLOSSARY[f.metric as MetricId];
  if (!def) return f.metric;
  return locale === 'en' ? def.en.name : def.zh.name;
}

export function alertMessage(f: AlertFiring, locale: AlertLocale): string {
  const what = alertSubject(f, locale);
  const now = formatAlertValue(f.metric, f.current);
  const thr = formatAlertValue(f.metric, f.threshold);
  const en = locale === 'en';
  switch (f.kind) {
    case 'above':
      return en ? `${what} rose above ${thr} (now ${now})` : `${what}高于 ${thr}（当前 ${now}）`;
    case 'below':
      return en ? `${what} fell below ${thr} (now ${now})` : `${what}低于 ${thr}（当前 ${now}）`;
    case 'drop_pct':
      return en
        ? `${what} dropped ${f.value.toFixed(1)}% within ${f.windowMin} min (limit ${f.threshold}%, now ${now})`
        : `${what} ${f.windowMin} 分钟内下降 ${f.value.toFixed(1)}%（阈值 ${f.threshold}%，当前 ${now}）`;
    case 'roi_below_break_even':
      return en ? `${what} ${now} is under the break-even ROI ${f.threshold.toFixed(2)}` : `${what} ${now} 低于保本ROI ${f.threshold.toFixed(2)}`;
  }
}
