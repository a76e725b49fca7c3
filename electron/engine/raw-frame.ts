/**
 * The text each event arrived as, so the store keeps the event body exactly as received
 * without serialising the parsed object again.
 *
 * Why: re-serialising every event (JSON.stringify) and then cloning one string per event to the
 * writer worker were, after validation, the engine thread's largest costs of its own. Instead the
 * socket.io decoder below remembers the text of each `batch` packet (a symbol property on the
 * parsed payload), `eventSpans` finds where each element of `events` starts and ends in its
 * UTF-8 bytes, and the writer gets those bytes once plus two offsets per event.
 *
 * Safety: the spans are only used when the structure walk agrees with what JSON.parse built
 * (same number of events, keys decoded as JSON.parse decodes them, the last `events` key wins
 * as in JSON.parse). Anything else — a binary packet, a parser version that does not call
 * decodeString, a payload this walk does not understand — gives null and the caller
 * serialises the parsed events as before.
 */
import { Decoder, Encoder, PacketType, protocol } from 'socket.io-parser';

/** The packet text a `batch` payload was parsed from (set by RawTextDecoder). */
export const RAW_TEXT: unique symbol = Symbol('luopan.rawText');

type Decode = (str: string) => { type: number; data?: unknown };

/** socket.io-parser's Decoder, plus the packet text on every EVENT payload object. */
class RawTextDecoder extends Decoder {
  constructor(opts?: ConstructorParameters<typeof Decoder>[0]) {
    super(opts);
    // decodeString is the parser's (internal, stable since socket.io-parser 4.0) step that
    // parses one text packet; `add` calls it on `this`. If a future version stops doing so,
    // RAW_TEXT is absent and the bodies are serialised again — slower, never wrong.
    const self = this as unknown as { decodeString: Decode };
    const decode = self.decodeString;
    if (typeof decode !== 'function') return;
    self.decodeString = (str: string) => {
      const packet = decode.call(this, str);
      if (packet.type === PacketType.EVENT && Array.isArray(packet.data)) {
        const payload: unknown = packet.data[1];
        if (typeof payload === 'object' && payload !== null) {
          Object.defineProperty(payload, RAW_TEXT, { value: str, enumerable: false });
        }
      }
      return packet;
    };
  }
}

/** The `parser` option of socket.io-client: the default wire format, RawTextDecoder inside. */
export const rawTextParser = { protocol, PacketType, Encoder, Decoder: RawTextDecoder };

/**
 * Where an event's text is, as UTF-8 bytes: body i = bytes[spans[2i] .. spans[2i + 1]). Bytes
 * because they are what the writer worker gets (electron/store/event-writer.ts `Bodies`): a
 * two-byte JS string costs far more to post to a worker than its UTF-8 bytes.
 */
export interface EventSpans { bytes: Uint8Array; spans: Uint32Array }

const WS = (c: number | undefined) => c === 32 || c === 10 || c === 13 || c === 9;
const QUOTE = 34;
const BACKSLASH = 92;

/**
 * A walk over the JSON of a packet in UTF-8 bytes. Every byte JSON's structure is made of is
 * ASCII, and no byte of a multi-byte UTF-8 character is, so walking bytes finds exactly what
 * walking characters would. The text was just parsed by JSON.parse, so it is valid JSON; the
 * checks here only keep a walk that went wrong from running away.
 */
