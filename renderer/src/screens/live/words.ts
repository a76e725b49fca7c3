/**
 * UI words looked up once per language. A module re-rendered at every delta that calls `t()`
 * in its template pays vue-i18n's lookup each time (≈ 10 ms/s on the live screen at 10 deltas/s);
 * a computed map of the words it shows pays it when the language changes.
 */
import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';

export function useWords<K extends string>(keys: Record<K, string>): ComputedRef<Record<K, string>> {
  const { t } = useI18n();
  return computed(() => {
    const out = {} as Record<K, string>;
    for (const name of Object.keys(keys) as K[]) out[name] = t(keys[name]);
    return out;
  });
}
