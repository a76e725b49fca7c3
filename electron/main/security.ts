/**
 * Electron's security checklist applied to every web contents and session: no permissions,
 * no navigation away from the app, no new windows, external links only http(s) and only after
 * the user confirms. Written against narrow interfaces so it is tested without Electron.
 */
import { isAppUrl } from './app-protocol';

/** The only URLs we ever hand to the OS: http(s) with a host, nothing else (no file:, javascript:, custom schemes). */
export function isExternalWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export interface ExternalOpener {
  /** ask the user; true = open */
  confirm(url: string): Promise<boolean>;
  /** shell.openExternal */
  open(url: string): Promise<void>;
}

export type OpenExternalResult = 'opened' | 'refused' | 'cancelled' | 'failed';

/** `shell.openExternal` only for http(s), only after a yes. */
export async function openExternalSafely(url: string, opener: ExternalOpener): Promise<OpenExternalResult> {
  if (!isExternalWebUrl(url)) return 'refused';
  const href = new URL(url).href;
  if (!(await opener.confirm(href))) return 'cancelled';
  try {
    await opener.open(href);
    return 'opened';
  } catch {
    return 'failed';
  }
}

/** Slice of Electron's Session used here. */
export interface SessionLike {
  setPermissionRequestHandler(handler: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null): void;
  setPermissionCheckHandler(handler: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | null): void;
  setDevicePermissionHandler?(handler: ((details: unknown) => boolean) | null): void;
}

/** Deny every permission request and check (camera, notifications, geolocation, HID, serial…). */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}

interface PreventableEvent {
  preventDefault(): void;
}

/** Slice of Electron's WebContents used here. */
export interface LockableContents {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's overloads differ per event
  on(event: string, listener: (...args: any[]) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

/**
 * Block navigation away from the app and all new windows. An http(s) link the page tries to open
 * goes to the external browser after confirmation (via `openExternal`); everything else is dropped.
 */
export function lockDownContents(contents: LockableContents, openExternal: (url: string) => void): void {
  const guard = (event: PreventableEvent & { url?: string }, url?: string) => {
    const target = url ?? event.url ?? '';
    if (isAppUrl(target)) return;
    event.preventDefault();
    if (isExternalWebUrl(target)) openExternal(target);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}
