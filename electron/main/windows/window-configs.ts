/**
 * The window registry: one entry per screen, the single place that says what each desktop
 * window shows and how it starts. The window manager and the app menu read it; nothing else
 * hard-codes a route or a size.
 */
import type { ScreenId } from '../../../shared/api/contract';

export type WindowMode = 'windowed' | 'fullscreen' | 'kiosk';

export interface WindowConfig {
  id: ScreenId;
  /** hash route of the renderer (hash history works from a custom protocol) */
  route: string;
  title: { 'zh-CN': string; en: string };
  /** size of a fresh window, before any saved bounds; capped to the work area */
  defaultSize: { width: number; height: number };
  minSize: { width: number; height: number };
  /**
   * Which display a fresh window goes to: index into the displays ordered primary first, then
   * left to right. A big screen wants a monitor of its own; when there are fewer displays it
   * lands on the primary, windowed, so it does not cover the console.
   */
  defaultDisplayIndex: number;
  /** mode on its own default display */
  defaultMode: WindowMode;
  /** opened at start-up when the saved layout does not mention the screen */
  openAtStart: boolean;
  /** menu accelerator that opens/focuses it */
  accelerator: string;
}

/** Big screens are designed on a 1920×1080 canvas; a fresh window keeps that aspect. */
const SCREEN_SIZE = { width: 1280, height: 720 };
const SCREEN_MIN = { width: 640, height: 360 };

export const WINDOW_CONFIGS: Record<ScreenId, WindowConfig> = {
  live: {
    id: 'live',
    route: '/live',
    title: { 'zh-CN': '直播大屏', en: 'Live screen' },
    defaultSize: SCREEN_SIZE,
    minSize: SCREEN_MIN,
    defaultDisplayIndex: 1,
    defaultMode: 'fullscreen',
    openAtStart: true,
    accelerator: 'CmdOrCtrl+1',
  },
  product: {
    id: 'product',
    route: '/product',
    title: { 'zh-CN': '商品大屏', en: 'Product screen' },
    defaultSize: SCREEN_SIZE,
    minSize: SCREEN_MIN,
    defaultDisplayIndex: 2,
    defaultMode: 'fullscreen',
    openAtStart: false,
    accelerator: 'CmdOrCtrl+2',
  },
  ad: {
    id: 'ad',
    route: '/ad',
    title: { 'zh-CN': '广告大屏', en: 'Ad screen' },
    defaultSize: SCREEN_SIZE,
    minSize: SCREEN_MIN,
    defaultDisplayIndex: 3,
    defaultMode: 'fullscreen',
    openAtStart: false,
    accelerator: 'CmdOrCtrl+3',
  },
  traffic: {
    id: 'traffic',
    route: '/traffic',
    title: { 'zh-CN': '流量大屏', en: 'Traffic screen' },
    defaultSize: SCREEN_SIZE,
    minSize: SCREEN_MIN,
    defaultDisplayIndex: 4,
    defaultMode: 'fullscreen',
    openAtStart: false,
    accelerator: 'CmdOrCtrl+4',
  },
  overview: {
    id: 'overview',
    route: '/overview',
    title: { 'zh-CN': '多直播间总览', en: 'Rooms overview' },
    defaultSize: SCREEN_SIZE,
    minSize: SCREEN_MIN,
    defaultDisplayIndex: 5,
    defaultMode: 'fullscreen',
    openAtStart: false,
    accelerator: 'CmdOrCtrl+6',
  },
  console: {
    id: 'console',
    route: '/console',
    title: { 'zh-CN': '罗盘 控制台', en: 'Luopan console' },
    defaultSize: { width: 1200, height: 800 },
    minSize: { width: 800, height: 560 },
    defaultDisplayIndex: 0,
    defaultMode: 'windowed',
    openAtStart: true,
    accelerator: 'CmdOrCtrl+5',
  },
};

export function windowTitle(id: ScreenId, locale: 'zh-CN' | 'en'): string {
  return WINDOW_CONFIGS[id].title[locale];
}
