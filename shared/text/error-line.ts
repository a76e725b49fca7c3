/**
 * The one line of an error that may leave the place it happened: an API reply to a screen, a
 * worker's answer, a CLI message, a status field. Only the first line of the message — never a
 * stack, a require chain or a path on a later line — trimmed and bounded.
 */

/** At most this many characters by default (a reply or a log line, not a report). */
export const ERROR_LINE_MAX = 300;

/** The first line of `err`'s message (or of `String(err)`), at most `max` characters ('…' at the cut). */
export function errorLine(err: unknown, max = ERROR_LINE_MAX): string {
  const message = err instanceof Error ? err.message : String((err as { message?: unknown } | null)?.message ?? err);
  const line = message.split(/\r?\n/, 1)[0]?.trim() || 'internal error';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
