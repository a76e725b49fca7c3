/**
 * `luopan review` without --json: the review as terminal tables in one language — headline
 * figures beside the previous session and the median, the explanation table, the channels and
 * the findings (the rows: shared/review/rows.ts).
 */
import type { Lang } from '../../shared/i18n/lang';
import type { ReviewPage } from '../../shared/review/types';
import { channelHead, channelRows, explanationHead, explanationRows, figureHead, figureRows, reviewHeadline } from '../../shared/review/rows';
import { REVIEW_WORDS } from '../../shared/review/words';
import { table } from '../diagnosis/format-text';

export function formatReview(p: ReviewPage, lang: Lang): string {
  const w = REVIEW_WORDS[lang];
  const r = p.review;
  const out: string[] = [];
  out.push(`${w.title} · ${p.title || r.sessionId} · ${p.live ? w.live : w.ended}`);
  out.push(reviewHeadline(p, lang));
  if (p.live) out.push(w.liveNote);
  else if (!r.compare.previous) out.push(w.noCompare);
  out.push('', w.figures, table(figureHead(p, lang), figureRows(p, lang)));
  out.push('', w.explanations, r.explanations.length ? table(explanationHead(lang), explanationRows(p, lang)) : `  ${w.noExplanations}`);
  out.push('', w.channels, table(channelHead(lang), channelRows(p, lang)));
  out.push('', w.findings);
  if (r.findings.length === 0) out.push(`  ${w.noFindings}`);
  for (const f of r.findings) out.push(`  · ${f.message}  [${f.rule}]`);
  return out.join('\n') + '\n';
}
