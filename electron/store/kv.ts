/** The `kv` table: settings, layout and alert rules as JSON values under a key. */
import type Database from 'better-sqlite3';
import { stmt } from './statements';

/** A setting's JSON value; null when missing or not valid JSON. */
export function getKv(db: Database.Database, key: string): unknown {
  const value = stmt(db, 'SELECT value FROM kv WHERE key = ?').pluck().get(key) as string | undefined;
  if (value === undefined) return null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

export function putKv(db: Database.Database, key: string, value: unknown): void {
  stmt(db, 'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value ?? null),
  );
}
