/**
 * A show generated to its end before it is served, with the payload text of every batch the
 * server will send rendered in advance — for `npm run bench:ingest` only, plugged into the
 * simulator's server as its transport (SimOptions.transport = prerenderTransport).
 *
 * Why: the benchmark measures the recorder. A real source runs on another machine; the
 * simulator running in the timed window on the same two cores took ≈ 3.9 µs of CPU per event
 * (generating, JSON.stringify, socket.io's binary scan) away from the recorder. Generated and
 * rendered beforehand, the source only sends during the timed window. The events are the
 * simulator's own (RoomShow, same seed ⇒ same events: generation is chunk-independent), and
 * the wire text is byte for byte what socket.io would have encoded: the payload is rendered by
 * the same JSON.stringify, and PrerenderedEncoder only puts socket.io's packet prefix in front of it.
 *
 * Batches are rendered in blocks of `batchEvents` from seq 1, the way the server sends at full
 * speed; a batch that does not match a block (after a reconnect or a resume) is encoded live
 * as usual, and counted (`live`) so the benchmark can say how many were.
 */
import { Encoder, Decoder, PacketType, protocol, type Packet } from 'socket.io-parser';
import type { Socket } from 'socket.io';
import type { SimTransport } from '../electron/sim/server';
import type { ShowSource, SimEvent } from '../electron/sim/show-source';
import { MAX_BATCH_EVENTS } from '../shared/protocol/messages';

/** The pre-rendered JSON text of a batch payload object (set by the server's send). */
export const PRERENDERED: unique symbol = Symbol('luopan.prerendered');
/** The end of the batch's packet as UTF-8 bytes — the text and the closing `]` of the event's
 *  arguments — for sending the batch as one pre-built WebSocket frame (emitBatch). */
const PACKET_TAIL: unique symbol = Symbol('luopan.packetTail');

export class PrerenderedShow implements ShowSource {
  readonly sessionId: string;
  readonly roomId: string;
  private readonly events: SimEvent[] = [];
  /** first seq of a block → its event count, payload text and packet tail (PACKET_TAIL) */
  private readonly blocks = new Map<number, { count: number; text: string; tail: Buffer }>();
  /** [index of the first event after a generation step, show seconds reached then] */
  private readonly marks: [number, number][] = [];
  private next = 0;
  private mark = 0;
  /** batches served from a pre-rendered text / encoded live / sent as a pre-built frame */
  rendered = 0;
  live = 0;
  framed = 0;

  constructor(show: ShowSource, batchEvents = MAX_BATCH_EVENTS) {
    this.sessionId = show.sessionId;
    this.roomId = show.roomId;
    while (!show.done) {
      for (const e of show.advanceBy(batchEvents)) this.events.push(e);
      this.marks.push([this.events.length, show.showSeconds]);
    }
    for (let i = 0; i < this.events.length; i += batchEvents) {
      const events = this.events.slice(i, i + batchEvents);
      const text = JSON.stringify({ sessionId: this.sessionId, events });
      this.blocks.set(events[0]!.seq, { count: events.length, text, tail: Buffer.from(`${text}]`, 'utf8') });
    }
  }

  get lastSeq(): number {
    return this.next > 0 ? this.events[this.next - 1]!.seq : 0;
  }
  get done(): boolean {
    return this.next >= this.events.length;
  }
  get showSeconds(): number {
    while (this.mark < this.marks.length - 1 && this.marks[this.mark]![0] < this.next) this.mark++;
    return this.next === 0 ? 0 : (this.marks[this.mark]?.[1] ?? 0);
  }
  /** events in whole generation steps up to show time `showMs` (the steps are ≈ batchEvents long) */
  advanceTo(showMs: number, maxEvents = Infinity): SimEvent[] {
    let to = this.next;
    for (const [end, seconds] of this.marks) {
      if (end <= to) continue;
      if ((seconds - 1) * 1000 > showMs || end - this.next > maxEvents) break;
      to = end;
    }
    return this.take(to);
  }
  advanceBy(count: number): SimEvent[] {
    return this.take(Math.min(this.events.length, this.next + count));
  }
  private take(to: number): SimEvent[] {
    const out = this.events.slice(this.next, to);
    this.next = to;
    return out;
  }

  /** The payload text (and packet tail) of the batch of `count` events from seq `from`, if rendered beforehand. */
  renderedBatch(from: number, count: number): { text: string; tail: Buffer } | undefined {
    const block = this.blocks.get(from);
    if (block && block.count === count) {
      this.rendered++;
      return block;
    }
    this.live++;
    return undefined;
  }
}

/** The payload `{ sessionId, events }` to emit, carrying its pre-rendered text when there is one. */
export function batchPayload(show: ShowSource, sessionId: string, events: SimEvent[]): { sessionId: string; events: SimEvent[] } {
  const payload = { sessionId, events };
  if (show instanceof PrerenderedShow && events.length > 0) {
    const block = show.renderedBatch(events[0]!.seq, events.length);
    if (block !== undefined) {
      Object.defineProperty(payload, PRERENDERED, { value: block.text, enumerable: false });
      Object.defineProperty(payload, PACKET_TAIL, { value: block.tail, enumerable: false });
    }
  }
  return payload;
}

