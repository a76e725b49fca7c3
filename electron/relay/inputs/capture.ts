/**
 * A capture-tool input (`douyinlive=ws://…/ws/ID`, `barrage=ws://…`): its WebSocket (ws-feed.ts)
 * → the dialect's frames → the rooms' sessions (room-sessions.ts) → the ordered queue into the
 * spool. A frame of an unknown type or shape is counted and logged, never fatal; a frame the
 * relay has no use for is counted as ignored.
 */
import type { RelayConfig } from '../config';
import type { Intake } from '../intake';
import { InputQueue } from '../input-queue';
import type { InputStats } from '../input-stats';
import type { RoomSessions } from '../room-sessions';
import { barrageFrame } from './barrage-frames';
import { douyinLiveFrame } from './douyinlive-frames';
import { GiftCombos } from './gift-combos';
import type { FrameMeaning } from './room-events';
import { startWsFeed, type WsFeed } from './ws-feed';

export type CaptureDialect = 'douyinlive' | 'barrage';

export interface CaptureInputOptions {
  dialect: CaptureDialect;
  url: string;
  intake: Intake;
  rooms: RoomSessions;
  stats: InputStats;
  config: RelayConfig;
  /** douyinLive's optional API key (Authorization: Bearer on the handshake) */
  apiKey?: string;
  now?: () => number;
  minBackoffMs?: number;
}

export interface CaptureInput {
  queue: InputQueue;
  /** stop reading the tool; resolves once what it sent is committed */
  stop(): Promise<void>;
  close(): void;
}

/** The live id of a douyinLive URL: the last path segment (`/ws/{liveId}`). */
export function liveIdOf(url: string): string | null {
  try {
    const seg = new URL(url).pathname.split('/').filter(Boolean).at(-1);
    return seg ? decodeURIComponent(seg) : null;
  } catch {
    return null;
  }
}

export function startCaptureInput(opts: CaptureInputOptions): CaptureInput {
  const now = opts.now ?? Date.now;
  const queue = new InputQueue(opts.intake, opts.stats);
  const combos = new GiftCombos();
  const liveId = liveIdOf(opts.url) ?? '';
  const meaning = (text: string): FrameMeaning =>
    opts.dialect === 'barrage'
      ? barrageFrame(text, { now: now(), fenPerDiamond: opts.config.fenPerDiamond })
      : douyinLiveFrame(text, { liveId, now: now(), fenPerDiamond: opts.config.fenPerDiamond, combos });

  const onText = (text: string): void => {
    opts.stats.received++;
    const m = meaning(text);
    switch (m.kind) {
      case 'events':
        queue.push(opts.rooms.route(m.room, m.events, now()));
        return;
      case 'online':
        queue.push(opts.rooms.route(m.room, [], now()));
        return;
      case 'ended':
        queue.push(opts.rooms.end(m.room, now()));
        return;
      case 'ignored':
        opts.stats.ignored++; // counted, not logged: most webcast methods are of no use here
        return;
      case 'status':
        opts.stats.detail = m.what;
        opts.stats.log(`status ${m.what}`);
        return;
      case 'unknown':
        opts.stats.rejects.add('unknown_frame', 1, m.why);
        return;
    }
  };
  const feed: WsFeed = startWsFeed({
    url: opts.url,
    stats: opts.stats,
    onText,
    minBackoffMs: opts.minBackoffMs,
    ...(opts.apiKey ? { headers: { authorization: `Bearer ${opts.apiKey}` } } : {}),
  });
  return {
    queue,
    stop: () => {
      feed.close();
      return queue.drained();
    },
    close: () => {
      feed.close();
      queue.close();
    },
  };
}
