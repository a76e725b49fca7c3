/** Advice for the product and ad screens: pure rules over the room view (no I/O, no clock). */
export * from './ad-math';
export * from './diagnose-products';
export * from './message';
export * from './recommend';
export * from './reference';
