/**
 * `diagnosis.pdf` on the desktop: the engine's printable report page (the same HTML the wall
 * serves and the console exports) printed by Chromium to PDF, saved where the user chooses.
 * The page is loaded into a hidden window with JavaScript off — it has no script, and a
 * report's texts come from recorded events, so nothing in it may run. Electron's pieces are
 * passed in, so this is tested without Electron.
 */
import type { DiagnosisQuery } from '../../shared/api/contract';
import type { EngineHost } from '../engine/host';

export interface PdfWindow {
  webContents: {
    loadURL(url: string): Promise<void>;
    printToPDF(options: { pageSize: 'A4'; printBackground: boolean; landscape: boolean }): Promise<Uint8Array>;
  };
  destroy(): void;
}

export interface PrintPdfDeps {
  engine: Pick<EngineHost, 'handlers'>;
  createWindow(options: { show: false; webPreferences: { javascript: false; sandbox: true; contextIsolation: true; nodeIntegration: false } }): PdfWindow;
  showSaveDialog(options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** where the save dialog starts (the user's documents folder) */
  defaultDir: string;
}

export async function printReportPdf(deps: PrintPdfDeps, query: DiagnosisQuery): Promise<{ saved: string | null }> {
  const file = await deps.engine.handlers['diagnosis.export'](query, 'html');
  const pdfName = file.fileName.replace(/\.html$/, '.pdf');
  const choice = await deps.showSaveDialog({
    title: '导出诊断报告 PDF / Export the diagnosis as PDF',
    defaultPath: `${deps.defaultDir.replace(/[\\/]+$/, '')}/${pdfName}`,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (choice.canceled || !choice.filePath) return { saved: null };
  const win = deps.createWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
  try {
    await win.webContents.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(file.text, 'utf8').toString('base64')}`);
    const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, landscape: false });
    await deps.writeFile(choice.filePath, pdf);
    return { saved: choice.filePath };
  } finally {
    win.destroy();
  }
}
