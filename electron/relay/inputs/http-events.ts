/**
 * The `http` input: `POST /events` on the relay's port, `Authorization: Bearer T` when the relay
 * has a token, body NDJSON (event-lines.ts). The reply comes after the accepted lines are
 * committed to the spool:
 *   200 `{ ok: true, accepted, duplicates, rejected: [{ line, reason }] }` when a line was taken,
 *   400 the same with `ok: false` when none was, 401 without the token, 413 over the size limit,
 *   503 `{ ok: false, error }` (Retry-After) when the spool cannot commit (disk full): nothing of
 *   that body is stored and the same body can be sent again.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tokenMatches } from '../../wall/access';
import { bearer, BodyTooLarge, readBody, sendJson } from '../http-util';
import { CommitFailed, type Intake, type Submission } from '../intake';
import type { InputStats } from '../input-stats';
import { ndjsonLines, parseEventLine } from '../event-lines';

export const MAX_EVENTS_BODY_BYTES = 16 * 1024 * 1024;
/** rejected lines listed in a reply at most (all are counted) */
const MAX_LISTED = 1000;

export async function handleEventsPost(req: IncomingMessage, res: ServerResponse, ctx: { intake: Intake; stats: InputStats; token?: string }): Promise<void> {
  const { stats } = ctx;
  if (ctx.token !== undefined && !tokenMatches(bearer(req), ctx.token)) {
    stats.rejects.add('unauthorized', 1, 'POST /events without the relay token');
    req.resume();
    return sendJson(res, 401, { ok: false, error: 'unauthorized' });
  }
  let body: Buffer;
  try {
    body = await readBody(req, MAX_EVENTS_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      stats.rejects.add('too_large', 1, err.message);
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { ok: false, error: err.message });
    }
    throw err;
  }
  const rejected: { line: number; reason: string }[] = [];
  const items: Submission[] = [];
  const lineOf: number[] = [];
  for (const { line, text } of ndjsonLines(body.toString('utf8'))) {
    stats.received++;
    const v = parseEventLine(text);
    if (v.ok) {
      items.push(v.submission);
      lineOf.push(line);
    } else rejected.push({ line, reason: v.reason });
  }
  if (items.length === 0 && rejected.length === 0) return sendJson(res, 400, { ok: false, error: 'empty body: send NDJSON, one event per line' });
  let accepted = 0;
  let duplicates = 0;
  if (items.length) {
    try {
      const outcomes = await ctx.intake.submit(items);
      outcomes.forEach((o, i) => {
        if (!o.ok) rejected.push({ line: lineOf[i]!, reason: o.reason });
        else if (o.duplicate) duplicates++;
        else accepted++;
      });
    } catch (err) {
      if (!(err instanceof CommitFailed)) throw err;
      stats.rejects.add('spool_full', items.length, err.message);
      return sendJson(res, 503, { ok: false, error: `not stored, send again later: ${err.message}` }, { 'retry-after': '5' });
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  for (const r of rejected) stats.rejects.add('bad_line', 1, `line ${r.line}: ${r.reason}`);
  stats.accepted += accepted;
  stats.duplicates += duplicates;
  const taken = accepted + duplicates > 0;
  sendJson(res, taken ? 200 : 400, { ok: taken, accepted, duplicates, rejected: rejected.slice(0, MAX_LISTED), ...(rejected.length > MAX_LISTED ? { rejectedTotal: rejected.length } : {}) });
}
