/** Every diagnosis indicator the code computes has its words for people, and nothing else does. */
import { describe, expect, it } from 'vitest';
import { INDICATOR_DOCS } from '../../../shared/diagnosis/indicator-docs';
import { INDICATORS_BY_KIND } from '../../../shared/diagnosis/indicators';

describe('indicator docs', () => {
  it('cover exactly the computed indicators, each with a name, definitions, formula and weight', () => {
    const ids = Object.values(INDICATORS_BY_KIND).flat().map((d) => d.id);
    expect(Object.keys(INDICATOR_DOCS).sort()).toEqual([...new Set(ids)].sort());
    for (const doc of Object.values(INDICATOR_DOCS)) {
      for (const text of [doc.en, doc.zhDefinition, doc.enDefinition, doc.formula, doc.weight]) expect(text.trim().length).toBeGreaterThan(0);
    }
  });
});
