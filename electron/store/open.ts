/**
 * Opening the store: one function every reader and writer goes through, so each gets WAL,
 * the busy timeout, the migrations and the same one-line errors (errors.ts).
 *
 * Order matters for "a newer or corrupt file is left untouched": everything that could write
 * (journal mode, migrations) happens only after the header, the schema version and the schema
 * itself were read and found acceptable.
 */
import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, mkdirSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { errorLine } from '../../shared/text/error-line';
import { StoreError, storeMessage, toStoreError } from './errors';
import { MIGRATIONS, type Migration } from './migrations/index';

export type { Database };

export interface OpenStoreOptions {
  /** open for reading only: never creates, migrates or writes (missing file ⇒ not_found) */
  readonly?: boolean;
  /** how long a statement waits for another connection's lock before failing as `locked` */
  busyTimeoutMs?: number;
  /** better-sqlite3's `nativeBinding` (the Electron-ABI build in the desktop app) */
  nativeBinding?: string;
  /** another schema than the Luopan store's, e.g. the relay's spool (electron/store/spool) */
  schema?: StoreSchema;
}

/**
 * A schema a file is opened with: its migrations, and its SQLite `application_id`, so a file of
 * one schema is never migrated into another (a spool given as a store, or the other way round).
 */
export interface StoreSchema {
  migrations: readonly Migration[];
  /** PRAGMA application_id of a file of this schema; 0 for the Luopan store (files from before it was set) */
  applicationId: number;
  /** what a file of this schema is called in a refusal ("a Luopan relay spool") */
  what: string;
}

export const LUOPAN_STORE_SCHEMA: StoreSchema = { migrations: MIGRATIONS, applicationId: 0, what: 'a Luopan database' };

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return null;
    throw toStoreError(err, file);
  }
}

/**
 * A non-empty file that does not start with SQLite's header is refused before SQLite sees it.
 * Returns the header's user_version (bytes 60–63, big-endian) and application_id (68–71), 0 for
 * an empty file.
 */
function checkHeader(file: string, size: number): { version: number; applicationId: number } {
  if (size === 0) return { version: 0, applicationId: 0 }; // an empty file is an empty database to SQLite
  const head = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (n < 100 || head.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new StoreError('corrupt', storeMessage('corrupt', file, 'not an SQLite database'));
  }
  return { version: head.readUInt32BE(60), applicationId: head.readInt32BE(68) };
}

function otherSchema(file: string, schema: StoreSchema): StoreError {
  return new StoreError('corrupt', storeMessage('corrupt', file, `not ${schema.what}`));
}

function hasWalContent(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

function newerVersion(file: string, version: number, known: number): StoreError {
  return new StoreError('newer_version', storeMessage('newer_version', file, `schema version ${version}, this app knows up to ${known}; update Luopan`));
}

function checkWritable(path: string, file: string, what: string): void {
  try {
    accessSync(path, constants.W_OK);
  } catch {
    throw new StoreError('readonly', storeMessage('readonly', file, `${what} is not writable`));
  }
}

/** Apply every migration above `from`, each in its own IMMEDIATE transaction. */
function migrate(db: Database.Database, schema: StoreSchema): void {
  for (const m of schema.migrations) {
    db.transaction(() => {
      // re-read under the write lock: another process may have migrated since we looked
      const now = db.pragma('user_version', { simple: true }) as number;
      if (now >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
      if (schema.applicationId !== 0) db.pragma(`application_id = ${schema.applicationId}`);
    }).immediate();
  }
}

/** Node's failures to load a native module: missing file, wrong ABI, not a shared object. */
function isBindingLoadFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_DLOPEN_FAILED';
}

/**
 * Node's own message spans lines (a require stack) and names `<file>.node`; the user needs the
 * binding that was asked for and why it did not load, on one line.
 */
function nativeBindingError(binding: string, err: unknown): Error {
  const first = errorLine(err);
  return Object.assign(new Error(`better-sqlite3 native binding ${binding} cannot be loaded (${first})`), { code: 'native_binding' });
}

/**
 * Open (creating and migrating when needed) the store at `file`. Throws StoreError with code
 * newer_version | corrupt | locked | readonly | not_found and a one-line message.
 */
export function openStore(file: string, opts: OpenStoreOptions = {}): Database.Database {
  const readonly = opts.readonly ?? false;
  const schema = opts.schema ?? LUOPAN_STORE_SCHEMA;
  const schemaVersion = schema.migrations.length;
  const memory = file === ':memory:';
  const path = memory ? file : resolve(file);
  if (!memory) {
    const st = statOrNull(path);
    if (st && !st.isFile()) throw new StoreError('corrupt', storeMessage('corrupt', file, 'not a regular file'));
    if (!st && readonly) throw new StoreError('not_found', storeMessage('not_found', file));
    if (st) {
      const header = checkHeader(path, st.size);
      // refuse a file of another schema or a newer file before SQLite opens it (opening a WAL file
      // creates -wal/-shm beside it); with a non-empty -wal the header may be stale, and the
      // checks below decide
      if (!hasWalContent(path)) {
        if (header.version > 0 && header.applicationId !== schema.applicationId) throw otherSchema(file, schema);
        if (header.version > schemaVersion) throw newerVersion(file, header.version, schemaVersion);
      }
    }
    if (!readonly) {
      if (!st) {
        try {
          mkdirSync(dirname(path), { recursive: true });
        } catch (err) {
          throw toStoreError(err, file);
        }
      }
      // WAL keeps -wal and -shm files next to the database: the folder must be writable too.
      // SQLite would otherwise open a read-only file silently read-only and fail at the first write.
      checkWritable(dirname(path), file, 'its folder');
      if (st) checkWritable(path, file, 'the file');
    }
  }

  let db: Database.Database;
  try {
    db = new Database(path, {
      readonly,
      fileMustExist: readonly,
      timeout: opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
  } catch (err) {
    if (isBindingLoadFailure(err)) throw nativeBindingError(opts.nativeBinding ?? 'of node_modules', err);
    throw toStoreError(err, file);
  }

  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > 0 && (db.pragma('application_id', { simple: true }) as number) !== schema.applicationId) throw otherSchema(file, schema);
    if (version > schemaVersion) {
      throw newerVersion(file, version, schemaVersion);
    }
    // reading the schema parses sqlite_master: a damaged first page fails here, before any write
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    if (version === 0 && tables.length > 0) {
      throw new StoreError('corrupt', storeMessage('corrupt', file, `has tables (${tables.slice(0, 3).join(', ')}) but no Luopan schema version`));
    }
    if (readonly) {
      if (version < schemaVersion) {
        throw new StoreError('readonly', storeMessage('readonly', file, `schema version ${version} needs upgrading to ${schemaVersion}; open it once read-write`));
      }
      return db;
    }
    if (!memory && db.pragma('journal_mode', { simple: true }) !== 'wal') {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new StoreError('readonly', storeMessage('readonly', file, `cannot switch to WAL (journal mode ${String(mode)})`));
    }
    // In WAL mode synchronous=NORMAL syncs the WAL only at checkpoints, not at every COMMIT. A
    // committed transaction is in the WAL file (the OS page cache) when COMMIT returns, so it
    // survives the process being killed (SIGKILL, crash) — which is what "ack after COMMIT"
    // needs; only an OS crash or power cut can lose the last few commits, and never corrupts.
    db.pragma('synchronous = NORMAL');
    migrate(db, schema);
    return db;
  } catch (err) {
    db.close();
    throw toStoreError(err, file);
  }
}
