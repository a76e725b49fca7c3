/**
 * shared/diagnosis/range.ts on hand-worked days: a window length ending on a day (default
 * yesterday), a free start–end range whose length is counted in calendar days (a DST change in
 * the range does not shorten it), `today`, and each bad input as one line in either language.
 */
import { describe, expect, it } from 'vitest';
import { daysInRange, rangeMessage, resolveDay, resolveRange } from '../../../shared/diagnosis/range';
import { historyWindows } from '../../../shared/diagnosis/window';

// 2024-05-10 15:00 local time
const NOW = new Date(2024, 4, 10, 15).getTime();

describe('diagnosis range', () => {
  it('a window length ends yesterday by default, or on the end asked for (today included)', () => {
    expect(resolveRange({ days: 7 }, NOW)).toEqual({ ok: true, window: { start: '2024-05-03', end: '2024-05-09' }, days: 7 });
    expect(resolveRange({ days: 1, end: 'today' }, NOW)).toEqual({ ok: true, window: { start: '2024-05-10', end: '2024-05-10' }, days: 1 });
    expect(resolveRange({ days: 30, end: '2024-05-10' }, NOW)).toEqual({ ok: true, window: { start: '2024-04-11', end: '2024-05-10' }, days: 30 });
  });

  it('a free range: its own length, both days included; history windows of the same length before it', () => {
    const r = resolveRange({ start: '2024-04-28', end: 'today' }, NOW);
    expect(r).toEqual({ ok: true, window: { start: '2024-04-28', end: '2024-05-10' }, days: 13 });
    // 13-day windows ending 2024-04-27, then 2024-04-14 …, back to the one holding 2024-04-01
    if (!r.ok) throw new Error('unreachable');
    expect(historyWindows(r.window, r.days, '2024-04-01')).toEqual([
      { start: '2024-04-15', end: '2024-04-27' },
      { start: '2024-04-02', end: '2024-04-14' },
      { start: '2024-03-20', end: '2024-04-01' },
    ]);
    expect(resolveRange({ start: '2024-05-10', end: '2024-05-10' }, NOW)).toEqual({ ok: true, window: { start: '2024-05-10', end: '2024-05-10' }, days: 1 });
  });

  it('counts calendar days across a DST change', () => {
    // whatever TZ the machine has, days are whole: 31 March → 1 April is 2 days
    expect(daysInRange('2024-03-31', '2024-04-01')).toBe(2);
    expect(daysInRange('2024-01-01', '2024-12-31')).toBe(366);
    expect(resolveDay('today', NOW)).toBe('2024-05-10');
    expect(resolveDay('2024-02-30', NOW)).toBeNull();
  });

  it('bad input: end before start, an end after today, an impossible day, too long — one line in each language', () => {
    const before = resolveRange({ start: '2024-05-08', end: '2024-05-01' }, NOW);
    expect(before).toEqual({ ok: false, problem: { code: 'end_before_start', start: '2024-05-08', end: '2024-05-01' } });
    const future = resolveRange({ days: 1, end: '2024-05-11' }, NOW);
    expect(future).toEqual({ ok: false, problem: { code: 'future_end', end: '2024-05-11', today: '2024-05-10' } });
    const bad = resolveRange({ start: '2024-13-01', end: '2024-05-01' }, NOW);
    expect(bad).toEqual({ ok: false, problem: { code: 'bad_day', field: 'start', value: '2024-13-01' } });
    expect(resolveRange({ start: '2000-01-01', end: '2024-05-01' }, NOW)).toMatchObject({ ok: false, problem: { code: 'too_long' } });
    expect(resolveRange({}, NOW)).toEqual({ ok: false, problem: { code: 'no_length' } });

    if (before.ok || future.ok) throw new Error('unreachable');
    expect(rangeMessage(before.problem, 'zh-CN')).toBe('结束日期 2024-05-01 早于开始日期 2024-05-08');
    expect(rangeMessage(before.problem, 'en')).toBe('the end 2024-05-01 is before the start 2024-05-08');
    expect(rangeMessage(future.problem, 'zh-CN')).toBe('结束日期 2024-05-11 在今天（2024-05-10）之后，还没有数据');
    expect(rangeMessage(future.problem, 'en')).toBe('the end 2024-05-11 is after today (2024-05-10): there is no data yet');
    // one language per message: no Chinese in the English line, no English words in the Chinese one
    for (const p of [before.problem, future.problem]) {
      expect(rangeMessage(p, 'en')).not.toMatch(/[\u4e00-\u9fff]/);
      expect(rangeMessage(p, 'zh-CN')).not.toMatch(/[a-z]{3,}/);
    }
  });
});
