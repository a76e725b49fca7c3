/**
 * Where each screen window goes, as pure functions of (saved layout, saved bounds, displays).
 * No Electron here: the window manager feeds in what `screen` reports and applies the plan.
 *
 * - The layout (shared/api ScreenLayout) says which display a screen prefers and its mode.
 * - Bounds are remembered per display id + resolution ("displayKey"): a monitor that comes back
 *   at another resolution does not inherit bounds meant for a different size.
 * - A screen whose display is absent sits on the primary, windowed (so it does not cover the
 *   console), and is planned back onto its own display as soon as that display is present again;
 *   the preference in the layout is never rewritten by a disappearance.
 */
import type { ScreenId, ScreenLayout, ScreenPlacement } from '../../../shared/api/contract';
import type { WindowConfig, WindowMode } from './window-configs';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  /** bounds minus task bars and docks */
  workArea: Rect;
  primary: boolean;
}

/** Saved window bounds: displayKey → window key (windowKeys) → bounds. */
export type SavedBounds = Record<string, Record<string, Rect>>;

/**
 * Each window's identity in a layout, which its remembered bounds are kept under: the screen
 * (`live`), with its pinned room (`live@room-8801`), and, for a further window of the same screen
 * and room, its number (`live@room-8801#2`). A layout may hold several windows of one screen —
 * live screens of different rooms side by side, an overview on a TV — but one console.
 */
