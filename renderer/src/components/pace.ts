/**
 * How often the product, ad and traffic screens take each part of the view (store slices,
 * stores/live.ts): headline figures at every delta; tables, bars and advice — read at a
 * glance — twice a second; per-minute series once a second, as the charts redraw.
 */
export const GLANCE = { everyMs: 500 };
export const SERIES = { everyMs: 1000 };
