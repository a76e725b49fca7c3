/**
 * Every schema migration, in order. A migration is a numbered file NNN-name.ts exporting
 * `version` (= its number), `name` and `up(db)`; it runs inside a transaction that also sets
 * `PRAGMA user_version = version`, so a store is always at exactly one version.
 * Listed by hand (not read from the folder) so esbuild bundles them into the worker and CLI.
 */
import type Database from 'better-sqlite3';
import * as m001 from './001-initial';
import * as m002 from './002-alerts';
import * as m003 from './003-checkpoints';
import * as m004 from './004-notes';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004];

/** The schema version this build of the app writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;
