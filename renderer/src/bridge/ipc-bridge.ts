/**
 * The Bridge in the desktop app: `window.luopan`, exposed by the sandboxed preload
 * (electron/preload/bridge.ts). The engine is part of the app, so the link is always open;
 * whether the *source* is live comes from `connection.state` like on the wall.
 */
import type { Bridge } from '../../../shared/api/contract';
import type { LinkState, ScreenBridge } from './types';

const OPEN: LinkState = { phase: 'open', attempt: 0, error: null };

export function createIpcBridge(exposed: Bridge): ScreenBridge {
  return {
    kind: 'ipc',
    call: (method, ...args) => exposed.call(method, ...args),
    on: (event, listener) => exposed.on(event, listener),
    link: () => OPEN,
    onLink: () => () => undefined,
  };
}
