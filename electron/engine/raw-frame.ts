/**
 * The text each event arrived as, so the store keeps the event body exactly as received
 * without serialising the parsed object again.
 *
 * Why: re-serialising every event (JSON.stringify) and then cloning one string per event to the
 * writer worker were, after validation, the engine thread's largest costs of its own. Instead the
 * socket.io decoder below remembers the text of each `batch` packet (a symbol property on the
 * parsed payload), `eventSpans` finds where each element of `events` starts and ends in it, and
 * the writer gets the packet text once plus two offsets per event.
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

/** Where an event's text is: body i = text.slice(spans[2i], spans[2i + 1]). */
export interface EventSpans { text: string; spans: Uint32Array }

const WS = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

class Walk {
  i: number;
  constructor(
    readonly s: string,
    start: number,
  ) {
    this.i = start;
  }
  ws(): void {
    while (WS(this.s.charCodeAt(this.i))) this.i++;
  }
  /** the index after the closing quote of the string starting at i */
  stringEnd(i: number): number {
    for (let j = i; ; ) {
      j = this.s.indexOf('"', j + 1);
      if (j < 0) throw new Error('unterminated string');
      let k = j - 1;
      while (this.s.charCodeAt(k) === 92) k--; // backslashes before the quote
      if ((j - 1 - k) % 2 === 0) return j + 1;
    }
  }
  /** skip one JSON value (any), returning where it started */
  value(): number {
    this.ws();
    const start = this.i;
    const c = this.s.charCodeAt(this.i);
    if (c === 34) this.i = this.stringEnd(this.i);
    else if (c === 123 || c === 91) {
      // object or array: strings may hold brackets, so skip them whole
      let depth = 0;
      for (;;) {
        const d = this.s.charCodeAt(this.i);
        if (Number.isNaN(d)) throw new Error('unterminated value');
        if (d === 34) {
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
      while (this.i < this.s.length) {
        const d = this.s.charCodeAt(this.i);
        if (d === 44 || d === 125 || d === 93 || WS(d)) break;
        this.i++;
      }
      if (this.i === start) throw new Error('empty value');
    }
    return start;
  }
  expect(c: number): void {
    this.ws();
    if (this.s.charCodeAt(this.i) !== c) throw new Error(`expected ${String.fromCharCode(c)}`);
    this.i++;
  }
  /** after an element or member: true if another follows (','), false at the closing bracket */
  more(close: number): boolean {
    this.ws();
    const c = this.s.charCodeAt(this.i);
    this.i++;
    if (c === 44) return true;
    if (c === close) return false;
    throw new Error('expected , or closing bracket');
  }
}

/** Where the JSON data of a socket.io text packet starts, as socket.io-parser reads it. */
function dataStart(packet: string): number {
  let i = 0; // the packet type digit
  if (packet.charAt(1) === '/') {
    i = packet.indexOf(',', 1); // the namespace runs to the first comma
    if (i < 0) return -1;
  }
  while (packet.charCodeAt(i + 1) >= 48 && packet.charCodeAt(i + 1) <= 57) i++; // the ack id
  return i + 1;
}

/**
 * Spans of the `events` elements of a `["batch", {…, "events": [...]}]` packet text, or null
 * when the text is not available or not understood, or disagrees with `count` (the length of
 * the parsed events array).
 */
export function eventSpans(payload: unknown, count: number): EventSpans | null {
  const text = (payload as { [RAW_TEXT]?: unknown } | null)?.[RAW_TEXT];
  if (typeof text !== 'string') return null;
  try {
    const w = new Walk(text, dataStart(text));
    w.expect(91); // [
    w.value(); // the event name
    if (!w.more(93)) return null;
    w.ws();
    if (text.charCodeAt(w.i) !== 123) return null; // the payload object
    w.i++;
    let found: number[] | null = null;
    w.ws();
    if (text.charCodeAt(w.i) === 125) return null; // {} : no events
    do {
      w.ws();
      const keyStart = w.value();
      let key = text.slice(keyStart, w.i);
      key = key.includes('\\') ? (JSON.parse(key) as string) : key.slice(1, -1);
      w.expect(58); // :
      w.ws();
      if (key === 'events' && text.charCodeAt(w.i) === 91) {
        const spans: number[] = [];
        w.i++;
        w.ws();
        if (text.charCodeAt(w.i) === 93) w.i++;
        else {
          do {
            const start = w.value();
            spans.push(start, w.i);
          } while (w.more(93));
        }
        found = spans; // the last "events" wins, as in JSON.parse
      } else {
        w.value();
        if (key === 'events') found = null;
      }
    } while (w.more(125));
    if (!found || found.length !== count * 2) return null;
    return { text, spans: Uint32Array.from(found) };
  } catch {
    return null;
  }
}
