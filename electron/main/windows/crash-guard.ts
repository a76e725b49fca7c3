/**
 * How often a screen may be reloaded after its renderer crashed or hung: at most `max` reloads in
 * a sliding `windowMs`; past that the window shows a crash page instead of a reload loop that
 * would burn the CPU of a wall display running unattended.
 */
export const MAX_RELOADS = 3;
export const RELOAD_WINDOW_MS = 5 * 60_000;

export class CrashGuard {
  private readonly reloads: number[] = [];

  constructor(
    private readonly max = MAX_RELOADS,
    private readonly windowMs = RELOAD_WINDOW_MS,
  ) {}

  /** Register a crash at `now`: 'reload' if still within budget (and count it), else 'give-up'. */
  onCrash(now: number): 'reload' | 'give-up' {
    while (this.reloads.length > 0 && now - (this.reloads[0] as number) >= this.windowMs) this.reloads.shift();
    if (this.reloads.length >= this.max) return 'give-up';
    this.reloads.push(now);
    return 'reload';
  }

  /** Reloads counted in the window ending at `now`. */
  count(now: number): number {
    return this.reloads.filter((t) => now - t < this.windowMs).length;
  }

  /** A reload the user asked for starts a fresh budget. */
  reset(): void {
    this.reloads.length = 0;
  }
}

/** The page a window shows after giving up: self-contained (no script), text only. */
export function crashPageUrl(title: string, locale: 'zh-CN' | 'en'): string {
  const text =
    locale === 'en'
      ? { h: 'This screen stopped', p: `${title} crashed ${MAX_RELOADS} times in 5 minutes, so it is no longer reloaded automatically. Press Ctrl+R (⌘R) to try again.` }
      : { h: '此屏幕已停止', p: `${title}在 5 分钟内崩溃了 ${MAX_RELOADS} 次，已停止自动重新加载。按 Ctrl+R（⌘R）重试。` };
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html =
    `<!doctype html><html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<title>${esc(title)}</title><style>body{background:#0b1020;color:#e6e9f2;font:24px system-ui,sans-serif;` +
    `display:flex;flex-direction:column;align-items:center;justify-content:center;height:100vh;margin:0}</style></head>` +
    `<body><h1>${esc(text.h)}</h1><p>${esc(text.p)}</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}
