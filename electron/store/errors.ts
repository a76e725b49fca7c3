/**
 * The store's failures as one-line, user-readable errors with a stable `code`, so the engine,
 * the CLI and the screens can react (withhold the ack and retry on `disk_full`, tell the user
 * to close the other program on `locked`, refuse to touch a `newer_version` file …).
 */
export type StoreErrorCode = 'newer_version' | 'corrupt' | 'locked' | 'readonly' | 'disk_full' | 'not_found';

export const STORE_ERROR_CODES: readonly StoreErrorCode[] = ['newer_version', 'corrupt', 'locked', 'readonly', 'disk_full', 'not_found'];

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isStoreErrorCode(code: unknown): code is StoreErrorCode {
  return typeof code === 'string' && (STORE_ERROR_CODES as readonly string[]).includes(code);
}

/** SQLite result codes (better-sqlite3's SqliteError.code, extended codes included) → ours. */
function codeOf(sqliteCode: string): StoreErrorCode | null {
  if (sqliteCode.startsWith('SQLITE_FULL')) return 'disk_full';
  if (sqliteCode.startsWith('SQLITE_BUSY') || sqliteCode.startsWith('SQLITE_LOCKED')) return 'locked';
  if (sqliteCode.startsWith('SQLITE_READONLY')) return 'readonly';
  if (sqliteCode.startsWith('SQLITE_CORRUPT') || sqliteCode.startsWith('SQLITE_NOTADB')) return 'corrupt';
  return null;
}

const WHAT: Record<StoreErrorCode, string> = {
  newer_version: 'was written by a newer version of Luopan',
  corrupt: 'is damaged or not a Luopan database',
  locked: 'is locked by another program',
  readonly: 'is read-only',
  disk_full: 'cannot grow: the disk is full',
  not_found: 'does not exist',
};

/** A one-line message naming the file and what is wrong with it. */
export function storeMessage(code: StoreErrorCode, file: string, detail?: string): string {
  const line = `store ${file} ${WHAT[code]}${detail ? ` (${detail})` : ''}`;
  return line.replace(/\s*\n\s*/g, ' ');
}

/**
 * Translate what better-sqlite3 or fs threw into a StoreError when it is one of ours; anything
 * else (a programming error) is returned unchanged so it is not disguised.
 */
export function toStoreError(err: unknown, file: string): unknown {
  if (err instanceof StoreError) return err;
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e.code !== 'string') return err;
  const detail = typeof e.message === 'string' ? e.message : undefined;
  const sqlite = codeOf(e.code);
  if (sqlite) return new StoreError(sqlite, storeMessage(sqlite, file, detail));
  if (e.code === 'ENOSPC') return new StoreError('disk_full', storeMessage('disk_full', file, detail));
  if (e.code === 'EROFS' || e.code === 'EACCES' || e.code === 'EPERM') return new StoreError('readonly', storeMessage('readonly', file, detail));
  if (e.code === 'ENOENT') return new StoreError('not_found', storeMessage('not_found', file, detail));
  if (e.code === 'SQLITE_CANTOPEN') return new StoreError('readonly', storeMessage('readonly', file, detail));
  return err;
}
