/**
 * The ghost curves of the room on screen (shared/ghost/curves.ts), asked of the engine
 * (`ghosts.get`) once per session: earlier sessions do not change while this one runs.
 * `undefined` while asking, `null` when they could not be had.
 */
import { shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { GhostCurves } from '../../../shared/ghost/curves';
import type { RoomInfo } from '../../../shared/viewmodel/room';
import { getBridge } from '../bridge';

export function useGhosts(info: Readonly<Ref<RoomInfo | null>>): ShallowRef<GhostCurves | null | undefined> {
  const curves = shallowRef<GhostCurves | null | undefined>(undefined);
  watch(
    () => info.value?.sessionId || null,
    async (sessionId) => {
      curves.value = undefined;
      if (!sessionId) return;
      try {
        const got = await getBridge().call('ghosts.get', sessionId);
        if ((info.value?.sessionId || null) === sessionId) curves.value = got;
      } catch {
        if ((info.value?.sessionId || null) === sessionId) curves.value = null;
      }
    },
    { immediate: true },
  );
  return curves;
}
