/** Socket.io messages of protocol v1 besides the events themselves (docs/protocol.md, Transport). */
export const PROTOCOL_VERSION = 1;
export const LIVE_NAMESPACE = '/live';
/** Largest batch a source sends (docs/protocol.md); larger ones are accepted but written in chunks. */
export const MAX_BATCH_EVENTS = 5000;
/** A source sends a batch at most this often per session. */
export const MIN_BATCH_INTERVAL_MS = 50;

export interface HelloMessage { protocol: number; source: string; time: number }
export interface BatchMessage { sessionId: string; events: unknown[] }
export type BatchAck = { ok: true; upTo: number } | { ok: false; error: string };
export interface GapMessage { sessionId: string; from: number; to: number }
export interface ResumeMessage { sessionId: string; afterSeq: number }
export interface ConnectAuth { token?: string; rooms?: string[]; resume?: Record<string, number> }

export interface ServerToClient {
  hello: (msg: HelloMessage) => void;
  batch: (msg: BatchMessage, ack: (ack: BatchAck) => void) => void;
  gap: (msg: GapMessage) => void;
}
export interface ClientToServer {
  resume: (msg: ResumeMessage) => void;
}
