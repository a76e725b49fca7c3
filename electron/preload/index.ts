// Placeholder: the preload exposing the typed Bridge (shared/api/contract.ts) replaces this.
export {};