class Walk {
  i: number;
  constructor(
    readonly b: Uint8Array,
    start: number,
  ) {
    this.i = start;
  }
  ws(): void {
    while (WS(this.b[this.i])) this.i++;
  }
  /** the index after the closing quote of the string starting at i */
  stringEnd(i: number): number {
    const b = this.b;
    const n = b.length;
    for (let j = i + 1; j < n; j++) {
      const c = b[j];
      if (c === BACKSLASH) j++; // an escape: the next byte is never the closing quote
      else if (c === QUOTE) return j + 1;
    }
    throw new Error('unterminated string');
  }
  /** skip one JSON value (any), returning where it started */
  value(): number {
    this.ws();
    const b = this.b;
    const start = this.i;
    const c = b[this.i];
    if (c === QUOTE) this.i = this.stringEnd(this.i);
    else if (c === 123 || c === 91) {
      // object or array: strings may hold brackets, so skip them whole
      let depth = 0;
      for (;;) {
        const d = b[this.i];
        if (d === undefined) throw new Error('unterminated value');
        if (d === QUOTE) {
          this.i = this.stringEnd(this.i);
          continue;
        }
        if (d === 123 || d === 91) depth++;
        else if (d === 125 || d === 93) {
          depth--;
          if (depth === 0) {
            this.i++;
            break;
          }
        }
        this.i++;
      }
    } else {
      // number, true, false, null
      while (this.i < b.length) {
        const d = b[this.i];
        if (d === 44 || d === 125 || d === 93 || WS(d)) break;
        this.i++;
      }
      if (this.i === start) throw new Error('empty value');
    }
    return start;
  }
  expect(c: number): void {
    this.ws();
    if (this.b[this.i] !== c) throw new Error(`expected ${String.fromCharCode(c)}`);
    this.i++;
  }
  /** after an element or member: true if another follows (','), false at the closing bracket */
  more(close: number): boolean {
    this.ws();
    const c = this.b[this.i];
    this.i++;
    if (c === 44) return true;
    if (c === close) return false;
    throw new Error('expected , or closing bracket');
  }
  /** whether the JSON string at start..end (quotes included) decodes to `name` (ASCII), as JSON.parse decodes it */
  keyIs(start: number, end: number, name: string): boolean {
    const b = this.b;
    if (b.subarray(start, end).includes(BACKSLASH)) return JSON.parse(Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8')) === name;
    if (end - start !== name.length + 2) return false;
    for (let k = 0; k < name.length; k++) if (b[start + 1 + k] !== name.charCodeAt(k)) return false;
    return true;
  }
}

/** Where the JSON data of a socket.io text packet starts, as socket.io-parser reads it. */
function dataStart(packet: Uint8Array): number {
  let i = 0; // the packet type digit
  if (packet[1] === 47) {
    i = packet.indexOf(44, 1); // the namespace (after '/') runs to the first comma
    if (i < 0) return -1;
  }
  while (packet[i + 1]! >= 48 && packet[i + 1]! <= 57) i++; // the ack id
  return i + 1;
}

/**
 * Spans of the `events` elements of a `["batch", {…, "events": [...]}]` packet, in the packet
 * text's UTF-8 bytes, or null when the text is not available or not understood, or disagrees
 * with `count` (the length of the parsed events array).
 */
export function eventSpans(payload: unknown, count: number): EventSpans | null {
  const text = (payload as { [RAW_TEXT]?: unknown } | null)?.[RAW_TEXT];
  if (typeof text !== 'string') return null;
  try {
    const bytes = Buffer.from(text, 'utf8');
    const w = new Walk(bytes, dataStart(bytes));
    w.expect(91); // [
    w.value(); // the event name
    if (!w.more(93)) return null;
    w.ws();
    if (bytes[w.i] !== 123) return null; // the payload object
    w.i++;
    let found: Uint32Array | null = null;
    w.ws();
    if (bytes[w.i] === 125) return null; // {} : no events
    do {
      w.ws();
      const keyStart = w.value();
      const isEvents = w.keyIs(keyStart, w.i, 'events');
      w.expect(58); // :
      w.ws();
      if (isEvents && bytes[w.i] === 91) {
        const spans = new Uint32Array(2 * count);
        let k = 0;
        w.i++;
        w.ws();
        if (bytes[w.i] === 93) w.i++;
        else {
          do {
            if (k === spans.length) return null; // more elements than JSON.parse found
            spans[k++] = w.value();
            spans[k++] = w.i;
          } while (w.more(93));
        }
        found = k === spans.length ? spans : null; // the last "events" wins, as in JSON.parse
      } else {
        w.value();
        if (isEvents) found = null;
      }
    } while (w.more(125));
    if (!found) return null;
    return { bytes, spans: found };
  } catch {
    return null;
  }
}
