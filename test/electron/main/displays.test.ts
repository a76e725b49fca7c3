/** `displays.list` in the desktop shell: main answers it from Electron's screen, through the checked relay. */
import { describe, expect, it } from 'vitest';
import type { EngineHost } from '../../../electron/engine/host';
import { dispatchApiCall } from '../../../shared/api/dispatch';
import { createApiRelay, displayList } from '../../../electron/main/ipc';
import { FakeScreen, fakeDisplay } from './fakes/fake-electron';

const APP = { senderFrame: { url: 'luopan://app/index.html#/console' } };
const handlers = {} as EngineHost['handlers'];
const engine: EngineHost = { handlers, dispatch: (m, a) => dispatchApiCall(handlers, m, a), onPush: () => () => undefined, close: async () => undefined };

describe('displays.list (desktop)', () => {
  it('lists every monitor with its size, the primary marked, labels defaulted', async () => {
    const screen = new FakeScreen([fakeDisplay(7, 0, 0, 2560, 1440), { ...fakeDisplay(9, 2560, 0, 3840, 2160), label: 'LG TV' } as ReturnType<typeof fakeDisplay>], 9);
    const relay = createApiRelay({ engine, overrides: { 'displays.list': () => displayList(screen) } });
    expect(await relay(APP, 'displays.list', [])).toEqual({
      ok: true,
      value: [
        { id: 7, label: 'Display 1', width: 2560, height: 1440, primary: false },
        { id: 9, label: 'LG TV', width: 3840, height: 2160, primary: true },
      ],
    });
    screen.remove(7);
    expect(displayList(screen).map((d) => d.id)).toEqual([9]);
  });
});
