/** Glossary names and tooltips for figures and table headers outside MetricTile (one source: shared/metrics/glossary.ts). */
import { GLOSSARY, type MetricId } from '../../../shared/metrics/glossary';
import type { Locale } from '../format/format';

export function metricName(id: MetricId, locale: Locale | string): string {
  return locale === 'en' ? GLOSSARY[id].en.name : GLOSSARY[id].zh.name;
}

/** "name\ndefinition\nformula label: formula", as MetricTile shows it. */
export function metricTip(id: MetricId, locale: Locale | string, formulaLabel: string): string {
  const d = locale === 'en' ? GLOSSARY[id].en : GLOSSARY[id].zh;
  return `${d.name}\n${d.definition}\n${formulaLabel}: ${GLOSSARY[id].formula}`;
}
