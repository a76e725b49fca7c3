/**
 * Hash routes (a file:// or custom-protocol page and the wall server alike serve one
 * index.html). `?room=ID` pins a screen to one room; it may sit in the hash (`#/live?room=ID`)
 * or before it (`/?room=ID#/live`, next to `?token=`).
 */
import { createRouter, createWebHashHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router';
import IndexScreen from './screens/IndexScreen.vue';
import LiveScreen from './screens/live/LiveScreen.vue';

export const routes: RouteRecordRaw[] = [
  { path: '/', component: IndexScreen },
  // the live screen is the default wall screen: in the main bundle, no second round trip before the first paint
  { path: '/live', component: LiveScreen, meta: { screen: 'live' } },
  { path: '/overview', component: () => import('./screens/overview/OverviewScreen.vue'), meta: { screen: 'overview' } },
  { path: '/rollup', component: () => import('./screens/rollup/RollupScreen.vue'), meta: { screen: 'rollup' } },
  { path: '/product', component: () => import('./screens/product/ProductScreen.vue'), meta: { screen: 'product' } },
  { path: '/ad', component: () => import('./screens/ad/AdScreen.vue'), meta: { screen: 'ad' } },
  { path: '/traffic', component: () => import('./screens/traffic/TrafficScreen.vue'), meta: { screen: 'traffic' } },
  { path: '/sessions', component: () => import('./screens/sessions/SessionsScreen.vue'), meta: { screen: 'sessions' } },
  { path: '/replay/:sessionId', component: () => import('./screens/replay/ReplayScreen.vue'), meta: { screen: 'replay' } },
  { path: '/review/:sessionId', component: () => import('./screens/review/ReviewScreen.vue'), meta: { screen: 'review' } },
  { path: '/diagnosis', component: () => import('./screens/diagnosis/DiagnosisScreen.vue'), meta: { screen: 'diagnosis' } },
  { path: '/console', component: () => import('./screens/console/ConsoleScreen.vue'), meta: { screen: 'console' } },
  { path: '/settings', component: () => import('./screens/console/ConsoleScreen.vue'), meta: { screen: 'console', section: 'settings' } },
  { path: '/help', component: () => import('./screens/help/HelpScreen.vue'), meta: { screen: 'help' } },
  { path: '/:rest(.*)*', redirect: '/' },
];

export function createAppRouter() {
  return createRouter({ history: createWebHashHistory(), routes });
}

/** The `?room=` pin of a route, or of the page URL before the hash; the replay page shows its replay's room. */
export function roomPin(route: RouteLocationNormalized, search: string): string | null {
  if (route.meta.screen === 'replay' && typeof route.params.sessionId === 'string' && route.params.sessionId) return `replay:${route.params.sessionId.slice(0, 248)}`;
  const q = route.query.room;
  const fromHash = Array.isArray(q) ? q[0] : q;
  if (typeof fromHash === 'string' && fromHash.length > 0) return fromHash.slice(0, 256);
  const fromPage = new URLSearchParams(search).get('room');
  return fromPage ? fromPage.slice(0, 256) : null;
}
