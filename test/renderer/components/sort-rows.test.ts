/** Sorting of SortableTable rows: numbers and text, both ways, values without a value ("—") last, ties stable. */
import { describe, expect, it } from 'vitest';
import { sortRows } from '../../../renderer/src/components/sort-rows';

const rows = [
  { id: 'a', v: 3 as number | null, s: '乙' },
  { id: 'b', v: null, s: '甲' },
  { id: 'c', v: 10, s: '丙' },
  { id: 'd', v: 3, s: 'B' },
  { id: 'e', v: Number.NaN, s: 'a' },
];
const ids = (rs: typeof rows) => rs.map((r) => r.id).join('');

describe('sortRows', () => {
  it('numbers descending and ascending, ties in incoming order, null and NaN last both ways', () => {
    expect(ids(sortRows(rows, (r) => r.v, 'desc'))).toBe('cadbe');
    expect(ids(sortRows(rows, (r) => r.v, 'asc'))).toBe('adcbe');
  });

  it('text compares naturally and leaves the input untouched', () => {
    const before = ids(rows);
    expect(sortRows(rows, (r) => r.s, 'asc').map((r) => r.s)).toEqual([...rows.map((r) => r.s)].sort((x, y) => x.localeCompare(y, 'zh-CN')));
    expect(ids(rows)).toBe(before);
  });
});
