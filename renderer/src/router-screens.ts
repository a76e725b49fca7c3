/** The screens the index lists, in order (routes of docs/product.md "Screen routes"). */
export const SCREEN_ROUTES = [
  { id: 'overview', path: '/overview' },
  { id: 'live', path: '/live' },
  { id: 'product', path: '/product' },
  { id: 'ad', path: '/ad' },
  { id: 'traffic', path: '/traffic' },
  { id: 'console', path: '/console' },
  { id: 'sessions', path: '/sessions' },
  { id: 'diagnosis', path: '/diagnosis' },
  { id: 'rollup', path: '/rollup' },
  { id: 'settings', path: '/settings' },
  { id: 'help', path: '/help' },
] as const;
