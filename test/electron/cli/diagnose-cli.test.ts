/**
 * `luopan diagnose` as a user runs it, on a database of the hand-worked self-hosted sessions
 * (test/shared/diagnosis): exit codes, the --json shape, the Chinese table, ranges, languages.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { selfSessions } from '../../shared/diagnosis/self-fixture';
import { SHOP } from '../../shared/diagnosis/fixtures';
import { storeWith as writeStore } from '../diagnosis/fixture-store';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'luopan-diagnose-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const storeWith = (name: string, sessions: ReturnType<typeof selfSessions>) => writeStore(dir, name, sessions);

/** `luopan diagnose …` in a child process (TypeScript through tsx: no build needed). */
function luopan(args: string[]) {
  const script = `const { main } = await import(${JSON.stringify(join(ROOT, 'electron/cli/main.ts'))}); process.exitCode = await main(${JSON.stringify(args)});`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('luopan diagnose', () => {
  const file = storeWith('cli', selfSessions());

  it('--json prints the report: kind, window, indicators with exactly the contract fields', () => {
    const { code, stdout, stderr } = luopan(['diagnose', '--db', file, '--kind', 'self', '--shop', SHOP.id, '--window', '1d', '--end', '2024-05-10', '--json']);
    expect(code, stderr).toBe(0);
    const r = JSON.parse(stdout);
    expect(r.kind).toBe('self');
    expect(r.window).toEqual({ start: '2024-05-10', end: '2024-05-10' });
    expect(r.indicators).toHaveLength(8);
    for (const i of r.indicators) {
      expect(Object.keys(i).sort()).toEqual(['historyPercentile', 'id', 'peerPercentile', 'top3', 'value', 'verdict']);
      expect([null, 'excellent', 'average', 'lagging']).toContain(i.verdict);
      for (const t of i.top3) expect(Object.keys(t).sort()).toEqual(['impact', 'sessionId']);
    }
    expect(r.indicators[0]).toEqual({ id: 'effective_duration', value: 2100, peerPercentile: 26.25, historyPercentile: 50, verdict: 'lagging', top3: [{ sessionId: 'B', impact: -1400 }, { sessionId: 'A', impact: -500 }] });
  });

  it('prints a Chinese table without --json', () => {
    const { code, stdout } = luopan(['diagnose', '--db', file, '--kind', 'self', '--shop', SHOP.id, '--window', '1d', '--end', '2024-05-10']);
    expect(code).toBe(0);
    expect(stdout).toContain('自播诊断');
    expect(stdout).toMatch(/有效直播时长 effective_duration\s+35分00秒\s+26\.3\s+50\.0\s+落后（待改进）\s+B（-23分20秒）、A（-8分20秒）/);
  });

  it('exit 2 for bad usage, exit 1 for a missing database, one line each', () => {
    const bad = [
      ['diagnose', '--db', file, '--kind', 'ads', '--shop', 's', '--window', '1d'],
      ['diagnose', '--db', file, '--kind', 'self', '--shop', 's', '--window', '2d'],
      ['diagnose', '--db', file, '--kind', 'self', '--shop', 's', '--window', '1d', '--end', '2024-02-30'],
      ['diagnose', '--db', file, '--kind', 'self', '--window', '1d'],
    ];
    for (const args of bad) {
      const r = luopan(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')[0]).toMatch(/--kind|--window|--end|--shop/);
    }
    const missing = luopan(['diagnose', '--db', join(dir, 'nope.sqlite'), '--kind', 'self', '--shop', 's', '--window', '1d']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/数据库 .*nope\.sqlite 不存在/);
    const en = luopan(['diagnose', '--db', join(dir, 'nope.sqlite'), '--kind', 'self', '--shop', 's', '--window', '1d', '--lang', 'en']);
    expect(en.stderr).toMatch(/nope\.sqlite does not exist/);
    expect(luopan(['diagnose', '--db', file, '--kind', 'self', '--shop', 's', '--window', '1d', '--lang', 'fr']).code).toBe(2);
  });

  it('a free range --start … --end … is the window of those days; --end today reaches today', () => {
    const json = (args: string[]) => {
      const r = luopan(['diagnose', '--db', file, '--kind', 'self', '--shop', SHOP.id, ...args, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const oneDay = json(['--start', '2024-05-10', '--end', '2024-05-10']);
    expect(oneDay).toEqual(json(['--window', '1d', '--end', '2024-05-10']));
    expect(oneDay.sessions.length).toBeGreaterThan(0);
    const range = json(['--start', '2024-05-04', '--end', '2024-05-10']);
    expect(range.window).toEqual({ start: '2024-05-04', end: '2024-05-10' });
    expect(range.days).toBe(7);
    expect(range).toEqual(json(['--window', '7d', '--end', '2024-05-10']));
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(json(['--window', '1d', '--end', 'today']).window).toEqual({ start: today, end: today });
    expect(json(['--start', 'today', '--end', 'today']).window).toEqual({ start: today, end: today });
  });

  it('an end before the start or after today: one line in the chosen language, exit 1', () => {
    const cases: [string[], RegExp, RegExp][] = [
      [['--start', '2024-05-10', '--end', '2024-05-01'], /^luopan: 结束日期 2024-05-01 早于开始日期 2024-05-10$/, /^luopan: the end 2024-05-01 is before the start 2024-05-10$/],
      [['--window', '7d', '--end', '2999-01-01'], /^luopan: 结束日期 2999-01-01 在今天（\d{4}-\d\d-\d\d）之后，还没有数据$/, /^luopan: the end 2999-01-01 is after today/],
    ];
    for (const [args, zh, en] of cases) {
      const a = luopan(['diagnose', '--db', file, '--kind', 'self', '--shop', SHOP.id, ...args]);
      expect(a.code, args.join(' ')).toBe(1);
      expect(a.stdout).toBe('');
      expect(a.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(a.stderr.trimEnd()).toMatch(zh);
      const b = luopan(['diagnose', '--db', file, '--kind', 'self', '--shop', SHOP.id, ...args, '--lang', 'en']);
      expect(b.code).toBe(1);
      expect(b.stderr.trimEnd()).toMatch(en);
    }
    const both = luopan(['diagnose', '--db', file, '--kind', 'self', '--shop', SHOP.id, '--window', '1d', '--start', '2024-05-01']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--window.*--start/);
  });
});
