/**
 * What a capture-tool frame means for a room, in both dialects (douyinlive-frames.ts,
 * barrage-frames.ts): protocol events without seq (the intake numbers them), the room they
 * belong to, and what the frame says about the room itself.
 */
export type RoomEvent = { type: string; ts: number } & Record<string, unknown>;

export interface RoomRef {
  /** the stable room id (the web room id / the capture tool's live id) */
  webRoomId: string;
  /** the platform's id of this broadcast (changes every show); orders name it */
  platformRoomId?: string;
  hostName?: string;
  hostId?: string;
  title?: string;
}

export type FrameMeaning =
  /** events of a room's show */
  | { kind: 'events'; room: RoomRef; events: RoomEvent[] }
  /** the show started (a status frame) */
  | { kind: 'online'; room: RoomRef }
  /** the show ended */
  | { kind: 'ended'; room: RoomRef }
  /** a well-formed frame the relay has no use for (a rank list, a banner …) */
  | { kind: 'ignored'; what: string }
  /** a status the tool reports about itself or the room (not live yet, not found …) */
  | { kind: 'status'; what: string }
  /** a frame of an unknown type or shape */
  | { kind: 'unknown'; why: string };
