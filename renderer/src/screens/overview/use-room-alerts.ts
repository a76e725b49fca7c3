/**
 * Which rooms have an active alert, for the overview's tiles: an alert counts as active for
 * ACTIVE_MS after it fired (wall clock; the engine pushes `alert.fired`, edge-triggered, so there
 * is no "resolved" event). Alerts that fired before the page opened come from `alerts.list` of
 * each room's session, the first time the room is seen, dated on the room's event clock.
 */
import { onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue';
import { alertMessage } from '../../../../shared/alerts/message';
import type { AlertFired } from '../../../../shared/alerts/records';
import type { RoomView } from '../../../../shared/viewmodel/room';
import { getBridge } from '../../bridge';
import type { Locale } from '../../format/format';

export const ACTIVE_MS = 5 * 60_000;

export function useRoomAlerts(views: Ref<Record<string, RoomView>>, keys: Ref<readonly string[]>, locale: Ref<string>) {
  /** sessionId → { until (wall ms), text } */
  const active = ref<Record<string, { until: number; text: string }>>({});
  const asked = new Set<string>();
  let off: (() => void) | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  function mark(sessionId: string, until: number, text: string): void {
    if ((active.value[sessionId]?.until ?? 0) >= until) return;
    active.value = { ...active.value, [sessionId]: { until, text } };
  }

  async function backfill(sessionId: string, view: RoomView): Promise<void> {
    try {
      const records = await getBridge().call('alerts.list', sessionId);
      const last = records[records.length - 1];
      if (!last) return;
      // how long ago on the room's own clock, then counted from now on the wall clock
      const age = Math.max(0, view.eventTime - last.ts);
      if (age < ACTIVE_MS) mark(sessionId, Date.now() + ACTIVE_MS - age, last.message);
    } catch {
      /* no history: only new alerts light up */
    }
  }

  watch(
    keys,
    (list) => {
      for (const k of list) {
        const v = views.value[k];
        if (!v || asked.has(v.info.sessionId)) continue;
        asked.add(v.info.sessionId);
        void backfill(v.info.sessionId, v);
      }
    },
    { immediate: true },
  );

  onMounted(() => {
    off = getBridge().on('alert.fired', (f: AlertFired) => mark(f.sessionId, Date.now() + ACTIVE_MS, alertMessage(f, locale.value as Locale)));
    timer = setInterval(() => {
      const now = Date.now();
      const kept = Object.entries(active.value).filter(([, a]) => a.until > now);
      if (kept.length !== Object.keys(active.value).length) active.value = Object.fromEntries(kept);
    }, 5_000);
  });
  onBeforeUnmount(() => {
    off?.();
    if (timer) clearInterval(timer);
  });

  /** the active alert's text for a session, or null */
  return (sessionId: string): string | null => active.value[sessionId]?.text ?? null;
}
