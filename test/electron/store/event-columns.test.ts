/**
 * event-columns.ts: rows column by column as the ingest path posts them to the writer worker —
 * types as codes into a per-batch table, cutting a batch into writes, and back to rows.
 */
import { describe, expect, it } from 'vitest';
import { columnsOf, rowsOf, sliceColumns, typeAt, TypeColumnBuilder } from '../../../electron/store/event-columns';
import { commentRows, startRow } from './helpers';

describe('event columns', () => {
  it('codes each type once per batch, in order of first use', () => {
    const b = new TypeColumnBuilder(5);
    for (const t of ['like', 'comment', 'like', 'x.unknown', 'comment']) b.push(t);
    const t = b.build();
    expect(t.names).toEqual(['like', 'comment', 'x.unknown']);
    expect([...t.codes]).toEqual([0, 1, 0, 2, 1]);
    expect([0, 1, 2, 3, 4].map((i) => typeAt(t, i))).toEqual(['like', 'comment', 'like', 'x.unknown', 'comment']);
  });

  it('builds only the rows pushed, however large the capacity', () => {
    const b = new TypeColumnBuilder(5000);
    b.push('like');
    expect(b.build().codes.length).toBe(1);
  });

  it('rows → columns → rows gives the same rows; a slice is those rows, the whole slice is the columns themselves', () => {
    const rows = [startRow('s1'), ...commentRows(2, 40)];
    const cols = columnsOf(rows);
    expect(rowsOf(cols)).toEqual(rows);
    expect(sliceColumns(cols, 0, rows.length)).toBe(cols);
    expect(rowsOf(sliceColumns(cols, 10, 20))).toEqual(rows.slice(10, 20));
    const bytes = Buffer.from(rows.map((r) => r.body).join(''));
    let at = 0;
    const spans = Uint32Array.from(rows.flatMap((r) => [at, (at += Buffer.byteLength(r.body))]));
    expect(rowsOf(sliceColumns({ ...cols, bodies: { bytes, spans } }, 5, 9))).toEqual(rows.slice(5, 9));
  });
});
