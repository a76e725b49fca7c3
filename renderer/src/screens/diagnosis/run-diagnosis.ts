/**
 * `diagnosis.run` from a page. A first run over 30 days may compute longer than the bridge
 * waits for one answer; the engine keeps computing and a repeated call joins the same
 * computation (electron/history/diagnosis-runner.ts), so a call that timed out is simply asked
 * again while progress keeps arriving.
 */
import type { DiagnosisQuery } from '../../../../shared/api/contract';
import type { DiagnosisReport } from '../../../../shared/diagnosis/diagnose';
import type { ScreenBridge } from '../../bridge';

const TIMED_OUT = /no answer within/;

export async function runDiagnosis(bridge: ScreenBridge, query: DiagnosisQuery, maxAttempts = 30): Promise<DiagnosisReport> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await bridge.call('diagnosis.run', query);
    } catch (err) {
      if (!TIMED_OUT.test((err as Error).message) || attempt >= maxAttempts) throw err;
    }
  }
}
