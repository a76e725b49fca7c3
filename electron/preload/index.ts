/**
 * The sandboxed preload: exposes `window.luopan` (the Bridge) and nothing else. Bundled whole as
 * CJS by electron-vite — a sandboxed preload cannot require anything but `electron`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createIpcBridge } from './bridge';

contextBridge.exposeInMainWorld('luopan', createIpcBridge(ipcRenderer));
