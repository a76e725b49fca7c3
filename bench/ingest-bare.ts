/**
 * The comparison side of `npm run bench:ingest`: bare batched better-sqlite3 inserts of the rows a
 * recorder run stored, into a fresh database with the same schema (openStore), 5,000 rows per
 * transaction — no socket, no validation, no aggregation, no worker, no acks.
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openStore } from '../electron/store/open';

export type Row = [sessionId: string, seq: number, ts: number, type: string, body: string];

/** Every stored event of a recorded database, in session and seq order. */
export function loadRows(dbFile: string): Row[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare('SELECT session_id, seq, ts, type, body FROM events ORDER BY session_id, seq').raw().all() as Row[];
  } finally {
    db.close();
  }
}

const R = 32;

/**
 * Rows per second inserting `rows` into a fresh `file` (removed after): one INSERT per row, or
 * (multiRow) the writer's own statement, 32 rows per INSERT.
 */
export function timeBare(rows: Row[], file: string, multiRow: boolean): number {
  const bare = openStore(file);
  const insert1 = bare.prepare('INSERT OR IGNORE INTO events (session_id, seq, ts, type, body) VALUES (?, ?, ?, ?, ?)');
  const insert32 = bare.prepare(`INSERT OR IGNORE INTO events (session_id, seq, ts, type, body) VALUES ${Array(R).fill('(?, ?, ?, ?, ?)').join(', ')}`);
  const insertMany = bare.transaction((chunk: Row[]) => {
    let i = 0;
    if (multiRow) for (; i + R <= chunk.length; i += R) insert32.run(chunk.slice(i, i + R).flat());
    for (; i < chunk.length; i++) insert1.run(...chunk[i]!);
  });
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += 5000) insertMany(rows.slice(i, i + 5000));
  const perSec = rows.length / ((performance.now() - t0) / 1000);
  bare.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  return perSec;
}
