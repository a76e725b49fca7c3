/**
 * The sessions `luopan sim --db FILE [--session ID]` or `luopan sim --replay FILE.ndjson
 * [--session ID]` serves. An NDJSON file is first imported, all or nothing, into a temporary
 * store (electron/store/ndjson.ts: a truncated or corrupt file fails naming the line, and
 * nothing is served), so both inputs are served by the same RecordedShow.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { importNdjson, NdjsonLineError } from '../store/ndjson';
import { openStore } from '../store/open';
import { getSession, listSessions } from '../store/sessions';
import { RecordedShow } from './recorded-show';

export interface RecordedShows {
  shows: RecordedShow[];
  /** the `hello` source name */
  sourceName: string;
  /** one line per session served only in part (a hole in its seqs) */
  warnings: string[];
  close(): void;
}

export async function openRecordedShows(input: { db?: string; replay?: string; session?: string }): Promise<RecordedShows> {
  let db: Database.Database;
  let temp: string | null = null;
  const file = input.replay ?? input.db;
  if (!file) throw new Error('give --replay FILE.ndjson or --db FILE');
  if (input.replay !== undefined) {
    temp = mkdtempSync(join(tmpdir(), 'luopan-replay-src-'));
    db = openStore(join(temp, 'replay.db'));
    try {
      await importNdjson(input.replay, db);
    } catch (err) {
      db.close();
      rmSync(temp, { recursive: true, force: true });
      if (err instanceof NdjsonLineError) throw new Error(`${input.replay}: ${err.message}; nothing served`);
      throw err;
    }
  } else {
    db = openStore(file, { readonly: true });
  }
  const close = () => {
    db.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  };
  try {
    let ids: string[];
    if (input.session !== undefined) {
      if (!getSession(db, input.session)) throw new Error(`no session "${input.session.slice(0, 80)}" in ${file}`);
      ids = [input.session];
    } else {
      ids = listSessions(db)
        .sort((a, b) => a.startedAt - b.startedAt)
        .map((s) => s.sessionId);
      if (ids.length === 0) throw new Error(`${file} holds no sessions`);
    }
    const shows = ids.map((id) => new RecordedShow(db, id));
    const warnings = shows.filter((s) => s.hole !== null).map((s) => `session ${s.sessionId}: seq ${s.hole} is missing; served up to seq ${s.hole! - 1}`);
    return { shows, sourceName: `luopan-replay ${file}`, warnings, close };
  } catch (err) {
    close();
    throw err;
  }
}
