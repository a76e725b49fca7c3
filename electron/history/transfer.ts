/**
 * Export and import of sessions as NDJSON for the console (electron/store/ndjson.ts does the
 * format; this module pages and stages it for the API). Neither the socket (1 MB messages) nor
 * a worker's message port should carry a whole show at once, so:
 * - export is paged: `exportPage` returns the lines after a seq, the caller asks again;
 * - import is uploaded in pieces into a private temp file, then imported in one transaction on
 *   its own store connection (all or nothing; a re-import stores nothing twice). The engine's
 *   connection never holds the import's long transaction, so its other calls are not caught in it.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { ExportPage, ImportSummary } from '../../shared/api/contract';
import { importNdjson, lineOf, NdjsonLineError } from '../store/ndjson';
import { openStore } from '../store/open';
import { eventsOf } from '../store/events';
import { getSession } from '../store/sessions';

const PAGE_EVENTS = 5000;

/** The NDJSON lines of one session after `afterSeq`, at most `maxEvents` of them. */
export function exportPage(db: Database.Database, sessionId: string, afterSeq: number, maxEvents = PAGE_EVENTS): ExportPage {
  if (!getSession(db, sessionId)) throw new Error(`no session "${sessionId.slice(0, 80)}" in the store`);
  let ndjson = '';
  let events = 0;
  let lastSeq = afterSeq;
  let more = false;
  for (const row of eventsOf(db, sessionId, { afterSeq })) {
    if (events === maxEvents) {
      more = true;
      break; // leaving the loop closes the statement's iterator
    }
    ndjson += lineOf(sessionId, row) + '\n';
    events++;
    lastSeq = row.seq;
  }
  return { ndjson, events, lastSeq, done: !more };
}

export interface ImportUploadsOptions {
  /** the store file; each commit opens its own connection to it */
  dbFile: string;
  nativeBinding?: string;
  /** bytes one upload may hold (default 4 GB) */
  maxBytes?: number;
  /** uploads open at once (default 4) */
  maxOpen?: number;
  /** an upload without a chunk for this long is dropped (default 10 min) */
  idleMs?: number;
}

interface Upload {
  file: string;
  bytes: number;
  touched: number;
  committing: boolean;
}

/** Staged NDJSON uploads: begin → chunk… → commit (import, all or nothing) | abort. */
export class ImportUploads {
  private readonly dir = mkdtempSync(join(tmpdir(), 'luopan-import-'));
  private readonly uploads = new Map<string, Upload>();
  private readonly maxBytes: number;
  private readonly maxOpen: number;
  private readonly idleMs: number;

  constructor(private readonly opts: ImportUploadsOptions) {
    this.maxBytes = opts.maxBytes ?? 4 * 1024 ** 3;
    this.maxOpen = opts.maxOpen ?? 4;
    this.idleMs = opts.idleMs ?? 10 * 60_000;
  }

  begin(now = Date.now()): { importId: string } {
    this.dropIdle(now);
    if (this.uploads.size >= this.maxOpen) throw new Error(`too many imports at once (at most ${this.maxOpen}); wait for one to finish`);
    const importId = randomUUID();
    const file = join(this.dir, `${importId}.ndjson`);
    writeFileSync(file, '');
    this.uploads.set(importId, { file, bytes: 0, touched: now, committing: false });
    return { importId };
  }

  chunk(importId: string, text: string, now = Date.now()): { bytes: number } {
    const u = this.open(importId);
    const n = Buffer.byteLength(text);
    if (u.bytes + n > this.maxBytes) {
      this.abort(importId);
      throw new Error(`the file is larger than ${Math.round(this.maxBytes / 1024 ** 2)} MB; nothing was imported`);
    }
    appendFileSync(u.file, text);
    u.bytes += n;
    u.touched = now;
    return { bytes: u.bytes };
  }

  /** Import the staged file; a bad line fails it all with `line N: reason`. The upload is gone afterwards either way. */
  async commit(importId: string): Promise<ImportSummary> {
    const u = this.open(importId);
    u.committing = true;
    const db = openStore(this.opts.dbFile, { nativeBinding: this.opts.nativeBinding });
    try {
      return await importNdjson(u.file, db);
    } catch (err) {
      if (err instanceof NdjsonLineError) throw new Error(`${err.message}; nothing was imported`);
      throw err;
    } finally {
      db.close();
      this.remove(importId);
    }
  }

  abort(importId: string): { aborted: boolean } {
    const u = this.uploads.get(importId);
    if (!u || u.committing) return { aborted: false };
    this.remove(importId);
    return { aborted: true };
  }

  /** Remove every staged file (engine close). */
  close(): void {
    this.uploads.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private open(importId: string): Upload {
    const u = this.uploads.get(importId);
    if (!u) throw new Error('unknown or expired import; start the upload again');
    if (u.committing) throw new Error('this import is already being stored');
    return u;
  }

  private remove(importId: string): void {
    const u = this.uploads.get(importId);
    this.uploads.delete(importId);
    if (u) rmSync(u.file, { force: true });
  }

  private dropIdle(now: number): void {
    for (const [id, u] of this.uploads) if (!u.committing && now - u.touched > this.idleMs) this.remove(id);
  }

  /** Bytes staged for an upload (tests). */
  stagedBytes(importId: string): number | null {
    const u = this.uploads.get(importId);
    return u ? statSync(u.file).size : null;
  }
}
