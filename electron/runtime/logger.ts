/**
 * Where the Node side's parts write what they have to say: one line at a time, already one
 * line (errorLine, shared/text/error-line.ts, for an error). The host decides where lines go — the
 * terminal for the CLI, the worker's parent for the desktop engine, an array in a test.
 */
export type Logger = (line: string) => void;
