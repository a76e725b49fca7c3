/**
 * Electron main entry: the real Electron modules and the supervised engine worker, handed to the shell.
 */
import * as electron from 'electron';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSupervisedEngine } from '../engine/supervised-engine';
import { runDesktopApp } from './desktop-app';

// Chromium's own UI in the pages (date pickers, form messages) in Chinese, as the screens are by
// default; must be set before the app is ready. (In a browser, the wall server's pages follow the
// browser's language for these.)
electron.app.commandLine.appendSwitch('lang', 'zh-CN');

runDesktopApp(electron, {
  mainDir: dirname(fileURLToPath(import.meta.url)),
  argv: process.argv,
  // the engine worker, watched and started again when it dies (electron/engine/supervised-engine.ts)
  createBackend: createSupervisedEngine,
});
