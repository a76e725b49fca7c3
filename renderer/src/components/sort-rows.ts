/**
 * Sorting of table rows by one column: numbers and text compare naturally, rows without a value
 * ("—") go last in either direction, ties keep the incoming order (cart order, plan order).
 */
export type SortDir = 'asc' | 'desc';
export type SortValue = number | string | null | undefined;

export function sortRows<R>(rows: readonly R[], value: (row: R) => SortValue, dir: SortDir): R[] {
  const keyed = rows.map((row, i) => ({ row, i, v: value(row) }));
  const missing = (v: SortValue) => v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v));
  keyed.sort((a, b) => {
    const am = missing(a.v);
    const bm = missing(b.v);
    if (am || bm) return am === bm ? a.i - b.i : am ? 1 : -1;
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v), 'zh-CN');
    return (dir === 'asc' ? c : -c) || a.i - b.i;
  });
  return keyed.map((k) => k.row);
}

/** A column of SortableTable.vue. */
export interface Column<Row> {
  key: string;
  label: string;
  /** the header tooltip (a glossary definition) */
  title?: string;
  /** the raw value: sorted on, and written to data-value */
  value: (row: Row) => SortValue;
  /** the shown text (default: the value) */
  text?: (row: Row) => string;
  align?: 'left' | 'right' | 'center';
  /** CSS width, e.g. '90px' */
  width?: string;
  /** a class for the cell, e.g. a warning tone */
  cellClass?: (row: Row) => string | undefined;
}
