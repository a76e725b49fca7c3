/**
 * Electron main entry: the real Electron modules and the engine worker, handed to the shell.
 */
import * as electron from 'electron';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngineInWorker } from '../engine/engine-client';
import { runDesktopApp } from './desktop-app';

runDesktopApp(electron, {
  mainDir: dirname(fileURLToPath(import.meta.url)),
  argv: process.argv,
  createEngine: createEngineInWorker,
});
