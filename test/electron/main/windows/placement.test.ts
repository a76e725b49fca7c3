import { describe, expect, it } from 'vitest';
import {
  CASCADE_STEP,
  clampIntoArea,
  defaultBounds,
  defaultPlacement,
  displayKey,
  displayMatching,
  orderDisplays,
  planLayout,
  planWindow,
  resolveDisplay,
  startupLayout,
  windowKeys,
  type DisplayInfo,
  type Rect,
} from '../../../../electron/main/windows/placement';
import { WINDOW_CONFIGS } from '../../../../electron/main/windows/window-configs';
import type { ScreenLayout } from '../../../../shared/api/contract';

function display(id: number, x: number, y: number, width: number, height: number, primary = false, taskbar = 40): DisplayInfo {
  return { id, primary, bounds: { x, y, width, height }, workArea: { x, y, width, height: height - taskbar } };
}
const laptop = display(1, 0, 0, 1440, 900, true);
const tv = display(2, 1440, 0, 3840, 2160);
const led = display(3, -1280, 0, 1280, 384, false, 0);

function inside(r: Rect, area: Rect): boolean {
  return r.x >= area.x && r.y >= area.y && r.x + r.width <= area.x + area.width && r.y + r.height <= area.y + area.height;
}

describe('displays', () => {
  it('keys bounds by display id and resolution', () => {
    expect(displayKey(tv)).toBe('2@3840x2160');
    expect(displayKey({ ...tv, bounds: { ...tv.bounds, width: 1920, height: 1080 } })).toBe('2@1920x1080');
  });

  it('orders primary first, then left to right', () => {
    expect(orderDisplays([tv, led, laptop]).map((d) => d.id)).toEqual([1, 3, 2]);
  });

  it('resolves a preference to the display or, when absent, to the primary marked displaced', () => {
    expect(resolveDisplay(2, [laptop, tv])).toEqual({ display: tv, displaced: false });
    expect(resolveDisplay(null, [tv, laptop])).toEqual({ display: laptop, displaced: false });
    expect(resolveDisplay(9, [tv, laptop])).toEqual({ display: laptop, displaced: true });
  });

  it('refuses to plan with no display at all', () => {
    expect(() => resolveDisplay(null, [])).toThrow(/no display/);
  });

  it('finds the display a window mostly overlaps, or the nearest one', () => {
    expect(displayMatching({ x: 1400, y: 10, width: 400, height: 300 }, [laptop, tv]).id).toBe(2);
    expect(displayMatching({ x: 1200, y: 10, width: 400, height: 300 }, [laptop, tv]).id).toBe(1);
    expect(displayMatching({ x: 9000, y: 10, width: 100, height: 100 }, [laptop, tv]).id).toBe(2);
  });
});

describe('clampIntoArea', () => {
  const area: Rect = { x: 100, y: 50, width: 800, height: 600 };
  it('slides an off-area window back inside', () => {
    expect(clampIntoArea({ x: 850, y: -20, width: 200, height: 100 }, area)).toEqual({ x: 700, y: 50, width: 200, height: 100 });
    expect(clampIntoArea({ x: -500, y: 900, width: 200, height: 100 }, area)).toEqual({ x: 100, y: 550, width: 200, height: 100 });
  });
  it('shrinks a window larger than the area to the area', () => {
    expect(clampIntoArea({ x: 0, y: 0, width: 4000, height: 3000 }, area)).toEqual(area);
  });
  it('leaves a window that fits untouched and rounds fractional pixels', () => {
    expect(clampIntoArea({ x: 200.4, y: 100.6, width: 300, height: 200 }, area)).toEqual({ x: 200, y: 101, width: 300, height: 200 });
  });
});

