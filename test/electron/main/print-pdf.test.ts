/**
 * Desktop PDF export with a fake Electron window and dialog (Electron cannot run here) and the
 * real engine on a real SQLite file: the hidden window gets the printable report with
 * JavaScript off, its PDF bytes are written where the user chose, the window is always
 * destroyed, and a cancelled dialog writes nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/create-backend';
import { printReportPdf, type PdfWindow, type PrintPdfDeps } from '../../../electron/main/print-pdf';
import { recordShows } from '../history/sim-store';

const dir = mkdtempSync(join(tmpdir(), 'luopan-pdf-'));
let engine: Backend;
beforeAll(async () => {
  recordShows(join(dir, 'store.sqlite'), [{ roomIndex: 0, daysAgo: 1, durationMin: 3 }]);
  engine = await createBackend({ dbFile: join(dir, 'store.sqlite'), source: 'http://127.0.0.1:9' });
});
afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

function fakes(answer: { canceled: boolean; filePath?: string }, printFails = false) {
  const log: { loaded?: string; options?: unknown; destroyed: boolean; dialog?: { defaultPath: string } } = { destroyed: false };
  const deps: PrintPdfDeps = {
    engine,
    defaultDir: '/home/u/Documents/',
    createWindow(options) {
      log.options = options;
      const win: PdfWindow = {
        webContents: {
          async loadURL(url) {
            log.loaded = url;
          },
          async printToPDF() {
            if (printFails) throw new Error('printing failed');
            return new TextEncoder().encode('%PDF-1.7 fake');
          },
        },
        destroy: () => void (log.destroyed = true),
      };
      return win;
    },
    async showSaveDialog(options) {
      log.dialog = options;
      return answer;
    },
    writeFile: async (path, data) => {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(path, data);
    },
  };
  return { deps, log };
}

describe('printReportPdf', () => {
  it('prints the printable report in a script-less hidden window and saves the PDF where chosen', async () => {
    const target = join(dir, 'report.pdf');
    const { deps, log } = fakes({ canceled: false, filePath: target });
    const out = await printReportPdf(deps, { kind: 'self', window: '7d', shopId: 'shop-jujia' });
    expect(out).toEqual({ saved: target });
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.7 fake');
    expect(log.options).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true } });
    const html = Buffer.from(log.loaded!.replace(/^data:text\/html;charset=utf-8;base64,/, ''), 'base64').toString('utf8');
    const report = await engine.handlers['diagnosis.run']({ kind: 'self', window: '7d', shopId: 'shop-jujia' });
    expect([...html.matchAll(/data-verdict="(\w*)"/g)].map((m) => m[1])).toEqual(report.indicators.map((i) => i.verdict ?? ''));
    expect(log.dialog!.defaultPath).toMatch(/^\/home\/u\/Documents\/luopan-diagnosis-self-shop-jujia-.*\.pdf$/);
    expect(log.destroyed).toBe(true);
  });

  it('a cancelled dialog saves nothing and opens no window; a failed print still destroys the window', async () => {
    const cancelled = fakes({ canceled: true });
    expect(await printReportPdf(cancelled.deps, { kind: 'service', window: '1d' })).toEqual({ saved: null });
    expect(cancelled.log.options).toBeUndefined();
    const failing = fakes({ canceled: false, filePath: join(dir, 'never.pdf') }, true);
    await expect(printReportPdf(failing.deps, { kind: 'self', window: '1d' })).rejects.toThrow('printing failed');
    expect(failing.log.destroyed).toBe(true);
  });
});
