/** The writer worker is started again when it dies, at most maxRestarts times in the window. */
import { afterEach, describe, expect, it } from 'vitest';
import { SupervisedWriter } from '../../../electron/store/supervised-writer';
import { openStore } from '../../../electron/store/open';
import { tempDb } from '../../integration/helpers';
import { TestWriterClient } from './writer-test-factory';

const start = (file: string) => TestWriterClient.open(file);

const rows = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, ts: 1_700_000_000_000 + from + i, type: 'like', body: JSON.stringify({ seq: from + i }) }));

let writer: SupervisedWriter<TestWriterClient> | null = null;
afterEach(async () => {
  await writer?.close();
  writer = null;
});

describe('SupervisedWriter', () => {
  it('starts a dead worker again on the next write; what was committed stays, contiguity goes on', async () => {
    const file = tempDb();
    const lines: string[] = [];
    writer = await SupervisedWriter.open(file, { logger: (l) => lines.push(l), start });
    expect((await writer.write('s1', rows(1, 10))).lastSeq).toBe(10);
    const old = writer.current;
    await old.crashForTest();
    await expect(old.write('s1', rows(11, 20))).rejects.toThrow(/store writer stopped/);
    expect((await writer.write('s1', rows(11, 20))).lastSeq).toBe(20);
    expect(writer.restarts).toBe(1);
    expect(writer.current).not.toBe(old);
    expect(lines.some((l) => /writer worker died .*starting it again/.test(l))).toBe(true);
    // rows past a hole written before a crash still count once the hole is filled
    await writer.write('s1', rows(31, 40));
    await writer.current.crashForTest();
    expect((await writer.write('s1', rows(21, 30))).lastSeq).toBe(40);
    const db = openStore(file, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM events WHERE session_id = 's1'").pluck().get()).toBe(40);
    } finally {
      db.close();
    }
  });

  it('leaves a worker that keeps dying dead, with one line saying so', async () => {
    writer = await SupervisedWriter.open(tempDb(), { maxRestarts: 1, windowMs: 60_000, start });
    await writer.current.crashForTest();
    await writer.write('s1', rows(1, 5));
    await writer.current.crashForTest();
    await expect(writer.write('s1', rows(6, 10))).rejects.toThrow(/store writer died 2 times within 1 min; not restarted \(last: store writer stopped/);
    expect(writer.restarts).toBe(1);
  });
});
