/**
 * One NDJSON line of the http and stdin inputs → a submission: `{ sessionId, type, …fields }`
 * with `seq` and `ts` optional (the export format of `luopan export`). Parsed losslessly, so a
 * 64-bit number in a field the relay does not know is served as it came.
 */
import { parseLossless } from './lossless';
import type { Submission } from './intake';

export type LineVerdict = { ok: true; submission: Submission } | { ok: false; reason: string };

/** The longest line taken (a longer one is refused on its own, the others of the body are kept). */
export const MAX_LINE_CHARS = 1_000_000;

export function parseEventLine(line: string): LineVerdict {
  if (line.length > MAX_LINE_CHARS) return { ok: false, reason: `line longer than ${MAX_LINE_CHARS} characters` };
  let value: unknown;
  try {
    value = parseLossless(line);
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${String((err as Error).message).slice(0, 80)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
  const { sessionId, ...event } = value as Record<string, unknown>;
  if (typeof sessionId !== 'string' || sessionId.length === 0 || sessionId.length > 256) return { ok: false, reason: 'no sessionId (a string of 1–256 characters)' };
  if (typeof event.type !== 'string' || event.type.length === 0) return { ok: false, reason: 'no type' };
  // session.start carries its sessionId as a field of the event itself (docs/protocol.md)
  if (event.type === 'session.start') event.sessionId = sessionId;
  return { ok: true, submission: { sessionId, event } };
}

/** The lines of an NDJSON text with their 1-based numbers, blank lines left out. */
export function* ndjsonLines(text: string): Generator<{ line: number; text: string }> {
  let n = 0;
  for (const raw of text.split('\n')) {
    n++;
    const t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (t.trim() !== '') yield { line: n, text: t };
  }
}
