/**
 * The main-process end of the Bridge: one `ipcMain.handle` for every API call and one push
 * channel to every window. Main only relays — the engine runs in a worker (EngineHost).
 * Every call is checked before anything acts on it: the sender frame must be our app origin
 * (luopan://app) — checked here — and the method must be in the contract and its arguments must
 * pass its schema — checked once, where it runs (shared/api/dispatch.ts: main's own overrides
 * here, everything else in the engine worker).
 */
import { PUSH_EVENTS, type ApiHandlers, type ApiMethod, type ApiReply, type DisplayInfo } from '../../shared/api/contract';
import { dispatchApiCall } from '../../shared/api/dispatch';
import { errorLine } from '../../shared/text/error-line';
import type { EngineHost } from '../engine/host';
import { API_CHANNEL, PUSH_CHANNEL } from '../preload/channels';
import { isAppUrl } from './app-protocol';
import type { Logger } from '../runtime/logger';

/** What an invoke event carries that we check (Electron's IpcMainInvokeEvent). */
export interface InvokeEventLike {
  senderFrame?: { url: string } | null;
}

/** A frame may call the API only when it is a page of our own origin (not a data: crash page, not a remote page). */
export function isTrustedSender(event: InvokeEventLike): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // the frame navigated away or was destroyed before the call arrived
  return isAppUrl(frame.url);
}

export interface ApiRelayOptions {
  engine: EngineHost;
  /** methods main answers itself (e.g. app.info with the desktop's screens) */
  overrides?: Partial<ApiHandlers>;
  /** after a successful call (the window manager re-applies a saved layout) */
  afterCall?: (method: ApiMethod, value: unknown) => void;
  log?: Logger;
}

/** The invoke handler, separate from ipcMain so it is tested directly. */
export function createApiRelay(opts: ApiRelayOptions) {
  return async (event: InvokeEventLike, method: unknown, args: unknown): Promise<ApiReply<ApiMethod>> => {
    if (!isTrustedSender(event)) {
      opts.log?.(`ipc: refused a call from ${String(event.senderFrame?.url ?? 'a gone frame').slice(0, 120)}`);
      return { ok: false, error: 'refused: the caller is not a Luopan screen' };
    }
    const overrides = opts.overrides ?? {};
    const here = typeof method === 'string' && Object.hasOwn(overrides, method);
    const reply = here ? await dispatchApiCall(overrides as ApiHandlers, method, args) : await opts.engine.dispatch(method, args);
    if (!reply.ok) return reply;
    try {
      opts.afterCall?.(method as ApiMethod, reply.value);
    } catch (err) {
      return { ok: false, error: errorLine(err) };
    }
    return reply;
  };
}

/** Slice of ipcMain used here. */
export interface IpcMainLike {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's listener signature
  handle(channel: string, listener: (event: InvokeEventLike, ...args: any[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Register the single API handler; returns its removal. */
export function registerApiRelay(ipcMain: IpcMainLike, opts: ApiRelayOptions): () => void {
  const relay = createApiRelay(opts);
  ipcMain.handle(API_CHANNEL, (event: InvokeEventLike, method: unknown, args: unknown) => relay(event, method, args));
  return () => ipcMain.removeHandler(API_CHANNEL);
}

export interface PushTarget {
  webContents: { send(channel: string, ...args: unknown[]): void; isDestroyed(): boolean };
  isDestroyed(): boolean;
}

/** Forward every engine push to every open window; returns the unsubscription. */
export function forwardPushes(engine: Pick<EngineHost, 'onPush'>, targets: () => PushTarget[]): () => void {
  const offs = PUSH_EVENTS.map((name) =>
    engine.onPush(name, (payload) => {
      for (const win of targets()) {
        if (win.isDestroyed() || win.webContents.isDestroyed()) continue;
        win.webContents.send(PUSH_CHANNEL, name, payload);
      }
    }),
  );
  return () => offs.forEach((off) => off());
}

/** Slice of Electron's `screen` that lists the monitors. */
export interface ScreenListLike {
  getAllDisplays(): { id: number; label?: string; bounds: { width: number; height: number } }[];
  getPrimaryDisplay(): { id: number };
}

/** `displays.list` of the desktop shell (an override: the engine in its worker sees no monitors). */
export function displayList(screen: ScreenListLike): DisplayInfo[] {
  const primary = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((d, i) => ({
    id: d.id,
    label: d.label || `Display ${i + 1}`,
    width: d.bounds.width,
    height: d.bounds.height,
    primary: d.id === primary,
  }));
}
