/**
 * Spool migration 1: what `luopan relay` keeps (docs/connect.md). The spool is its own SQLite
 * file with its own schema (application_id SPOOL_APPLICATION_ID), never a Luopan store.
 *
 * - spool_sessions: one row per session the relay numbers; `last_seq` is the highest seq handed
 *   out and durable — the next event gets last_seq + 1, so a restart never re-numbers a seq.
 * - spool_events: every event as the text that is served (seq and ts included), WITHOUT ROWID so
 *   a session's events sit together in seq order, as in the store.
 * - spool_room_aliases: the ids a session's room is known by (session.start's roomId, the
 *   platform's per-broadcast room id from a capture tool), to route an order to its session.
 * - spool_seen: keys an input has handled once (抖店 msg_id, an order's dispute), so a re-sent
 *   push is not counted twice.
 * - spool_orders: 抖店 order → the session it was created in.
 * - spool_state: an input's small durable state (千川 cumulative baselines), written in the same
 *   transaction as the events computed from it.
 * - spool_log: what an input received and could not map (unknown tags, frames), bounded.
 */
import type Database from 'better-sqlite3';

export const version = 1;
export const name = 'spool';

export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE spool_sessions (
      session_id TEXT PRIMARY KEY,
      room_key   TEXT NOT NULL,
      room_id    TEXT NOT NULL,
      last_seq   INTEGER NOT NULL,
      last_ts    INTEGER NOT NULL,
      started_at INTEGER NOT NULL,
      ended_at   INTEGER
    );
    CREATE INDEX spool_sessions_room ON spool_sessions (room_key, started_at);

    CREATE TABLE spool_events (
      session_id TEXT    NOT NULL,
      seq        INTEGER NOT NULL,
      body       TEXT    NOT NULL,
      PRIMARY KEY (session_id, seq)
    ) WITHOUT ROWID;

    CREATE TABLE spool_room_aliases (
      alias      TEXT NOT NULL,
      session_id TEXT NOT NULL,
      PRIMARY KEY (alias, session_id)
    ) WITHOUT ROWID;

    CREATE TABLE spool_seen (
      input TEXT    NOT NULL,
      key   TEXT    NOT NULL,
      at    INTEGER NOT NULL,
      PRIMARY KEY (input, key)
    ) WITHOUT ROWID;

    CREATE TABLE spool_orders (
      order_id   TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      parent_id  TEXT NOT NULL
    );
    CREATE INDEX spool_orders_parent ON spool_orders (parent_id);

    CREATE TABLE spool_state (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    CREATE TABLE spool_log (
      id     INTEGER PRIMARY KEY,
      at     INTEGER NOT NULL,
      input  TEXT    NOT NULL,
      kind   TEXT    NOT NULL,
      detail TEXT    NOT NULL
    );
  `);
}
