/** Where `luopan relay` listens when not told otherwise (docs/cli.md). */
export const DEFAULT_RELAY_PORT = 7100;
