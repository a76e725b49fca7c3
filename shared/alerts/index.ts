/** Alerts: rules (validated), the edge-triggered evaluator, the owning screen and the message. */
export * from './rules';
export * from './owner';
export * from './evaluator';
export * from './message';
export * from './records';
