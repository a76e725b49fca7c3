/**
 * The help centre's rows: the live metrics of the glossary and the diagnosis indicators, in one
 * language, straight from the shared definitions (nothing here restates a definition).
 */
import { GLOSSARY, METRIC_IDS, type MetricUnit } from '../../../../shared/metrics/glossary';
import { INDICATOR_DOCS } from '../../../../shared/diagnosis/indicator-docs';
import { INDICATORS_BY_KIND } from '../../../../shared/diagnosis/indicators';
import type { DiagnosisKind } from '../../../../shared/diagnosis/types';

export interface MetricEntry {
  id: string;
  name: string;
  definition: string;
  formula: string;
  unit: MetricUnit;
}

export interface IndicatorEntry {
  id: string;
  name: string;
  definition: string;
  formula: string;
  weight: string;
  better: 'higher' | 'lower';
  kinds: DiagnosisKind[];
}

export function helpEntries(lang: 'zh' | 'en'): { metrics: MetricEntry[]; indicators: IndicatorEntry[] } {
  const metrics = METRIC_IDS.map((id) => {
    const g = GLOSSARY[id];
    return { id, name: g[lang].name, definition: g[lang].definition, formula: g.formula, unit: g.unit };
  });
  const byId = new Map<string, IndicatorEntry>();
  for (const kind of Object.keys(INDICATORS_BY_KIND) as DiagnosisKind[]) {
    for (const def of INDICATORS_BY_KIND[kind]) {
      const known = byId.get(def.id);
      if (known) {
        known.kinds.push(kind);
        continue;
      }
      const doc = INDICATOR_DOCS[def.id];
      byId.set(def.id, {
        id: def.id,
        name: lang === 'en' ? (doc?.en ?? def.id) : def.zh,
        definition: (lang === 'en' ? doc?.enDefinition : doc?.zhDefinition) ?? '',
        formula: doc?.formula ?? '',
        weight: doc?.weight ?? '',
        better: def.better,
        kinds: [kind],
      });
    }
  }
  return { metrics, indicators: [...byId.values()] };
}

/** Case-insensitive match of every whitespace-separated word against id, name, definition or formula. */
export function matches(e: { id: string; name: string; definition: string; formula: string }, search: string): boolean {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = `${e.id} ${e.name} ${e.definition} ${e.formula}`.toLowerCase();
  return words.every((w) => text.includes(w));
}
