/**
 * One pass over a session's stored events feeding one or more per-session computations (the
 * diagnosis stats, the session list's headline figures), each row parsed at most once.
 *
 * Why not iterateEvents (electron/store/queries.ts): profiling the cold diagnosis pass showed
 * half its time in the row iterator — a row object per event and a generator resumed per row.
 * Here rows come as arrays (`raw()`), a page of them per statement run (`all()` with LIMIT),
 * which reads about 1.5× faster; and because each page is a finished statement, the connection
 * is free between pages, so a background job can read a session a slice at a time on the
 * engine's connection while other queries run on it in between.
 */
import type Database from 'better-sqlite3';

/** A computation fed with a session's events in seq order. */
export interface EventFeed {
  /** Whether it reads events of this type; a row no feed wants is counted but not parsed. */
  wants(type: string): boolean;
  /** The parsed event body (JSON as stored; the store keeps validated events only). */
  add(event: unknown): void;
}

type RawRow = [seq: number, type: string, body: string];

const PAGE_ROWS = 4096;
const pageStatements = new WeakMap<Database.Database, Database.Statement>();

function pageStatement(db: Database.Database): Database.Statement {
  let s = pageStatements.get(db);
  if (!s) {
    s = db.prepare('SELECT seq, type, body FROM events WHERE session_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?').raw();
    pageStatements.set(db, s);
  }
  return s;
}

const UNPARSED = Symbol('unparsed');
const DAMAGED = Symbol('damaged');

/** Reads one session's events up to `upToSeq` into the feeds, all at once or in slices. */
export class SessionScan {
  /** rows read so far (every type, wanted or not) */
  rows = 0;
  /** seq of the last row read (0 before the first) */
  lastSeq = 0;
  done = false;

  constructor(
    private readonly db: Database.Database,
    readonly sessionId: string,
    readonly upToSeq: number,
    private readonly feeds: readonly EventFeed[],
  ) {}

  /** Read and feed up to `maxRows` more rows; true once every row up to `upToSeq` has been read. */
  step(maxRows = Number.POSITIVE_INFINITY): boolean {
    let budget = maxRows;
    while (!this.done && budget > 0) {
      const limit = Math.min(PAGE_ROWS, budget);
      const page = pageStatement(this.db).all(this.sessionId, this.lastSeq, this.upToSeq, limit) as RawRow[];
      for (const row of page) this.feed(row);
      budget -= page.length;
      if (page.length < limit) this.done = true;
    }
    return this.done;
  }

  private feed([seq, type, body]: RawRow): void {
    this.rows++;
    this.lastSeq = seq;
    let event: unknown = UNPARSED;
    for (const f of this.feeds) {
      if (!f.wants(type)) continue;
      if (event === UNPARSED) {
        try {
          event = JSON.parse(body);
        } catch {
          event = DAMAGED; // a damaged row is skipped, not fatal
        }
      }
      if (event !== DAMAGED) f.add(event);
    }
  }
}
