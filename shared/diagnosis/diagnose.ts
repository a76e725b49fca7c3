/**
 * The post-show diagnosis as one pure function of session stats (docs/product.md "Post-show
 * diagnosis"). electron/diagnosis loads the stats from SQLite; the CLI prints the result.
 */
import { buildContext, type DiagnoseInput } from './context';
import { selfReport, type SelfReport } from './report-self';
import { serviceReport, type ServiceReport } from './report-service';
import { talentReport, type TalentReport } from './report-talent';

export type DiagnosisReport = SelfReport | TalentReport | ServiceReport;

export function diagnose(input: DiagnoseInput): DiagnosisReport {
  if (!Number.isInteger(input.days) || input.days < 1) throw new RangeError(`window length must be a whole number of days ≥ 1, got ${input.days}`);
  const ctx = buildContext(input);
  switch (input.kind) {
    case 'self': return selfReport(ctx);
    case 'talent': return talentReport(ctx);
    case 'service': return serviceReport(ctx);
  }
}
