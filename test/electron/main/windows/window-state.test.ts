import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileBoundsStore, parseWindowState, serializeWindowState } from '../../../../electron/main/windows/window-state';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'luopan-ws-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('window state file', () => {
  it('round-trips bounds through a real file', () => {
    const file = join(tmp(), 'sub', 'window-state.json');
    const store = fileBoundsStore(file);
    expect(store.load()).toEqual({});
    const bounds = { '2@3840x2160': { live: { x: 1500, y: 20, width: 1600, height: 900 } }, '-5@1280x384': { ad: { x: -1280, y: 0, width: 1280, height: 384 } } };
    store.save(bounds);
    expect(fileBoundsStore(file).load()).toEqual(bounds);
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
  });

  it('keeps what is valid in a damaged file and says how much it dropped', () => {
    const text = JSON.stringify({
      version: 1,
      bounds: {
        '1@1920x1080': { live: { x: 0, y: 0, width: 800, height: 600 }, nope: { x: 0, y: 0, width: 1, height: 1 }, ad: { x: 'a' } },
        'garbage key': { live: { x: 0, y: 0, width: 800, height: 600 } },
        '2@100x100': { product: { x: 0, y: 0, width: 0, height: 5 } },
      },
    });
    const { bounds, dropped } = parseWindowState(text);
    expect(bounds).toEqual({ '1@1920x1080': { live: { x: 0, y: 0, width: 800, height: 600 } } });
    expect(dropped).toBe(4);
  });

  it('starts empty from a file that is not JSON or of another version', () => {
    const dir = tmp();
    const lines: string[] = [];
    writeFileSync(join(dir, 'a.json'), '{"version":1,"bounds":{');
    expect(fileBoundsStore(join(dir, 'a.json'), (l) => lines.push(l)).load()).toEqual({});
    expect(lines[0]).toMatch(/ignored 1 damaged entry/);
    expect(parseWindowState(serializeWindowState({}).replace('"version": 1', '"version": 2')).bounds).toEqual({});
  });
});
