/**
 * What the simulator's socket.io server (./server.ts) serves: one session's events pulled a
 * batch at a time — the simulator's own RoomShow (./show.ts), or a recorded session
 * (./recorded-show.ts, `luopan sim --db/--replay`). Its own module so that the server, the
 * sources and a transport of the benchmark's depend on it, and not on each other.
 */

/** One event as a source hands it out: the protocol envelope plus its body fields. */
export type SimEvent = { seq: number; ts: number; type: string } & Record<string, unknown>;

/** One session's events as the server pulls them. Seqs are contiguous from 1; show time is ms since the session's start. */
export interface ShowSource {
  readonly sessionId: string;
  readonly roomId: string;
  /** highest seq handed out so far */
  readonly lastSeq: number;
  /** every event handed out */
  readonly done: boolean;
  /** show time reached, seconds */
  readonly showSeconds: number;
  /** the events up to show time `showMs`, at most about `maxEvents` */
  advanceTo(showMs: number, maxEvents?: number): SimEvent[];
  /** at least `count` events (fewer only when done), whatever the show time */
  advanceBy(count: number): SimEvent[];
}
