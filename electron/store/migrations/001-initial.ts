/**
 * Migration 1: the raw event store and its companions (interfaces.md "Store"). Later
 * migrations add tables or columns; they never change these columns.
 *
 * `events` is WITHOUT ROWID: the primary key (session_id, seq) *is* the b-tree, so a session's
 * events sit together on disk in seq order. Measured with 5,000-row batches of ~200-byte bodies
 * (test/electron/store/writer-speed.test.ts, /tmp bench): insert speed is the same within noise
 * (≈250–350k rows/s either way on this machine) — the rowid table writes two b-trees (table +
 * the unique index) but into the table's append-only right edge, the WITHOUT ROWID table writes
 * one b-tree in key order — while reading a session back (export, replay, diagnosis) is one
 * range scan instead of an index walk with a random table-page read per row, and the file is
 * smaller (no second copy of the key). So reads decide it.
 */
import type Database from 'better-sqlite3';

export const version = 1;
export const name = 'initial';

export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE sessions (
      session_id TEXT PRIMARY KEY,
      room_id    TEXT,
      title      TEXT,
      shop_id    TEXT,
      host_id    TEXT,
      host_name  TEXT,
      host_kind  TEXT,
      started_at INTEGER,
      ended_at   INTEGER,
      last_seq   INTEGER NOT NULL DEFAULT 0,
      events     INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sessions_started_at ON sessions (started_at);

    CREATE TABLE events (
      session_id TEXT    NOT NULL,
      seq        INTEGER NOT NULL,
      ts         INTEGER NOT NULL,
      type       TEXT    NOT NULL,
      body       TEXT    NOT NULL,
      PRIMARY KEY (session_id, seq)
    ) WITHOUT ROWID;

    CREATE TABLE rejects (
      session_id TEXT    NOT NULL,
      seq        INTEGER,
      reason     TEXT    NOT NULL,
      detail     TEXT    NOT NULL,
      at         INTEGER NOT NULL
    );
    CREATE INDEX rejects_session ON rejects (session_id, seq);

    CREATE TABLE gaps (
      session_id TEXT    NOT NULL,
      from_seq   INTEGER NOT NULL,
      to_seq     INTEGER NOT NULL,
      PRIMARY KEY (session_id, from_seq)
    );

    CREATE TABLE rollups (
      session_id TEXT    NOT NULL,
      kind       TEXT    NOT NULL,
      upto_seq   INTEGER NOT NULL,
      body       TEXT    NOT NULL,
      PRIMARY KEY (session_id, kind)
    );

    CREATE TABLE kv (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `);
}