describe('default bounds and placement', () => {
  it('centres a fresh window and caps it to a small work area', () => {
    const b = defaultBounds(WINDOW_CONFIGS.live, tv.workArea);
    expect(b.width).toBe(1280);
    expect(b.x + b.width / 2).toBe(tv.workArea.x + tv.workArea.width / 2);
    const small = defaultBounds(WINDOW_CONFIGS.live, led.workArea);
    expect(small).toEqual(led.workArea);
  });

  it('cascades fresh windows by slot but keeps them inside', () => {
    const a = defaultBounds(WINDOW_CONFIGS.product, laptop.workArea, 0);
    const b = defaultBounds(WINDOW_CONFIGS.product, laptop.workArea, 1);
    expect(b.x - a.x).toBe(CASCADE_STEP);
    const far = defaultBounds(WINDOW_CONFIGS.product, laptop.workArea, 50);
    expect(inside(far, laptop.workArea)).toBe(true);
  });

  it('gives a big screen its own monitor when there is one, else the primary windowed', () => {
    expect(defaultPlacement(WINDOW_CONFIGS.live, [laptop, tv])).toEqual({ screen: 'live', displayId: 2, mode: 'fullscreen', room: null });
    expect(defaultPlacement(WINDOW_CONFIGS.live, [laptop])).toEqual({ screen: 'live', displayId: null, mode: 'windowed', room: null });
    expect(defaultPlacement(WINDOW_CONFIGS.console, [laptop, tv])).toEqual({ screen: 'console', displayId: null, mode: 'windowed', room: null });
  });

  it('opens the saved layout — every window of it, two of one screen included — plus the start-up screens it does not mention, one console', () => {
    const saved: ScreenLayout = [
      { screen: 'ad', displayId: 2, mode: 'kiosk', room: 'r1' },
      { screen: 'ad', displayId: 1, mode: 'windowed', room: null },
      { screen: 'console', displayId: null, mode: 'windowed', room: null },
      { screen: 'console', displayId: 2, mode: 'windowed', room: null },
    ];
    const layout = startupLayout(saved, WINDOW_CONFIGS, [laptop, tv]);
    expect(layout.map((p) => p.screen)).toEqual(['ad', 'ad', 'console', 'live']);
    expect(layout[0]).toEqual(saved[0]);
    expect(layout[1]).toEqual(saved[1]);
  });

  it('keys each window by screen, pinned room and number among equals', () => {
    expect(
      windowKeys([
        { screen: 'live', room: null },
        { screen: 'live', room: 'room-1' },
        { screen: 'live', room: 'room-2' },
        { screen: 'live', room: 'room-1' },
        { screen: 'overview', room: null },
        { screen: 'live', room: null },
      ]),
    ).toEqual(['live', 'live@room-1', 'live@room-2', 'live@room-1#2', 'overview', 'live#2']);
  });
});

describe('planWindow', () => {
  it('uses bounds remembered for that display and resolution, clamped into the work area', () => {
    const saved = { [displayKey(tv)]: { live: { x: 5000, y: 100, width: 800, height: 600 } } };
    const plan = planWindow({ screen: 'live', displayId: 2, mode: 'windowed', room: null }, WINDOW_CONFIGS.live, [laptop, tv], saved);
    expect(plan).toMatchObject({ displayId: 2, displaced: false, mode: 'windowed' });
    expect(plan.bounds).toEqual({ x: 1440 + 3840 - 800, y: 100, width: 800, height: 600 });
  });

  it('ignores bounds remembered for the same display at another resolution', () => {
    const tvHd = display(2, 1440, 0, 1920, 1080);
    const saved = { [displayKey(tv)]: { live: { x: 3000, y: 1000, width: 3000, height: 1000 } } };
    const plan = planWindow({ screen: 'live', displayId: 2, mode: 'windowed', room: null }, WINDOW_CONFIGS.live, [laptop, tvHd], saved);
    expect(plan.bounds).toEqual(defaultBounds(WINDOW_CONFIGS.live, tvHd.workArea));
  });

  it('keeps a window where it is after a resolution change when nothing is remembered', () => {
    const tvHd = display(2, 1440, 0, 1920, 1080);
    const current = { displayId: 2, bounds: { x: 4000, y: 100, width: 1000, height: 500 } };
    const plan = planWindow({ screen: 'live', displayId: 2, mode: 'windowed', room: null }, WINDOW_CONFIGS.live, [laptop, tvHd], {}, { current });
    expect(plan.bounds).toEqual({ x: 1440 + 1920 - 1000, y: 100, width: 1000, height: 500 });
  });

  it('parks a screen whose display is gone on the primary, windowed, keeping its preference', () => {
    const plan = planWindow({ screen: 'live', displayId: 2, mode: 'fullscreen', room: 'r9' }, WINDOW_CONFIGS.live, [laptop], {});
    expect(plan).toMatchObject({ displayId: 1, preferredDisplayId: 2, displaced: true, mode: 'windowed', room: 'r9' });
    expect(inside(plan.bounds, laptop.workArea)).toBe(true);
  });

  it('sends it back, full-screen, when the display returns', () => {
    const placement = { screen: 'live' as const, displayId: 2, mode: 'fullscreen' as const, room: null };
    const saved = { [displayKey(tv)]: { live: { x: 2000, y: 200, width: 1600, height: 900 } } };
    const gone = planWindow(placement, WINDOW_CONFIGS.live, [laptop], saved);
    const back = planWindow(placement, WINDOW_CONFIGS.live, [laptop, tv], saved);
    expect(gone.displayId).toBe(1);
    expect(back).toMatchObject({ displayId: 2, displaced: false, mode: 'fullscreen', bounds: { x: 2000, y: 200, width: 1600, height: 900 } });
  });

  it('keeps kiosk mode per window', () => {
    const plan = planWindow({ screen: 'traffic', displayId: 3, mode: 'kiosk', room: null }, WINDOW_CONFIGS.traffic, [laptop, led], {});
    expect(plan).toMatchObject({ displayId: 3, mode: 'kiosk' });
    expect(plan.bounds).toEqual(led.workArea);
  });
});

