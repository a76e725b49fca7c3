/**
 * The engine's replay: at most one recorded session open at a time, its room published as
 * `replay:<sessionId>` in the engine's view-delta stream (≤ 10 Hz, changed keys only), its
 * position and controls pushed as `replay.state` (on every command, ≤ 4 Hz while playing or
 * seeking). The API handlers of shared/api/contract.ts `replay.*` are `replayHandlers()`.
 */
import type Database from 'better-sqlite3';
import type { ApiHandlers, ReplayMarker, ReplaySpeed, ReplayState } from '../../shared/api/contract';
import { SessionCheckpoints } from '../fold/session-checkpoints';
import { storedAlerts, timelineMarkers } from './markers';
import { ReplayPlayer } from './player';
import { loadTimeline } from './timeline';
import type { ViewStream } from './view-stream';

export interface ReplayControllerOptions {
  db: Database.Database;
  stream: ViewStream;
  pushState: (state: ReplayState) => void;
  now?: () => number;
  /** publication tick, ms (100 = 10 Hz) */
  tickMs?: number;
}

const STATE_PUSH_MS = 250;
export const replayRoomKey = (sessionId: string): string => `replay:${sessionId}`;

export class ReplayController {
  private player: ReplayPlayer | null = null;
  private checkpoints: SessionCheckpoints | null = null;
  private markers: ReplayMarker[] = [];
  private key: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastPush = 0;
  private readonly now: () => number;

  constructor(private readonly opts: ReplayControllerOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Open a recorded session at position 0, paused (the one already open stays as it is). */
  open(sessionId: string): ReplayState {
    if (this.player?.timeline.sessionId === sessionId) return this.state();
    const timeline = loadTimeline(this.opts.db, sessionId); // throws a one-line error first
    this.close();
    const alerts = storedAlerts(this.opts.db, sessionId);
    // stored checkpoints (a finished, rolled-up session) at once; the rest built in the background
    const checkpoints = SessionCheckpoints.load(this.opts.db, sessionId);
    this.checkpoints = checkpoints;
    void checkpoints.build(timeline.lastSeq, () => new Promise((resolve) => setImmediate(resolve))).catch(() => undefined);
    const player = new ReplayPlayer(this.opts.db, timeline, { now: this.now, alerts, checkpoints });
    this.player = player;
    this.markers = timelineMarkers(this.opts.db, timeline, alerts);
    this.key = replayRoomKey(sessionId);
    player.aggregator.takeChanges();
    this.opts.stream.setRoom(this.key, () => player.aggregator.view());
    this.timer = setInterval(() => this.tick(), this.opts.tickMs ?? 100);
    this.timer.unref?.();
    return this.pushNow();
  }

  async play(): Promise<ReplayState> {
    const p = this.need();
    await p.play();
    this.publish();
    return this.pushNow();
  }

  pause(): ReplayState {
    this.need().pause();
    this.publish();
    return this.pushNow();
  }

  speed(speed: ReplaySpeed): ReplayState {
    this.need().setSpeed(speed);
    this.publish();
    return this.pushNow();
  }

  /** Jump to show minute `minute`; resolves once the figures are those of that minute. */
  async seek(minute: number): Promise<ReplayState> {
    const p = this.need();
    const done = p.seek(minute * 60_000);
    this.pushNow(); // the new position and the progress at once
    await done;
    if (this.player === p) this.publish();
    return this.pushNow();
  }

  close(): ReplayState {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const wasOpen = this.player !== null;
    this.player?.close();
    this.player = null;
    this.checkpoints?.stop();
    this.checkpoints = null;
    this.markers = [];
    if (this.key) this.opts.stream.removeRoom(this.key);
    this.key = null;
    return wasOpen ? this.pushNow() : this.state();
  }

  /** A session was deleted: a replay of it ends (its events are gone). */
  forget(sessionId: string): void {
    if (this.player?.timeline.sessionId === sessionId) this.close();
  }

  state(): ReplayState {
    const p = this.player;
    if (!p) {
      return { sessionId: null, roomKey: null, title: '', startedAt: 0, playing: false, speed: 1, positionMs: 0, seq: 0, durationMs: 0, markers: [], seeking: null };
    }
    const t = p.timeline;
    return {
      sessionId: t.sessionId,
      roomKey: this.key,
      title: t.title,
      startedAt: t.startedAt,
      playing: p.isPlaying,
      speed: p.speed,
      positionMs: Math.round(p.positionMs),
      seq: p.seq,
      durationMs: t.durationMs,
      markers: this.markers,
      seeking: p.seeking ? { ...p.seeking } : null,
    };
  }

  private need(): ReplayPlayer {
    if (!this.player) throw new Error('no replay is open (replay.open first)');
    return this.player;
  }

  private tick(): void {
    const p = this.player;
    if (!p) return;
    const wasPlaying = p.isPlaying;
    const moved = p.tick();
    if (moved) this.publish();
    if (wasPlaying !== p.isPlaying) this.pushNow(); // reached the end
    else if ((moved || p.seeking) && this.now() - this.lastPush >= STATE_PUSH_MS) this.pushNow();
  }

  /** Publish what changed in the replay's room (the whole room after a rebuild). */
  private publish(): void {
    const p = this.player;
    if (!p || !this.key || p.seeking) return;
    const agg = p.aggregator;
    if (p.replaced) {
      p.replaced = false;
      agg.takeChanges();
      this.opts.stream.setRoom(this.key, () => agg.view());
    } else {
      this.opts.stream.patchRoom(this.key, agg.takeChanges());
    }
  }

  private pushNow(): ReplayState {
    const s = this.state();
    this.lastPush = this.now();
    this.opts.pushState(s);
    return s;
  }
}

/** The `replay.*` API handlers of a controller. */
export function replayHandlers(c: ReplayController): Pick<ApiHandlers, 'replay.open' | 'replay.play' | 'replay.pause' | 'replay.speed' | 'replay.seek' | 'replay.close' | 'replay.state'> {
  return {
    'replay.open': (sessionId) => c.open(sessionId),
    'replay.play': () => c.play(),
    'replay.pause': () => c.pause(),
    'replay.speed': (speed) => c.speed(speed),
    'replay.seek': (minute) => c.seek(minute),
    'replay.close': () => c.close(),
    'replay.state': () => c.state(),
  };
}
