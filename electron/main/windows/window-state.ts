/**
 * Remembered window bounds (per display id + resolution), kept in a small JSON file in the
 * user-data folder. A damaged file costs only the remembered positions: what parses is kept,
 * the rest is dropped, and the app starts.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { SCREEN_IDS } from '../../../shared/api/contract';
import { screenOfKey, type SavedBounds } from './placement';

const VERSION = 1;
const rect = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});
const KEY = /^-?\d+@\d+x\d+$/;

/** Keep every well-formed (display key, screen, rect); drop the rest. */
export function parseWindowState(text: string): { bounds: SavedBounds; dropped: number } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { bounds: {}, dropped: 1 };
  }
  const file = raw as { version?: unknown; bounds?: unknown };
  if (typeof raw !== 'object' || raw === null || file.version !== VERSION || typeof file.bounds !== 'object' || file.bounds === null) {
    return { bounds: {}, dropped: 1 };
  }
  const bounds: SavedBounds = {};
  let dropped = 0;
  for (const [key, perScreen] of Object.entries(file.bounds as Record<string, unknown>)) {
    if (!KEY.test(key) || typeof perScreen !== 'object' || perScreen === null) {
      dropped++;
      continue;
    }
    for (const [screen, r] of Object.entries(perScreen as Record<string, unknown>)) {
      const parsed = rect.safeParse(r);
      // a window key: screen, screen@room, screen@room#n (placement.ts windowKeys)
      if (!(SCREEN_IDS as readonly string[]).includes(screenOfKey(screen)) || screen.length > 600 || !parsed.success) {
        dropped++;
        continue;
      }
      bounds[key] = { ...bounds[key], [screen]: parsed.data };
    }
  }
  return { bounds, dropped };
}

export function serializeWindowState(bounds: SavedBounds): string {
  return `${JSON.stringify({ version: VERSION, bounds }, null, 2)}\n`;
}

/** The bounds store the window manager uses, on a file. */
export function fileBoundsStore(file: string, log: (m: string) => void = () => {}) {
  return {
    load(): SavedBounds {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return {}; // first start
      }
      const { bounds, dropped } = parseWindowState(text);
      if (dropped > 0) log(`window state: ignored ${dropped} damaged entr${dropped === 1 ? 'y' : 'ies'} in ${file}`);
      return bounds;
    },
    save(bounds: SavedBounds): void {
      // write-then-rename: a crash mid-write leaves the previous file, never half a file
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, serializeWindowState(bounds));
      renameSync(tmp, file);
    },
  };
}
