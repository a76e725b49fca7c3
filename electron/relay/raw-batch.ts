/**
 * A `batch` whose events go out as the JSON text the spool holds, not parsed and re-written:
 * the bytes a client stores are the bytes an input delivered (64-bit ids included), and serving
 * a resuming recorder costs no parse. The socket.io packet around it is the library's own.
 */
import { Decoder, Encoder, PacketType, protocol, type Packet } from 'socket.io-parser';

/** The payload of a `batch` event carrying pre-serialised event bodies. */
export class RawBatch {
  constructor(
    readonly sessionId: string,
    readonly bodies: readonly string[],
  ) {}

  /** The payload's JSON: `{"sessionId":…,"events":[body,…]}`. */
  toJSONText(): string {
    return `{"sessionId":${JSON.stringify(this.sessionId)},"events":[${this.bodies.join(',')}]}`;
  }
}

class RawBatchEncoder extends Encoder {
  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    const data: unknown = packet.data;
    if (packet.type === PacketType.EVENT && Array.isArray(data) && data.length === 2 && data[1] instanceof RawBatch) {
      // the library's prefix (type, namespace, ack id) is what it encodes for the packet without data
      const head = String(super.encode({ ...packet, data: undefined })[0]);
      return [`${head}[${JSON.stringify(data[0])},${data[1].toJSONText()}]`];
    }
    return super.encode(packet);
  }
}

/** The `parser` option of the relay's socket.io server. */
export const rawBatchParser = { protocol, PacketType, Encoder: RawBatchEncoder, Decoder };
