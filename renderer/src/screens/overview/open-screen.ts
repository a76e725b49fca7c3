/**
 * A tile opens a big screen pinned to its room: in this window (the wall's browser tab, or a
 * desktop window), `#/<screen>?room=<roomId>`; Back returns to the overview.
 */
import type { Router } from 'vue-router';

export async function openScreen(router: Router, screen: string, room: string): Promise<void> {
  await router.push({ path: `/${screen}`, query: { room } });
}
