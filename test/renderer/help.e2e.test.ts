/**
 * `#/help` in Chromium: every live metric of the glossary and every diagnosis indicator is
 * listed with the very definition and formula of shared/ (zh-CN by default, English on the
 * switch), and the search narrows both lists.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_DOCS } from '../../shared/diagnosis/indicator-docs';
import { INDICATORS_BY_KIND } from '../../shared/diagnosis/indicators';
import { GLOSSARY, METRIC_IDS } from '../../shared/metrics/glossary';
import { harnessReady, screenshot, startHarness, type Harness } from './harness';

let h: Harness;
let page: Page;
const INDICATOR_IDS = [...new Set(Object.values(INDICATORS_BY_KIND).flat().map((d) => d.id))];
const ids = (table: string) => page.$$eval(`[data-testid="${table}"] tbody tr`, (trs) => trs.map((tr) => tr.getAttribute('data-id')));
const cells = (table: string, id: string) => page.$$eval(`[data-testid="${table}"] tr[data-id="${id}"] td`, (tds) => tds.map((td) => td.textContent!.trim()));

describe.skipIf(!harnessReady)('help centre', () => {
  beforeAll(async () => {
    h = await startHarness();
    page = await h.newPage();
    await page.goto(`${h.wall.url}/#/help`);
    await page.waitForSelector('[data-testid="indicator-glossary"]');
  }, 30_000);
  afterAll(async () => {
    await h?.close();
  });

  it('lists every metric and indicator with the shared definitions and formulas', async () => {
    expect(await ids('glossary')).toEqual([...METRIC_IDS]);
    expect(await ids('indicator-glossary')).toEqual(INDICATOR_IDS);
    const gpm = await cells('glossary', 'gpm');
    expect(gpm[1]).toBe(GLOSSARY.gpm.zh.definition);
    expect(gpm[2]).toBe(GLOSSARY.gpm.formula);
    const ship = await cells('indicator-glossary', 'ship_48h_rate');
    expect(ship[0]).toContain('48小时发货率');
    expect(ship[2]).toBe(INDICATOR_DOCS.ship_48h_rate!.zhDefinition);
    expect(ship[3]).toBe(INDICATOR_DOCS.ship_48h_rate!.formula);
    await screenshot(page, 'help-1920x1080');
  });

  it('search narrows both lists; English on the switch', async () => {
    await page.fill('[data-testid="help-search"]', '差评');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="indicator-glossary"] tbody tr').length === 1);
    expect(await ids('indicator-glossary')).toEqual(['negative_review_rate']);
    expect(await ids('glossary')).toEqual([]);
    await page.fill('[data-testid="help-search"]', 'gpm');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="glossary"] tbody tr').length > 0);
    expect(await ids('glossary')).toContain('gpm');
    await page.fill('[data-testid="help-search"]', '');
    await page.click('text=English');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Glossary');
    expect((await cells('indicator-glossary', 'dispute_rate'))[2]).toBe(INDICATOR_DOCS.dispute_rate!.enDefinition);
    expect((await cells('glossary', 'uv'))[1]).toBe(GLOSSARY.uv.en.definition);
    expect(h.errors(page)).toEqual([]);
  });
});
