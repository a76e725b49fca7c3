/**
 * Migration 1: the raw event store and its companions (interfaces.md "Store"). Later
 * migrations add tables or columns; they never change these columns.
 *
 * `events` is WITHOUT ROWID: the primary key (session_id, seq) *is* the b-tree, so a session's
 * events sit together on disk in seq order. Measured on this machine (2 shared cores, WAL,
 * synchronous=NORMAL, 5,000-row batches of ~200-byte bodies, 4–8 sessions interleaved):
 * - inserts: the same within noise, ≈260–330k rows/s either way (the rowid table writes two
 *   b-trees — table + the unique index — the WITHOUT ROWID table one, in key order);
 * - reading one session of 8 interleaved ones back (export, replay, diagnosis), warm cache:
 *   ≈640–680k rows/s WITHOUT ROWID vs ≈590–610k with rowid + index — and with a cold cache the
 *   rowid layout pays a random table-page read per row where WITHOUT ROWID scans a range;
 * - file size: the same (the bodies dominate).
 * So reads decide it.
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