/**
 * `socket.emit('batch', payload, ack)`, with a pre-rendered payload sent as one pre-built
 * WebSocket text frame: the frame socket.io would write, built from bytes rendered beforehand
 * instead of encoding a two-byte string of ≈ 1 MB to UTF-8 (and copying it) at every send — on
 * the bench's shared cores that was most of the source's own CPU. How: engine.io sends a message
 * whose options carry `wsPreEncodedFrame` as it is (socket.io's own broadcasts use this), and a
 * socket's `flags` become those options. The frame needs the ack id emit() is about to take
 * (`nsp._ids`). Where any of these internals is missing (another socket.io version, the polling
 * transport) the batch is encoded as usual — the same bytes, more CPU; with compression on,
 * engine.io itself ignores the frame. test/bench/prerender.test.ts compares the packets
 * received, ack ids included, with and without pre-rendering.
 */
export function emitBatch(socket: Socket, payload: object, show: ShowSource, ack: (a: unknown) => void): void {
  const tail = (payload as { [PACKET_TAIL]?: Buffer })[PACKET_TAIL];
  const internals = socket as unknown as { flags?: Record<string, unknown>; nsp: { _ids?: unknown; name: string } };
  const id = internals.nsp._ids;
  if (tail && typeof id === 'number' && typeof internals.flags === 'object' && internals.flags !== null && socket.conn.transport.name === 'websocket') {
    // [frame header + packet head, packet tail]: ws writes the two parts as they are, so the
    // ≈ 0.5 MB tail is never copied; "4" is engine.io's message type
    const head = Buffer.from(`4${packetHead({ type: PacketType.EVENT, nsp: internals.nsp.name, id }, 'batch')}`);
    internals.flags.wsPreEncodedFrame = [Buffer.concat([textFrameHeader(head.length + tail.length), head]), tail];
    if (show instanceof PrerenderedShow) show.framed++;
  }
  socket.emit('batch', payload, ack);
}

/** The header of an unmasked, final WebSocket text frame of `length` bytes (RFC 6455 §5.2). */
export function textFrameHeader(length: number): Buffer {
  if (length < 126) return Buffer.from([0x81, length]);
  if (length < 65536) {
    const h = Buffer.from([0x81, 126, 0, 0]);
    h.writeUInt16BE(length, 2);
    return h;
  }
  const h = Buffer.from([0x81, 127, 0, 0, 0, 0, 0, 0, 0, 0]);
  h.writeBigUInt64BE(BigInt(length), 2);
  return h;
}

const plainEncoder = new Encoder();

/**
 * The text of an event packet up to its payload: the library's own prefix (type, namespace, ack
 * id — the same packet without data encodes to just that), then `[name,`. What PrerenderedEncoder
 * and emitBatch both put in front of a pre-rendered payload.
 */
function packetHead(packet: Omit<Packet, 'data'>, name: string): string {
  return `${String(plainEncoder.encode({ ...packet, data: undefined })[0])}[${JSON.stringify(name)},`;
}

/**
 * socket.io-parser's Encoder, except that an event `[name, payload]` whose payload carries a
 * PRERENDERED text is written as that text (what JSON.stringify would have produced, so the
 * bytes are the same); the prefix (type, namespace, ack id) is the library's own.
 */
class PrerenderedEncoder extends Encoder {
  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    const data: unknown = packet.data;
    if (packet.type === PacketType.EVENT && Array.isArray(data) && data.length === 2 && typeof data[0] === 'string') {
      const text = (data[1] as { [PRERENDERED]?: unknown } | null)?.[PRERENDERED];
      if (typeof text === 'string') return [packetHead(packet, data[0]) + text + ']'];
    }
    return super.encode(packet);
  }
}

/** The `parser` option of the socket.io Server for pre-rendered shows. */
export const prerenderedParser = { protocol, PacketType, Encoder: PrerenderedEncoder, Decoder };

/**
 * The simulator server's transport for bench:ingest: every show generated and rendered before
 * the server listens (shows need a duration: an endless one never finishes rendering), batches
 * written from their rendered text, and the counters the benchmark reports.
 */
export const prerenderTransport: SimTransport = {
  prepare: (show, opts) => {
    if (opts.shows === undefined && opts.durationMin === undefined) throw new Error('prerender needs a show duration (durationMin)');
    return new PrerenderedShow(show);
  },
  serverOptions: { parser: prerenderedParser },
  emitBatch: (socket, show, payload, ack) => emitBatch(socket, batchPayload(show, payload.sessionId, payload.events), show, ack),
  counters: (show): Record<string, number> => (show instanceof PrerenderedShow ? { batchesPrerendered: show.rendered, batchesEncodedLive: show.live, batchesFramed: show.framed } : {}),
};
