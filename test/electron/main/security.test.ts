import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { denyAllPermissions, isExternalWebUrl, lockDownContents, openExternalSafely } from '../../../electron/main/security';

class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' } | { action: 'allow' }) {
    this.openHandler = h;
  }
  /** emit a navigation the way Electron does; true when it was prevented */
  navigate(event: string, url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

describe('navigation and new windows', () => {
  it('lets app URLs through and blocks the rest, offering http(s) to the external browser', () => {
    const c = new FakeContents();
    const external: string[] = [];
    lockDownContents(c, (u) => external.push(u));
    expect(c.navigate('will-navigate', 'luopan://app/index.html#/ad')).toBe(false);
    expect(c.navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(c.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.navigate('will-redirect', 'luopan://evil/')).toBe(true);
    expect(c.navigate('will-frame-navigate', 'javascript:alert(1)')).toBe(true);
    let webviewBlocked = false;
    c.emit('will-attach-webview', { preventDefault: () => (webviewBlocked = true) });
    expect(webviewBlocked).toBe(true);
    expect(c.openHandler?.({ url: 'https://shop.example/item/1' })).toEqual({ action: 'deny' });
    expect(c.openHandler?.({ url: 'luopan://app/index.html' })).toEqual({ action: 'deny' });
    expect(c.openHandler?.({ url: 'smb://server/share' })).toEqual({ action: 'deny' });
    expect(external).toEqual(['https://example.com/', 'https://shop.example/item/1']);
  });
});

describe('openExternalSafely', () => {
  it('opens http(s) only, and only after a yes', async () => {
    const opened: string[] = [];
    const asked: string[] = [];
    const opener = (answer: boolean) => ({
      confirm: async (u: string) => (asked.push(u), answer),
      open: async (u: string) => void opened.push(u),
    });
    expect(await openExternalSafely('https://example.com/a b', opener(true))).toBe('opened');
    expect(await openExternalSafely('http://10.0.0.5:8080/', opener(false))).toBe('cancelled');
    for (const bad of ['file:///C:/Windows/system32/calc.exe', 'javascript:alert(1)', 'ms-settings:', 'not a url', 'https://']) {
      expect(await openExternalSafely(bad, opener(true)), bad).toBe('refused');
    }
    expect(asked).toEqual(['https://example.com/a%20b', 'http://10.0.0.5:8080/']);
    expect(opened).toEqual(['https://example.com/a%20b']);
    expect(await openExternalSafely('https://x.example', { confirm: async () => true, open: async () => Promise.reject(new Error('no browser')) })).toBe('failed');
    expect(isExternalWebUrl('HTTPS://EXAMPLE.COM')).toBe(true);
  });
});

describe('permissions', () => {
  it('denies every request and check', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void, d: unknown) => void) | null = null;
    let check: ((wc: unknown, p: string, o: string, d: unknown) => boolean) | null = null;
    let device: ((d: unknown) => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      setDevicePermissionHandler: (h) => (device = h),
    });
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen']) request!(null, p, (g) => answers.push(g), {});
    expect(answers).toEqual([false, false, false, false, false]);
    expect(check!(null, 'media', 'luopan://app', {})).toBe(false);
    expect(device!({})).toBe(false);
  });
});
