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
import { StoreError, storeMessage, toStoreError } from './errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations/index';

export type { Database };

export interface OpenStoreOptions {
  /** open for reading only: never creates, migrates or writes (missing file ⇒ not_found) */
  readonly?: boolean;
  /** how long a statement waits for another connection's lock before failing as `locked` */
  busyTimeoutMs?: number;
  /** better-sqlite3's `nativeBinding` (the Electron-ABI build in the desktop app) */
  nativeBinding?: string;
}

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
 * Returns the header's user_version (bytes 60–63, big-endian), 0 for an empty file.
 */
function checkHeader(file: string, size: number): number {
  if (size === 0) return 0; // an empty file is an empty database to SQLite
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
  return head.readUInt32BE(60);
}

function hasWalContent(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

function newerVersion(file: string, version: number): StoreError {
  return new StoreError('newer_version', storeMessage('newer_version', file, `schema version ${version}, this app knows up to ${SCHEMA_VERSION}; update Luopan`));
}

function checkWritable(path: string, file: string, what: string): void {
  try {
    accessSync(path, constants.W_OK);
  } catch {
    throw new StoreError('readonly', storeMessage('readonly', file, `${what} is not writable`));
  }
}

/** Apply every migration above `from`, each in its own IMMEDIATE transaction. */
function migrate(db: Database.Database): void {
  for (const m of MIGRATIONS) {
    db.transaction(() => {
      // re-read under the write lock: another process may have migrated since we looked
      const now = db.pragma('user_version', { simple: true }) as number;
      if (now >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
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
  const first = String((err as { message?: unknown }).message ?? err).split('\n')[0]!.trim();
  return Object.assign(new Error(`better-sqlite3 native binding ${binding} cannot be loaded (${first})`), { code: 'native_binding' });
}

/**
 * Open (creating and migrating when needed) the store at `file`. Throws StoreError with code
 * newer_version | corrupt | locked | readonly | not_found and a one-line message.
 */
export function openStore(file: string, opts: OpenStoreOptions = {}): Database.Database {
  const readonly = opts.readonly ?? false;
  const memory = file === ':memory:';
  const path = memory ? file : resolve(file);
  if (!memory) {
    const st = statOrNull(path);
    if (st && !st.isFile()) throw new StoreError('corrupt', storeMessage('corrupt', file, 'not a regular file'));
    if (!st && readonly) throw new StoreError('not_found', storeMessage('not_found', file));
    if (st) {
      const headerVersion = checkHeader(path, st.size);
      // refuse a newer file before SQLite opens it (opening a WAL file creates -wal/-shm beside
      // it); with a non-empty -wal the header may be stale, and the check below decides
      if (headerVersion > SCHEMA_VERSION && !hasWalContent(path)) throw newerVersion(file, headerVersion);
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
    if (version > SCHEMA_VERSION) {
      throw newerVersion(file, version);
    }
    // reading the schema parses sqlite_master: a damaged first page fails here, before any write
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    if (version === 0 && tables.length > 0) {
      throw new StoreError('corrupt', storeMessage('corrupt', file, `has tables (${tables.slice(0, 3).join(', ')}) but no Luopan schema version`));
    }
    if (readonly) {
      if (version < SCHEMA_VERSION) {
        throw new StoreError('readonly', storeMessage('readonly', file, `schema version ${version} needs upgrading to ${SCHEMA_VERSION}; open it once read-write`));
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
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw toStoreError(err, file);
  }
}
