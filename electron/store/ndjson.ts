/**
 * Sessions as NDJSON (docs/product.md "The luopan command line"): one line per stored event,
 * `{"sessionId":…, …event}`, session by session in seq order; rejected events are not in the
 * events table, so they are not exported.
 *
 * Byte-identical round trip: a line is `{"sessionId":"<id>",` + the stored body without its
 * opening brace, so import recovers the body exactly by removing that prefix. A `session.start`
 * body already carries the same sessionId; it is written verbatim (no duplicate key).
 *
 * Import is all-or-nothing per file: every line is checked (JSON object, a sessionId, passes
 * validateEvent — unknown types are kept) inside one transaction; the first bad line rolls
 * everything back and is reported as `line N: reason`. Rows go through EventWriter, so a
 * re-import stores nothing twice and the sessions rows are filled exactly as when recording.
 */
import { createReadStream, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { validateEvent } from '../../shared/protocol/validate';
import { EventWriter, type EventRow } from './event-writer';
import { toStoreError } from './errors';
import { eventsOf } from './events';
import { getSession, listSessions, type SessionRow } from './sessions';

export interface ExportProgress { sessions: number; totalSessions: number; events: number; totalEvents: number }
export interface ExportResult { sessions: number; events: number }
export interface ImportProgress { bytes: number; totalBytes: number; lines: number }
export interface ImportResult { lines: number; sessions: number; inserted: number; duplicates: number }

/** A bad line of an NDJSON file; `line` is 1-based. */
export class NdjsonLineError extends Error {
  override readonly name = 'NdjsonLineError';
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const CHUNK_CHARS = 64 * 1024;
const FLUSH_ROWS = 5000;

function prefixOf(sessionId: string): string {
  return `{"sessionId":${JSON.stringify(sessionId)}`;
}

function ownSessionId(body: string): unknown {
  try {
    return (JSON.parse(body) as { sessionId?: unknown }).sessionId;
  } catch {
    return undefined;
  }
}

/** The NDJSON line (without newline) of one stored event. */
export function lineOf(sessionId: string, row: EventRow): string {
  if (row.type === 'session.start' && ownSessionId(row.body) === sessionId) return row.body;
  const rest = row.body.slice(1);
  return prefixOf(sessionId) + (rest.trimStart().startsWith('}') ? rest : `,${rest}`);
}

/**
 * Write the stored events (all sessions, oldest first, or one) as NDJSON through `write`, in
 * ~64 KB chunks; a `write` returning a promise (stream back-pressure) is awaited.
 */
export async function exportNdjson(
  db: Database.Database,
  opts: { sessionId?: string },
  write: (chunk: string) => void | Promise<void>,
  onProgress?: (p: ExportProgress) => void,
): Promise<ExportResult> {
  let sessions: SessionRow[];
  if (opts.sessionId !== undefined) {
    const one = getSession(db, opts.sessionId);
    if (!one) throw new Error(`no session "${opts.sessionId}" in the store`);
    sessions = [one];
  } else {
    // oldest first; sessions started at the same time in id order
    sessions = listSessions(db).sort((x, y) => x.startedAt - y.startedAt || (x.sessionId < y.sessionId ? -1 : x.sessionId > y.sessionId ? 1 : 0));
  }
  const progress: ExportProgress = { sessions: 0, totalSessions: sessions.length, events: 0, totalEvents: sessions.reduce((n, s) => n + s.events, 0) };
  onProgress?.({ ...progress });
  let chunk = '';
  for (const s of sessions) {
    for (const row of eventsOf(db, s.sessionId)) {
      chunk += lineOf(s.sessionId, row) + '\n';
      progress.events++;
      if (chunk.length >= CHUNK_CHARS) {
        const pending = write(chunk);
        chunk = '';
        if (pending) await pending;
        onProgress?.({ ...progress });
      }
    }
    progress.sessions++;
  }
  if (chunk) {
    const pending = write(chunk);
    if (pending) await pending;
  }
  onProgress?.({ ...progress });
  return { sessions: progress.sessions, events: progress.events };
}

/** One NDJSON line → session id and the event row to store (the body exactly as exported). */
export function parseLine(line: string, lineNo: number): { sessionId: string; row: EventRow } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new NdjsonLineError(lineNo, `not valid JSON (${line.length > 40 ? `${line.slice(0, 40)}…` : line})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new NdjsonLineError(lineNo, 'not a JSON object');
  const obj = value as Record<string, unknown>;
  const sessionId = obj.sessionId;
  if (typeof sessionId !== 'string' || sessionId.length === 0 || sessionId.length > 256) {
    throw new NdjsonLineError(lineNo, 'no sessionId (a non-empty string of at most 256 characters)');
  }
  const verdict = validateEvent(obj);
  if (!verdict.ok) throw new NdjsonLineError(lineNo, `${verdict.reason}: ${verdict.detail}`);
  const { seq, ts, type } = verdict.event;
  if (type === 'session.start' && (verdict.event as { sessionId?: unknown }).sessionId !== sessionId) {
    throw new NdjsonLineError(lineNo, 'session.start of another session');
  }
  const prefix = prefixOf(sessionId);
  let body: string;
  const after = line.startsWith(prefix) ? line.slice(prefix.length) : '';
  if (after.startsWith(',') || after.trimStart().startsWith('}')) {
    // exactly what lineOf wrote: the body is the rest with its opening brace back
    const candidate = `{${after.startsWith(',') ? after.slice(1) : after}`;
    // a verbatim session.start that happens to begin with its sessionId keeps it
    body = type === 'session.start' && ownSessionId(candidate) === undefined ? line : candidate;
  } else if (type === 'session.start') {
    body = line;
  } else {
    // a line written by another tool: the event is everything but the sessionId added to it
    const { sessionId: _omit, ...event } = obj;
    body = JSON.stringify(event);
  }
  return { sessionId, row: { seq, ts, type, body } };
}

/** Lines of a file, streamed: [1-based line number, text without the line break]. */
async function* linesOf(file: string, onBytes: (n: number) => void): AsyncGenerator<[number, string]> {
  let rest = '';
  let lineNo = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    onBytes(Buffer.byteLength(chunk as string));
    const parts = (rest + (chunk as string)).split('\n');
    rest = parts.pop()!;
    for (const p of parts) yield [++lineNo, p.endsWith('\r') ? p.slice(0, -1) : p];
  }
  if (rest.length > 0) yield [++lineNo, rest.endsWith('\r') ? rest.slice(0, -1) : rest];
}

/**
 * Import an NDJSON file into the store, all or nothing. Throws NdjsonLineError (`line N: …`)
 * for the first bad line, StoreError for the store (disk_full, locked …); then nothing is stored.
 */
export async function importNdjson(file: string, db: Database.Database, onProgress?: (p: ImportProgress) => void): Promise<ImportResult> {
  let totalBytes: number;
  try {
    totalBytes = statSync(file).size;
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new Error(code === 'ENOENT' ? `${file}: no such file` : `${file}: ${(err as Error).message}`);
  }
  const writer = new EventWriter(db);
  const result: ImportResult = { lines: 0, sessions: 0, inserted: 0, duplicates: 0 };
  const progress: ImportProgress = { bytes: 0, totalBytes, lines: 0 };
  const seen = new Set<string>();
  let current: string | null = null;
  let rows: EventRow[] = [];
  const flush = () => {
    if (current === null || rows.length === 0) return;
    const r = writer.writeBatch(current, rows);
    result.inserted += r.inserted;
    result.duplicates += r.duplicates;
    rows = [];
  };

  // BEGIN … COMMIT by hand (not db.transaction()): the file is read asynchronously in between.
  // This connection is the importer's own, so nothing else joins the transaction meanwhile.
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (err) {
    throw toStoreError(err, db.name);
  }
  try {
    for await (const [lineNo, line] of linesOf(file, (n) => (progress.bytes += n))) {
      if (line.trim() === '') continue;
      const { sessionId, row } = parseLine(line, lineNo);
      if (sessionId !== current || rows.length >= FLUSH_ROWS) {
        flush();
        current = sessionId;
        seen.add(sessionId);
      }
      rows.push(row);
      result.lines++;
      progress.lines = result.lines;
      if (result.lines % FLUSH_ROWS === 0) onProgress?.({ ...progress });
    }
    flush();
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw toStoreError(err, db.name);
  }
  result.sessions = seen.size;
  onProgress?.({ ...progress });
  return result;
}