export function windowKeys(layout: readonly Pick<ScreenPlacement, 'screen' | 'room'>[]): string[] {
  const seen = new Map<string, number>();
  return layout.map((p) => {
    const base = p.room ? `${p.screen}@${p.room}` : p.screen;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

/** The screen a window key is of (the part before `@` / `#`). */
export function screenOfKey(key: string): string {
  return /^[a-z]+/.exec(key)?.[0] ?? '';
}

export interface WindowPlan {
  /** the window's key (windowKeys) */
  key: string;
  screen: ScreenId;
  /** the display the window goes to now */
  displayId: number;
  /** the layout's preference (null = primary) */
  preferredDisplayId: number | null;
  /** the preferred display is absent: parked on the primary until it returns */
  displaced: boolean;
  /** windowed bounds (also what a full-screen window restores to), inside the work area */
  bounds: Rect;
  mode: WindowMode;
  room: string | null;
}

/** Where a window currently is, so a resolution change keeps it in place rather than resetting it. */
export interface CurrentWindow {
  displayId: number;
  bounds: Rect;
}

/** Offset between fresh windows on the same display, so they do not stack exactly. */
export const CASCADE_STEP = 32;

export function displayKey(d: Pick<DisplayInfo, 'id' | 'bounds'>): string {
  return `${d.id}@${d.bounds.width}x${d.bounds.height}`;
}

/** Primary first, then left to right, top to bottom: a stable order for "the n-th monitor". */
export function orderDisplays(displays: readonly DisplayInfo[]): DisplayInfo[] {
  return [...displays].sort((a, b) => {
    if (a.primary !== b.primary) return a.primary ? -1 : 1;
    return a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id;
  });
}

export function primaryDisplay(displays: readonly DisplayInfo[]): DisplayInfo {
  const first = orderDisplays(displays)[0];
  if (!first) throw new Error('no display: the screen module reported none');
  return first;
}

/** The display a preference resolves to now, and whether that is a stand-in for an absent one. */
export function resolveDisplay(
  preferred: number | null,
  displays: readonly DisplayInfo[],
): { display: DisplayInfo; displaced: boolean } {
  const primary = primaryDisplay(displays);
  if (preferred === null) return { display: primary, displaced: false };
  const found = displays.find((d) => d.id === preferred);
  return found ? { display: found, displaced: false } : { display: primary, displaced: true };
}

/** Fit a rectangle inside an area: shrink to the area if larger, then slide it fully inside. */
export function clampIntoArea(rect: Rect, area: Rect): Rect {
  const width = Math.max(1, Math.min(Math.round(rect.width), area.width));
  const height = Math.max(1, Math.min(Math.round(rect.height), area.height));
  const x = Math.min(Math.max(Math.round(rect.x), area.x), area.x + area.width - width);
  const y = Math.min(Math.max(Math.round(rect.y), area.y), area.y + area.height - height);
  return { x, y, width, height };
}

/** A fresh window: the configured size capped to the work area, centred, cascaded by `slot`. */
export function defaultBounds(config: WindowConfig, workArea: Rect, slot = 0): Rect {
  const width = Math.min(config.defaultSize.width, workArea.width);
  const height = Math.min(config.defaultSize.height, workArea.height);
  const x = workArea.x + Math.floor((workArea.width - width) / 2) + slot * CASCADE_STEP;
  const y = workArea.y + Math.floor((workArea.height - height) / 2) + slot * CASCADE_STEP;
  return clampIntoArea({ x, y, width, height }, workArea);
}

/** The placement a screen gets when the layout does not mention it. */
export function defaultPlacement(config: WindowConfig, displays: readonly DisplayInfo[]): ScreenPlacement {
  const own = config.defaultDisplayIndex > 0 ? orderDisplays(displays)[config.defaultDisplayIndex] : undefined;
  if (own) return { screen: config.id, displayId: own.id, mode: config.defaultMode, room: null };
  // No monitor of its own: share the primary with the console, windowed.
  return {
    screen: config.id,
    displayId: null,
    mode: config.defaultDisplayIndex === 0 ? config.defaultMode : 'windowed',
    room: null,
  };
}

/** Plan one window. `slot` cascades fresh windows that share a display. */
export function planWindow(
  placement: ScreenPlacement,
  config: WindowConfig,
  displays: readonly DisplayInfo[],
  saved: SavedBounds,
  opts: { slot?: number; current?: CurrentWindow; key?: string } = {},
): WindowPlan {
  const { display, displaced } = resolveDisplay(placement.displayId, displays);
  const key = opts.key ?? placement.screen;
  const here = saved[displayKey(display)];
  // a window pinned since its bounds were saved (under its bare screen) keeps them; a second one does not take them
  const remembered = here?.[key] ?? (key.includes('#') ? undefined : here?.[placement.screen]);
  let bounds: Rect;
  if (remembered) bounds = clampIntoArea(remembered, display.workArea);
  else if (opts.current && opts.current.displayId === display.id) bounds = clampIntoArea(opts.current.bounds, display.workArea);
  else bounds = defaultBounds(config, display.workArea, opts.slot ?? 0);
  return {
    key,
    screen: placement.screen,
    displayId: display.id,
    preferredDisplayId: placement.displayId,
    displaced,
    bounds,
    // Parked on the primary: windowed, so a full-screen big screen does not hide the console.
    mode: displaced ? 'windowed' : placement.mode,
    room: placement.room,
  };
}

/**
 * Plan every window of a layout, several of one screen included (one console: a second is
 * dropped); fresh windows sharing a display are cascaded in layout order. `current` is keyed by
 * window key.
 */
export function planLayout(
  layout: ScreenLayout,
  configs: Record<ScreenId, WindowConfig>,
  displays: readonly DisplayInfo[],
  saved: SavedBounds,
  current: Record<string, CurrentWindow> = {},
): WindowPlan[] {
  const list = oneConsole(layout);
  const keys = windowKeys(list);
  const slots = new Map<number, number>();
  return list.map((placement, i) => {
    const target = resolveDisplay(placement.displayId, displays).display.id;
    const slot = slots.get(target) ?? 0;
    slots.set(target, slot + 1);
    const key = keys[i]!;
    return planWindow(placement, configs[placement.screen], displays, saved, { slot, current: current[key], key });
  });
}

/** The layout with its first console only. */
export function oneConsole<P extends Pick<ScreenPlacement, 'screen'>>(layout: readonly P[]): P[] {
  let console = false;
  return layout.filter((p) => {
    if (p.screen !== 'console') return true;
    if (console) return false;
    return (console = true);
  });
}

/**
 * The layout to open at start-up: the saved one (every window of it), plus every `openAtStart`
 * screen it does not mention (a first start has an empty layout).
 */
export function startupLayout(
  saved: ScreenLayout,
  configs: Record<ScreenId, WindowConfig>,
  displays: readonly DisplayInfo[],
): ScreenLayout {
  const out: ScreenLayout = oneConsole(saved);
  const seen = new Set<ScreenId>(out.map((p) => p.screen));
  for (const config of Object.values(configs)) {
    if (config.openAtStart && !seen.has(config.id)) out.push(defaultPlacement(config, displays));
  }
  return out;
}

/** The display a rectangle mostly overlaps (as Electron's screen.getDisplayMatching), else the nearest. */
export function displayMatching(rect: Rect, displays: readonly DisplayInfo[]): DisplayInfo {
  let best: DisplayInfo | undefined;
  let bestArea = 0;
  for (const d of displays) {
    const w = Math.min(rect.x + rect.width, d.bounds.x + d.bounds.width) - Math.max(rect.x, d.bounds.x);
    const h = Math.min(rect.y + rect.height, d.bounds.y + d.bounds.height) - Math.max(rect.y, d.bounds.y);
    const area = w > 0 && h > 0 ? w * h : 0;
    if (area > bestArea) {
      best = d;
      bestArea = area;
    }
  }
  if (best) return best;
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  const dist = (d: DisplayInfo) => {
    const dx = Math.max(d.bounds.x - cx, 0, cx - (d.bounds.x + d.bounds.width));
    const dy = Math.max(d.bounds.y - cy, 0, cy - (d.bounds.y + d.bounds.height));
    return dx * dx + dy * dy;
  };
  return [...orderDisplays(displays)].sort((a, b) => dist(a) - dist(b))[0] ?? primaryDisplay(displays);
}
