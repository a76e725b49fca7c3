/**
 * Comments read straight from the raw store: the last N `comment` events of a session before
 * a seq — what the replay's comment feed shows right after a seek, whatever the aggregator at
 * the new position holds. Reads backwards along the (session_id, seq) key, so the cost is the
 * rows between the cursor and the Nth comment before it, not the session.
 */
import type Database from 'better-sqlite3';
import type { CommentRow } from '../../shared/viewmodel/room';
import { displayText } from '../../shared/text/sanitize';
import { rawStmt } from './statements';

export const COMMENTS_BEFORE_DEFAULT = 16;

/** The last `limit` comments with seq < beforeSeq, oldest first, sanitised for display as the live feed's. */
export function commentsBefore(db: Database.Database, sessionId: string, beforeSeq: number, limit = COMMENTS_BEFORE_DEFAULT): CommentRow[] {
  const rows = rawStmt(db, "SELECT seq, ts, body FROM events WHERE session_id = ? AND seq < ? AND type = 'comment' ORDER BY seq DESC LIMIT ?").all(
    sessionId,
    beforeSeq,
    limit,
  ) as [number, number, string][];
  const out: CommentRow[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const [seq, ts, body] = rows[i]!;
    let e: { userId?: unknown; nickname?: unknown; text?: unknown };
    try {
      e = JSON.parse(body) as typeof e;
    } catch {
      continue; // a damaged row is skipped, as every reader of the store does
    }
    out.push({
      seq,
      ts,
      userId: String(e.userId ?? ''),
      nickname: displayText(String(e.nickname ?? ''), 24),
      text: displayText(String(e.text ?? ''), 200),
    });
  }
  return out;
}
