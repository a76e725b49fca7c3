/**
 * The shared wall-server harness for browser tests of the screens (`*.e2e.test.ts`).
 *
 * One call wires the real chain: a minimal docs/protocol.md socket.io source on 127.0.0.1 (port 0)
 * that the test feeds with `send` → the real engine (`createBackend` on a temp SQLite file) →
 * the real wall server on the built renderer (out/renderer; `node scripts/build.mjs` first) →
 * real Chromium (/usr/bin/chromium via playwright-core).
 *
 *   const h = await startHarness();          // in beforeAll (skip the suite when !harnessReady)
 *   await h.send(SESSION, makeShow(7, Date.now()).events);
 *   const page = await h.newPage();          // 1920×1080, page errors collected in h.errors(page)
 *   await page.goto(`${h.wall.screenUrls.product}?room=${ROOM}`);
 *   const view = await h.settle(page, h.lastSeq(SESSION), { sessionId: SESSION });
 *   expect((await shownFigures(page)).gmv).toBe(String(view.figures.gmv));
 *   await screenshot(page, 'product-1920x1080');
 *   await h.close();                         // in afterAll
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Server, type Socket } from 'socket.io';
import { createBackend, type Backend } from '../../electron/backend/create-backend';
import { startWallServer, type WallServer } from '../../electron/wall/server';
import type { RoomView } from '../../shared/viewmodel/room';

export const CHROMIUM = '/usr/bin/chromium';
export const RENDERER_DIR = join(__dirname, '..', '..', 'out', 'renderer');
export const ARTIFACTS_DIR = join(__dirname, '..', '..', 'test-artifacts');
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Chromium and the built renderer are present: use with `describe.skipIf(!harnessReady)`. */
export const harnessReady = existsSync(CHROMIUM) && existsSync(join(RENDERER_DIR, 'index.html'));

export interface SettleOptions {
  /** the session whose view must reach `seq` (default: the only/last session fed) */
  sessionId?: string;
  /** the on-page `data-metric` that must show the engine's figure before returning (default 'gmv') */
  metric?: string;
  timeoutMs?: number;
}

export interface Harness {
  engine: Backend;
  wall: WallServer;
  browser: Browser;
  /** Feed events of one session as acked batches of ≤ 2000; throws unless every batch is acked in full. */
  send(sessionId: string, events: Record<string, unknown>[]): Promise<void>;
  /** the highest seq sent for the session (0 before any) */
  lastSeq(sessionId?: string): number;
  /** The engine's current view of a session (`view.full`). */
  engineView(sessionId?: string): Promise<RoomView>;
  /** Wait until the engine's view holds `seq` and the page shows the engine's `metric`; returns the view. */
  settle(page: Page, seq: number, opts?: SettleOptions): Promise<RoomView>;
  /** A page at 1920×1080 (or `viewport`) whose page errors and console errors are collected. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** the page errors and console errors seen on a page made by `newPage` */
  errors(page: Page): string[];
  /** Stop the source (the engine starts reconnecting). */
  closeSource(): Promise<void>;
  close(): Promise<void>;
}

interface Source {
  url: string;
  socket: Promise<Socket>;
  close(): Promise<void>;
}

/** A minimal docs/protocol.md source: hello on connect, batches sent by the test and acked by the engine. */
async function startSource(): Promise<Source> {
  const http = createServer();
  const io = new Server(http, { maxHttpBufferSize: 1e8 });
  const socket = new Promise<Socket>((resolve) =>
    io.of('/live').on('connection', (s) => {
      s.emit('hello', { protocol: 1, source: 'renderer-e2e', time: Date.now() });
      resolve(s);
    }),
  );
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    socket,
    close: () => (closed ??= new Promise<void>((r) => io.close(() => r()))),
  };
}

const nextFrames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'luopan-renderer-e2e-'));
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const source = await startSource();
  const engine = await createBackend({ dbFile: join(dir, 'e2e.db'), source: source.url });
  const wall = await startWallServer({ engine, rendererDir: RENDERER_DIR, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const sent = new Map<string, number>();
  const pageErrors = new WeakMap<Page, string[]>();
  let lastSession: string | undefined;

  const engineView = async (sessionId = lastSession): Promise<RoomView> => {
    const full = await engine.handlers['view.full']();
    return full.rooms[sessionId ?? ''] as RoomView;
  };

  return {
    engine,
    wall,
    browser,
    async send(sessionId, events) {
      const s = await source.socket;
      for (let i = 0; i < events.length; i += 2000) {
        const chunk = events.slice(i, i + 2000);
        const upTo = chunk[chunk.length - 1]!.seq;
        const ack = await s.timeout(10_000).emitWithAck('batch', { sessionId, events: chunk });
        if (JSON.stringify(ack) !== JSON.stringify({ ok: true, upTo })) throw new Error(`batch up to ${upTo} of ${sessionId} not acked in full: ${JSON.stringify(ack)}`);
      }
      if (events.length > 0) sent.set(sessionId, events[events.length - 1]!.seq as number);
      lastSession = sessionId;
    },
    lastSeq: (sessionId = lastSession) => sent.get(sessionId ?? '') ?? 0,
    engineView,
    async settle(page, seq, opts = {}) {
      const metric = opts.metric ?? 'gmv';
      const until = Date.now() + (opts.timeoutMs ?? 10_000);
      let view = await engineView(opts.sessionId);
      while ((!view || view.seq < seq) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
        view = await engineView(opts.sessionId);
      }
      if (!view || view.seq !== seq) throw new Error(`engine view at seq ${view?.seq ?? 'none'}, expected ${seq}`);
      const want = view.figures[metric as keyof RoomView['figures']];
      const shown = want === null || want === undefined ? '' : String(want);
      await page.waitForFunction(
        ([m, v]) => document.querySelector(`[data-metric="${m}"]`)?.getAttribute('data-value') === v,
        [metric, shown] as const,
        // first paints of a cold page take seconds when the two cores are shared
        { timeout: opts.timeoutMs ?? 10_000 },
      );
      // one more frame for everything rendered from the same delta
      await nextFrames(page);
      return engineView(opts.sessionId);
    },
    async newPage(viewport = { width: 1920, height: 1080 }) {
      const page = await browser.newPage({ viewport });
      const errors: string[] = [];
      pageErrors.set(page, errors);
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      return page;
    },
    errors: (page) => pageErrors.get(page) ?? [],
    closeSource: () => source.close(),
    async close() {
      await browser.close().catch(() => undefined);
      await wall.close();
      await engine.close();
      await source.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every `[data-metric]` on the page as metric id → `data-value` (the last one wins for repeated ids). */
export function shownFigures(page: Page, within = 'body'): Promise<Record<string, string>> {
  return page.$$eval(`${within} [data-metric]:not([data-ghost])`, (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-metric')!, e.getAttribute('data-value')!])));
}

/** Save a full-viewport PNG as test-artifacts/<name>.png (gitignored); returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}
