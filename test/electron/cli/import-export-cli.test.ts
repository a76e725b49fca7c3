/**
 * `luopan import` / `luopan export` as a user runs them: the real CLI entry (electron/cli/main.ts)
 * in a child process, from sources through tsx. Exit codes 0 / 1 / 2, one line on stderr,
 * NDJSON on stdout, no progress bar when stderr is not a terminal.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventWriter } from '../../../electron/store/event-writer';
import { openStore } from '../../../electron/store/open';
import { eventsOf } from '../../../electron/store/events';
import { commentRows, startRow, tempDb, tempDir } from '../store/helpers';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const MAIN = join(ROOT, 'electron', 'cli', 'main.ts');

function luopan(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = `import(${JSON.stringify(MAIN)}).then(async (m) => { process.exitCode = await m.main(${JSON.stringify(args)}); });`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function recorded(): string {
  const file = tempDb();
  const db = openStore(file);
  const w = new EventWriter(db);
  w.writeBatch('s1', [startRow('s1'), ...commentRows(2, 2500)]);
  w.writeBatch('s2', [startRow('s2'), ...commentRows(2, 40)]);
  db.close();
  return file;
}

describe('luopan export / import', () => {
  it('export → import into a new store → export gives the same bytes; re-import stores nothing twice', async () => {
    const src = recorded();
    const out = await luopan(['export', '--db', src]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe(''); // stderr is a pipe here: no progress bar
    expect(out.stdout.trimEnd().split('\n')).toHaveLength(2540);

    const nd = join(tempDir(), 's.ndjson');
    writeFileSync(nd, out.stdout);
    const dst = join(tempDir(), 'sub', 'copy.db');
    const imp = await luopan(['import', nd, '--db', dst]);
    expect(imp.code).toBe(0);
    expect(imp.stderr).toBe('luopan import: 2 session(s) · 2540 event(s) stored · 0 already present\n');
    expect((await luopan(['export', '--db', dst])).stdout).toBe(out.stdout);
    const again = await luopan(['import', nd, '--db', dst]);
    expect(again.stderr).toMatch(/0 event\(s\) stored · 2540 already present/);

    const one = await luopan(['export', '--db', dst, '--session', 's2']);
    expect(one.stdout.trimEnd().split('\n')).toHaveLength(40);
  });

  it('a truncated file: exit 1, one line naming the line, nothing imported', async () => {
    const src = recorded();
    const out = await luopan(['export', '--db', src, '--session', 's2']);
    const nd = join(tempDir(), 'cut.ndjson');
    writeFileSync(nd, out.stdout.slice(0, -30));
    const dst = tempDb();
    const r = await luopan(['import', nd, '--db', dst]);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`luopan: ${nd}: line 40: not valid JSON (`)).toBe(true);
    expect(r.stderr).toMatch(/; nothing was imported\n$/);
    expect(r.stderr.split('\n')).toHaveLength(2); // one line
    const db = openStore(dst, { readonly: true });
    expect([...eventsOf(db, 's2')]).toHaveLength(0);
    db.close();
  });

  it('runtime failures exit 1 with one line; bad usage exits 2', async () => {
    const missing = await luopan(['export', '--db', join(tempDir(), 'none.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^luopan: store .*none\.db does not exist\n$/);
    const unknown = await luopan(['export', '--db', recorded(), '--session', 'zzz']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('luopan: no session "zzz" in the store\n');
    const noFile = await luopan(['import', join(tempDir(), 'none.ndjson'), '--db', tempDb()]);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/no such file\n$/);
    expect((await luopan(['import', 'x.ndjson'])).code).toBe(2); // no --db
    expect((await luopan(['export'])).code).toBe(2);
  });
});
