/**
 * The sessions of capture-tool rooms. A room's session starts at its first message — a
 * `session.start` built from the config file's room entry (title, host, shop) or, where it has
 * none, from what the feed says (host name, title) — and ends at the stream's end (session.end);
 * the next message after that starts a new session. A room silent for `sessionGapMin` has ended
 * too (the relay may have been down when the show ended): its next message ends the old session
 * at its last message's time and starts a new one. The open session of each room is found again
 * in the spool at start-up, so a restarted relay continues it.
 */
import type { RelayConfig } from './config';
import { roomConfigFor } from './config';
import type { Intake, Submission } from './intake';
import type { RoomEvent, RoomRef } from './inputs/room-events';

interface Open {
  sessionId: string;
  lastTs: number;
  aliases: Set<string>;
}

export class RoomSessions {
  private readonly open = new Map<string, Open>();
  private readonly taken = new Set<string>();

  constructor(
    private readonly intake: Intake,
    private readonly config: RelayConfig,
    /** data the relay's inputs cannot supply, declared on every session.start it builds */
    private readonly unavailable: readonly string[] = [],
  ) {
    for (const s of intake.allSessions()) {
      this.taken.add(s.sessionId);
      if (s.roomKey && s.endedAt === null) {
        const known = this.open.get(s.roomKey);
        if (!known || known.lastTs < s.lastTs) this.open.set(s.roomKey, { sessionId: s.sessionId, lastTs: s.lastTs, aliases: new Set() });
      }
    }
  }

  /** The open session of a room's key ('dy:<web room id>'), or null. */
  sessionOf(roomKey: string): string | null {
    return this.open.get(roomKey)?.sessionId ?? null;
  }

  /** Submissions for a room's events: a session.start first when the room has no open session. */
  route(room: RoomRef, events: RoomEvent[], now: number): Submission[] {
    const key = keyOf(room);
    const out: Submission[] = [];
    let s = this.open.get(key);
    if (s && now - s.lastTs > this.config.sessionGapMin * 60_000) {
      out.push(this.endSubmission(key, s, s.lastTs));
      s = undefined;
    }
    if (!s) {
      const start = this.startEvent(room, now);
      s = { sessionId: start.sessionId as string, lastTs: now, aliases: new Set() };
      this.open.set(key, s);
      out.push({ sessionId: s.sessionId, roomKey: key, event: start, aliases: [room.webRoomId] });
    }
    for (const e of events) out.push({ sessionId: s.sessionId, roomKey: key, event: e });
    // the broadcast's platform id rides on the first submission of the session (it is committed with it)
    const first = out.find((x) => x.sessionId === s.sessionId);
    if (first && room.platformRoomId && !s.aliases.has(room.platformRoomId)) {
      s.aliases.add(room.platformRoomId);
      first.aliases = [...(first.aliases ?? []), room.platformRoomId];
    }
    s.lastTs = Math.max(s.lastTs, now);
    return out;
  }

  /** The room's show ended: session.end for its open session (none when it has none). */
  end(room: RoomRef, now: number): Submission[] {
    const key = keyOf(room);
    const s = this.open.get(key);
    if (!s) return [];
    return [this.endSubmission(key, s, now)];
  }

  private endSubmission(key: string, s: Open, endedAt: number): Submission {
    this.open.delete(key);
    return { sessionId: s.sessionId, roomKey: key, event: { type: 'session.end', ts: endedAt, endedAt } };
  }

  private startEvent(room: RoomRef, now: number): RoomEvent {
    const cfg = roomConfigFor(this.config, [room.webRoomId, room.platformRoomId]);
    const roomId = cfg?.roomId ?? cfg?.match[0] ?? room.webRoomId;
    const hostName = room.hostName ?? roomId;
    const host = cfg?.host ?? { id: room.hostId || `dy:${room.webRoomId}`, name: hostName, kind: 'self' as const };
    const sessionId = this.newSessionId(roomId, now);
    return {
      type: 'session.start',
      ts: now,
      sessionId,
      roomId,
      title: cfg?.title ?? room.title ?? `${hostName}的直播`,
      startedAt: now,
      host,
      shop: cfg?.shop ?? { id: `shop:${roomId}`, name: hostName, category: '', tier: '' },
      ...(cfg?.streamUrl ? { streamUrl: cfg.streamUrl } : {}),
      ...(this.unavailable.length ? { unavailable: [...this.unavailable] } : {}),
    };
  }

  /** `<roomId>-<local yyyymmdd-HHMMss>`, unique in the spool. */
  private newSessionId(roomId: string, at: number): string {
    const d = new Date(at);
    const p = (n: number) => String(n).padStart(2, '0');
    const base = `${roomId.slice(0, 200)}-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
    let id = base;
    for (let i = 2; this.taken.has(id) || this.intake.session(id); i++) id = `${base}-${i}`;
    this.taken.add(id);
    return id;
  }
}

/** The key of a capture-tool room in the spool: both dialects name a room by its web room id. */
export function keyOf(room: RoomRef): string {
  return `dy:${room.webRoomId}`;
}
