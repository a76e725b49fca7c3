/**
 * `luopan import` computes the rollups of the ended sessions it imported, so the first
 * `luopan diagnose` after an import reads rollups, not events; sessions the import did not
 * change are not recomputed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport } from '../../../../electron/cli/commands/import';
import { computeStats, STATS_ROLLUP } from '../../../../electron/diagnosis/load-stats';
import { FIGURES_ROLLUP, sessionHeadline } from '../../../../electron/history/session-summaries';
import { exportNdjson } from '../../../../electron/store/ndjson';
import { openStore } from '../../../../electron/store/open';
import { getRollup } from '../../../../electron/store/rollups';
import { getSession } from '../../../../electron/store/sessions';
import { recordShows } from '../../history/sim-store';

const dir = mkdtempSync(join(tmpdir(), 'luopan-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function ndjsonOf(file: string): Promise<string> {
  const db = openStore(file, { readonly: true });
  let text = '';
  try {
    await exportNdjson(db, {}, (chunk) => void (text += chunk));
  } finally {
    db.close();
  }
  return text;
}

describe('luopan import', () => {
  it('leaves current stats and figures rollups for each imported show; a re-import recomputes nothing', async () => {
    const source = join(dir, 'source.sqlite');
    const ids = recordShows(source, [{ roomIndex: 0, daysAgo: 2 }, { roomIndex: 2, daysAgo: 1 }]);
    const nd = join(dir, 'shows.ndjson');
    writeFileSync(nd, await ndjsonOf(source));

    const target = join(dir, 'target.sqlite');
    await runImport(nd, { db: target });
    const db = openStore(target);
    try {
      for (const id of ids) {
        const last = getSession(db, id)!.lastSeq;
        expect(getRollup(db, id, STATS_ROLLUP)?.uptoSeq).toBe(last);
        expect(getRollup(db, id, STATS_ROLLUP)!.value).toEqual(computeStats(db, id, last));
        expect(getRollup(db, id, FIGURES_ROLLUP)?.uptoSeq).toBe(last);
        expect(getRollup(db, id, FIGURES_ROLLUP)!.value).toEqual(sessionHeadline(db, id, last));
      }
      db.prepare('DELETE FROM rollups WHERE session_id = ?').run(ids[0]);
    } finally {
      db.close();
    }

    await runImport(nd, { db: target }); // stores nothing: nothing to recompute
    const again = openStore(target, { readonly: true });
    try {
      expect(getRollup(again, ids[0]!, STATS_ROLLUP)).toBeNull();
      expect(getRollup(again, ids[1]!, STATS_ROLLUP)).not.toBeNull();
    } finally {
      again.close();
    }
  });
});
