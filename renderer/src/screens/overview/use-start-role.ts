/**
 * The role the console set the app to open in (Settings.startRole: '' | 'shop:ID' |
 * 'talent:ID' | 'agency:ID'), for the overview when its address names no role.
 */
import { ref, type Ref } from 'vue';
import { getBridge } from '../../bridge';
import type { Role } from './overview-model';

/** '' → every room; 'kind:id' → that role; anything else → every room. */
export function parseStartRole(value: string): Role {
  const m = /^(shop|talent|agency):(.+)$/.exec(value);
  return m ? { kind: m[1] as 'shop' | 'talent' | 'agency', id: m[2]!.trim() } : { kind: 'all' };
}

export function useStartRole(): Ref<Role> {
  const role = ref<Role>({ kind: 'all' });
  getBridge()
    .call('settings.get')
    .then((s) => (role.value = parseStartRole(s.startRole ?? '')))
    .catch(() => undefined);
  return role;
}
