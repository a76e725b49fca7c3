/**
 * openStore against real SQLite files: migrations (fresh, re-open, newer version refused and
 * the file byte-identical), corrupt files, read-only files and folders, a locked database.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../electron/store/errors';
import { EventWriter } from '../../../electron/store/event-writer';
import { SCHEMA_VERSION } from '../../../electron/store/migrations/index';
import { openStore } from '../../../electron/store/open';
import { commentRows, sha, startRow, tempDb, tempDir } from './helpers';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    const e = err as StoreError;
    expect(e.message).not.toMatch(/\n/); // one line
    return e;
  }
  throw new Error('expected a StoreError');
}

describe('migrations', () => {
  it('creates a fresh store in WAL mode at the current schema version, folders included', () => {
    const file = join(tempDir(), 'new', 'folder', 'luopan.db');
    const db = openStore(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['alerts', 'checkpoint_users', 'checkpoints', 'events', 'gaps', 'kv', 'notes', 'rejects', 'rollups', 'sessions']);
    db.close();
  });

  it('re-opens an existing store without migrating again and keeps its data', () => {
    const file = tempDb();
    const db = openStore(file);
    new EventWriter(db).writeBatch('s1', [startRow('s1'), ...commentRows(2, 10)]);
    db.close();
    const again = openStore(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(again.prepare('SELECT count(*) FROM events').pluck().get()).toBe(10);
    again.close();
    const ro = openStore(file, { readonly: true });
    expect(ro.readonly).toBe(true);
    expect(ro.prepare('SELECT last_seq FROM sessions').pluck().get()).toBe(10);
    ro.close();
  });

  it('migrates an empty (0-byte) file', () => {
    const file = tempDb();
    writeFileSync(file, '');
    const db = openStore(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a file from a newer version and leaves it byte-identical', () => {
    const file = tempDb();
    const db = openStore(file);
    new EventWriter(db).writeBatch('s1', [startRow('s1')]);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false); // checkpointed on close: the main file is all of it
    const before = sha(file);
    for (const readonly of [false, true]) {
      const e = storeError(() => openStore(file, { readonly }));
      expect(e.code).toBe('newer_version');
      expect(e.message).toContain(file);
      expect(e.message).toMatch(new RegExp(`schema version ${SCHEMA_VERSION + 1}`));
    }
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a newer version that is still in the WAL (header stale), main file untouched', () => {
    const file = tempDb();
    const owner = openStore(file);
    owner.pragma('wal_autocheckpoint = 0');
    owner.pragma(`user_version = ${SCHEMA_VERSION + 5}`); // committed to the -wal only
    const before = sha(file);
    expect(storeError(() => openStore(file)).code).toBe('newer_version');
    expect(sha(file)).toBe(before);
    owner.close();
  });
});

describe('bad files', () => {
  it('refuses a file that is not a database, untouched', () => {
    const file = tempDb();
    writeFileSync(file, 'these are my holiday notes, not a database\n'.repeat(100));
    const before = sha(file);
    const e = storeError(() => openStore(file));
    expect(e.code).toBe('corrupt');
    expect(sha(file)).toBe(before);
  });

  it('refuses a database whose schema page is damaged, untouched', () => {
    const file = tempDb();
    const db = openStore(file);
    db.close();
    // keep the 100-byte header, overwrite the rest of page 1 (the sqlite_master b-tree)
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(2000, 0xa5), 0, 2000, 100);
    closeSync(fd);
    const before = sha(file);
    const e = storeError(() => openStore(file));
    expect(e.code).toBe('corrupt');
    expect(sha(file)).toBe(before);
  });

  it('refuses an SQLite database of another program instead of migrating into it', () => {
    const file = tempDb();
    const other = new Database(file);
    other.exec('CREATE TABLE contacts (name TEXT)');
    other.close();
    const before = sha(file);
    const e = storeError(() => openStore(file));
    expect(e.code).toBe('corrupt');
    expect(e.message).toMatch(/contacts/);
    expect(sha(file)).toBe(before);
  });

  it('readonly open of a missing file: not_found, nothing created', () => {
    const file = tempDb();
    const e = storeError(() => openStore(file, { readonly: true }));
    expect(e.code).toBe('not_found');
    expect(existsSync(file)).toBe(false);
  });
});

describe('read-only files and folders', () => {
  // root ignores file modes, so the opening runs in a child process as an ordinary user
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  function openInChild(file: string): { code?: string; ok?: boolean } {
    const script = `import(${JSON.stringify(join(ROOT, 'electron/store/open.ts'))}).then((m) => {
      try { m.openStore(${JSON.stringify(file)}).close(); console.log(JSON.stringify({ ok: true })); }
      catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }
    });`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8', ...asUser });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as { code?: string; ok?: boolean };
  }

  it('a read-only file is refused as readonly (not silently opened read-only), untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'luopan.db');
    openStore(file).close();
    chmodSync(dir, 0o777);
    chmodSync(file, 0o444);
    const before = sha(file);
    expect(openInChild(file)).toMatchObject({ code: 'readonly' });
    expect(sha(file)).toBe(before);
    // the same file made writable opens fine as that user: the refusal was about the mode
    chmodSync(file, 0o666);
    expect(openInChild(file)).toEqual({ ok: true });
  });

  it('a store in a read-only folder is refused as readonly (WAL needs files beside it)', () => {
    const dir = tempDir();
    const file = join(dir, 'luopan.db');
    openStore(file).close();
    chmodSync(file, 0o666);
    chmodSync(dir, 0o555);
    expect(openInChild(file)).toMatchObject({ code: 'readonly' });
    expect(openInChild(join(dir, 'new.db'))).toMatchObject({ code: 'readonly' });
    chmodSync(dir, 0o755);
  });
});

describe('locked', () => {
  it('a database held under an exclusive lock by another connection: locked, after the busy timeout', () => {
    const file = tempDb();
    const other = new Database(file); // rollback-journal mode, as another program would have it
    other.exec('BEGIN EXCLUSIVE');
    const t0 = Date.now();
    const e = storeError(() => openStore(file, { busyTimeoutMs: 200 }));
    expect(e.code).toBe('locked');
    expect(e.message).toMatch(/locked by another program/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    other.exec('ROLLBACK');
    other.close();
    const db = openStore(file, { busyTimeoutMs: 200 }); // released: opens and migrates
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('a write while another connection holds the write lock fails as locked, stores nothing, and succeeds later', () => {
    const file = tempDb();
    const db = openStore(file, { busyTimeoutMs: 100 });
    const writer = new EventWriter(db);
    writer.writeBatch('s1', [startRow('s1')]);
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const e = storeError(() => writer.writeBatch('s1', commentRows(2, 50)));
    expect(e.code).toBe('locked');
    expect(writer.lastSeqs()).toEqual({ s1: 1 });
    other.exec('ROLLBACK');
    other.close();
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    expect(writer.writeBatch('s1', commentRows(2, 50))).toEqual({ inserted: 49, duplicates: 0, lastSeq: 50 });
    db.close();
  });
});