describe('planLayout', () => {
  it('plans every window, several of one screen too, cascading fresh windows that share a display', () => {
    const layout: ScreenLayout = [
      { screen: 'console', displayId: null, mode: 'windowed', room: null },
      { screen: 'live', displayId: 7, mode: 'fullscreen', room: null },
      { screen: 'product', displayId: 1, mode: 'windowed', room: null },
      { screen: 'product', displayId: 2, mode: 'windowed', room: null },
      { screen: 'ad', displayId: 2, mode: 'fullscreen', room: null },
    ];
    const plans = planLayout(layout, WINDOW_CONFIGS, [laptop, tv], {});
    expect(plans.map((p) => [p.screen, p.displayId, p.displaced, p.mode])).toEqual([
      ['console', 1, false, 'windowed'],
      ['live', 1, true, 'windowed'],
      ['product', 1, false, 'windowed'],
      ['product', 2, false, 'windowed'],
      ['ad', 2, false, 'fullscreen'],
    ]);
    expect(plans.map((p) => p.key)).toEqual(['console', 'live', 'product', 'product#2', 'ad']);
    const onLaptop = plans.filter((p) => p.displayId === 1).map((p) => p.bounds);
    expect(new Set(onLaptop.map((b) => `${b.x},${b.y}`)).size).toBe(onLaptop.length);
    for (const p of plans) expect(inside(p.bounds, p.displayId === 1 ? laptop.workArea : tv.workArea)).toBe(true);
  });

  it('moves every window of a removed display and brings all of them back', () => {
    const layout: ScreenLayout = [
      { screen: 'live', displayId: 2, mode: 'fullscreen', room: null },
      { screen: 'product', displayId: 3, mode: 'kiosk', room: null },
      { screen: 'console', displayId: 1, mode: 'windowed', room: null },
    ];
    const all = planLayout(layout, WINDOW_CONFIGS, [laptop, tv, led], {});
    const onlyLaptop = planLayout(layout, WINDOW_CONFIGS, [laptop], {});
    expect(onlyLaptop.every((p) => p.displayId === 1)).toBe(true);
    expect(onlyLaptop.filter((p) => p.displaced).map((p) => p.screen)).toEqual(['live', 'product']);
    expect(planLayout(layout, WINDOW_CONFIGS, [laptop, tv, led], {})).toEqual(all);
  });

  it('plans the primary when the primary itself changes', () => {
    const newPrimary = { ...tv, primary: true };
    const plans = planLayout([{ screen: 'console', displayId: null, mode: 'windowed', room: null }], WINDOW_CONFIGS, [{ ...laptop, primary: false }, newPrimary], {});
    expect(plans[0]?.displayId).toBe(2);
  });
});
