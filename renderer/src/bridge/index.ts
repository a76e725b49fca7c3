/** One bridge per page: IPC under the desktop app (the preload exposed `window.luopan`), else the wall's socket. */
import type { Bridge } from '../../../shared/api/contract';
import { createIpcBridge } from './ipc-bridge';
import { createSocketBridge } from './socket-bridge';
import type { ScreenBridge } from './types';

export type { ScreenBridge, LinkState } from './types';

let bridge: ScreenBridge | null = null;

export function getBridge(): ScreenBridge {
  if (bridge) return bridge;
  const exposed = (window as unknown as { luopan?: Bridge }).luopan;
  bridge = exposed && typeof exposed.call === 'function' ? createIpcBridge(exposed) : createSocketBridge();
  return bridge;
}
