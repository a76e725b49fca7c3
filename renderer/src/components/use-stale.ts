/** Whether a screen's figures are stale: the link or the source is down (anything but live, replay, paused or ended). */
import { computed, type ComputedRef } from 'vue';
import { useLiveStore } from '../stores/live';

const FRESH = new Set(['live', 'replay', 'paused', 'ended']);

export function useStale(): ComputedRef<boolean> {
  const live = useLiveStore();
  return computed(() => !FRESH.has(live.status));
}
