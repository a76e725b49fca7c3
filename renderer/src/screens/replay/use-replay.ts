/**
 * The replay page's link to the engine's replay: the pushed `replay.state` and the controls as
 * calls. A failing call leaves its one-line reason in `error`; the state is whatever the engine
 * said last (a reply or a push), so several pages on the same engine stay in step. A call that
 * timed out (a long seek on a busy machine) is not a failure once a push shows the engine alive.
 */
import { onBeforeUnmount, ref, shallowRef } from 'vue';
import type { Bridge, ReplaySpeed, ReplayState } from '../../../../shared/api/contract';

export function useReplay(bridge: Bridge) {
  const state = shallowRef<ReplayState | null>(null);
  const error = ref<string | null>(null);
  let timedOut = false;
  const off = bridge.on('replay.state', (s) => {
    state.value = s;
    if (timedOut) error.value = null;
    timedOut = false;
  });
  onBeforeUnmount(off);

  async function run(call: Promise<ReplayState>): Promise<void> {
    try {
      state.value = await call;
      error.value = null;
      timedOut = false;
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err);
      timedOut = /no answer within/.test(error.value);
    }
  }

  return {
    state,
    error,
    open: (sessionId: string) => run(bridge.call('replay.open', sessionId)),
    play: () => run(bridge.call('replay.play')),
    pause: () => run(bridge.call('replay.pause')),
    speed: (n: ReplaySpeed) => run(bridge.call('replay.speed', n)),
    seek: (minute: number) => run(bridge.call('replay.seek', Math.max(0, minute))),
    close: () => run(bridge.call('replay.close')),
  };
}
