/**
 * The console's diagnosis on a real SQLite file of simulator shows: the same report as
 * runDiagnosis (the `luopan diagnose --json` function), progress pushed session by session
 * while uncached stats are computed (and nothing to compute the second time), the default shop,
 * and the CSV/HTML exports carrying every indicator's verdict.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDiagnosis } from '../../../electron/diagnosis/run';
import { DiagnosisRunner, listShops } from '../../../electron/history/diagnosis-runner';
import { CSV_HEADER, reportCsv } from '../../../electron/history/report-csv';
import { reportHtml } from '../../../electron/history/report-html';
import { openStore } from '../../../electron/store/open';
import { INDICATORS_BY_KIND } from '../../../shared/diagnosis/indicators';
import { recordShows } from './sim-store';

const dir = mkdtempSync(join(tmpdir(), 'luopan-diag-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'store.sqlite');
// room 0 = shop-jujia (self), room 2 = a talent-hosted room of another shop
recordShows(file, [{ roomIndex: 0, daysAgo: 3 }, { roomIndex: 0, daysAgo: 2 }, { roomIndex: 0, daysAgo: 1 }, { roomIndex: 2, daysAgo: 4 }]);

/** CSV lines → cells (the exports quote only cells with commas/quotes/newlines). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\ufeff/, '').trimEnd().split('\r\n')) {
    const cells: string[] = [];
    const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
    for (let m = re.exec(line); m && m.index < line.length; m = re.exec(line)) {
      cells.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
      if (m[2] === '') break;
    }
    rows.push(cells);
  }
  return rows;
}

describe('DiagnosisRunner', () => {
  it('lists shops newest first and diagnoses the newest shop by default', () => {
    const db = openStore(file);
    const shops = listShops(db);
    expect(shops.map((s) => s.shopId)).toEqual(['shop-jujia', expect.any(String)]);
    expect(shops[0]!.sessions).toBe(3);
    expect(new DiagnosisRunner(db, () => undefined).shopOf({})).toBe('shop-jujia');
    db.close();
  });

  it('gives the same report as runDiagnosis, with progress while it computes', async () => {
    const db = openStore(file);
    const progress: { done: number; total: number }[] = [];
    const runner = new DiagnosisRunner(db, (p) => progress.push(p));
    // two runs at once share one warm-up
    const [report, again] = await Promise.all([runner.run({ kind: 'self', window: '7d' }), runner.run({ kind: 'self', window: '7d', shopId: 'shop-jujia' })]);
    expect(progress).toEqual([{ done: 0, total: 3 }, { done: 1, total: 3 }, { done: 2, total: 3 }, { done: 3, total: 3 }]);
    expect(again).toEqual(report);
    expect(report).toEqual(runDiagnosis(db, { kind: 'self', shopId: 'shop-jujia', days: 7 }));
    expect(report.sessions).toHaveLength(3);
    // cached now: one progress report, everything done
    progress.length = 0;
    await runner.run({ kind: 'service', window: '30d' });
    expect(progress).toEqual([{ done: 3, total: 3 }]);
    db.close();
  });

  it('a shop without sessions gives a report of "—" with reasons, not an error', async () => {
    const db = openStore(file);
    const report = await new DiagnosisRunner(db, () => undefined).run({ kind: 'talent', window: '1d', shopId: 'shop-none' });
    expect(report.notes).toContain('no sessions in window');
    expect(report.indicators.every((i) => i.value === null && i.verdict === null)).toBe(true);
    expect(reportHtml(report)).toContain('窗口内没有场次');
    db.close();
  });

  it.each(['self', 'talent', 'service'] as const)('%s: CSV has one row per indicator with its verdict; HTML shows them escaped', async (kind) => {
    const db = openStore(file);
    const report = await new DiagnosisRunner(db, () => undefined).run({ kind, window: '7d', shopId: 'shop-jujia' });
    db.close();
    const rows = csvRows(reportCsv(report));
    expect(rows[0]).toEqual(CSV_HEADER);
    expect(rows.slice(1).map((r) => r[0])).toEqual(INDICATORS_BY_KIND[kind].map((d) => d.id));
    for (const [i, ind] of report.indicators.entries()) {
      const row = rows[i + 1]!;
      expect(row[2]).toBe(ind.value === null ? '' : String(ind.value));
      expect(row[6]).toBe(ind.verdict ?? '');
      expect(row[8]).toBe(ind.top3.map((t) => `${t.sessionId} (${t.impact.toFixed(2)})`).join('; '));
    }
    const html = reportHtml(report);
    const verdicts = [...html.matchAll(/data-verdict="(\w*)"/g)].map((m) => m[1]);
    expect(verdicts).toEqual(report.indicators.map((i) => i.verdict ?? ''));
    expect(html).not.toMatch(/<script/i);
  });

  it('escapes hostile text and neutralises spreadsheet formulas', () => {
    const db = openStore(file);
    const report = runDiagnosis(db, { kind: 'self', shopId: 'shop-jujia', days: 7 });
    db.close();
    const hostile = { ...report, shop: { ...report.shop, id: '<img src=x onerror=alert(1)>' }, indicators: report.indicators.map((i, n) => (n === 0 ? { ...i, top3: [{ sessionId: '=HYPERLINK("x")', impact: -1 }] } : i)) };
    expect(reportHtml(hostile)).not.toContain('<img');
    expect(reportHtml(hostile)).toContain('&lt;img');
    expect(reportCsv(hostile)).toContain(`"'=HYPERLINK(""x"") (-1.00)"`);
  });
});
