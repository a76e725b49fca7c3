/** Temp files and event rows for the store tests (real SQLite files in a temp dir). */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventRow } from '../../../electron/store/event-writer';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'luopan-store-'));
}

export function tempDb(name = 'luopan.db'): string {
  return join(tempDir(), name);
}

export const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

export const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

export function startBody(sessionId: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    seq: 1,
    ts: T0,
    type: 'session.start',
    sessionId,
    roomId: `room-${sessionId}`,
    title: `直播 ${sessionId}`,
    startedAt: T0,
    host: { id: 'h1', name: '主播甲', kind: 'talent' },
    shop: { id: 'shop1', name: '店铺', category: 'beauty', tier: 'A' },
    ...extra,
  });
}

export function startRow(sessionId: string): EventRow {
  return { seq: 1, ts: T0, type: 'session.start', body: startBody(sessionId) };
}

/** A comment event of about 200 bytes of JSON. */
export function commentRow(seq: number, text = 'x'.repeat(100)): EventRow {
  const ts = T0 + seq * 100;
  return { seq, ts, type: 'comment', body: JSON.stringify({ seq, ts, type: 'comment', userId: `u${seq % 977}`, nickname: '观众', text }) };
}

export function commentRows(from: number, to: number): EventRow[] {
  const rows: EventRow[] = [];
  for (let s = from; s <= to; s++) rows.push(commentRow(s));
  return rows;
}
