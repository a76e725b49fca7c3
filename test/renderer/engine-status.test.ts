/** The status bar's phase while the desktop engine restarts or has stopped: its figures are stale. */
import { describe, expect, it } from 'vitest';
import { statusOf } from '../../renderer/src/stores/live';
import type { ConnectionState } from '../../shared/api/contract';

const open = { phase: 'open', attempt: 0, error: null } as const;
const conn: ConnectionState = { phase: 'live', source: 'demo', attempt: 0, lastEventAt: null, error: null, rejected: {}, eventsStored: 0 };

describe('engine state on the status bar', () => {
  it('says 引擎重启中 / stopped over whatever the source does, live again once running', () => {
    expect(statusOf(open, conn, true, null, { phase: 'restarting', restarts: 0, reason: 'x' })).toBe('engineRestarting');
    expect(statusOf(open, conn, true, null, { phase: 'failed', restarts: 3, reason: 'x' })).toBe('engineFailed');
    expect(statusOf(open, conn, true, null, { phase: 'running', restarts: 1, reason: 'x' })).toBe('live');
    expect(statusOf(open, conn, true, null)).toBe('live');
  });
});
