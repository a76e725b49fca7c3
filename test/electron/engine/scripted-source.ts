/**
 * A real socket.io server on 127.0.0.1 (port 0) speaking the `/live` namespace, driven by the
 * test frame by frame: it sends exactly the hello / batch / gap frames a test needs (duplicates,
 * holes, garbage) and records what the client sends back (auth, acks, resume requests).
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';

export interface ScriptedSource {
  url: string;
  /** resolves with the next client connection (call before or after it connects) */
  nextSocket(): Promise<Socket>;
  auths: unknown[];
  resumes: { sessionId: string; afterSeq: number }[];
  /** send a batch and wait for its ack; resolves 'timeout' when none came within `ms` */
  batch(socket: Socket, payload: unknown, ms?: number): Promise<unknown>;
  close(): Promise<void>;
  io: Server;
  /** refuse every connection with this message (e.g. 'unauthorized') */
  refuseWith: string | null;
  hello: unknown;
}

export async function startScriptedSource(): Promise<ScriptedSource> {
  const http: HttpServer = createServer();
  const io = new Server(http, { maxHttpBufferSize: 1e8 });
  const waiting: ((s: Socket) => void)[] = [];
  const queued: Socket[] = [];
  const source: ScriptedSource = {
    url: '',
    auths: [],
    resumes: [],
    refuseWith: null,
    hello: { protocol: 1, source: 'scripted', time: Date.now() },
    io,
    nextSocket() {
      const s = queued.shift();
      if (s) return Promise.resolve(s);
      return new Promise((resolve) => waiting.push(resolve));
    },
    async batch(socket, payload, ms = 3000) {
      try {
        return await socket.timeout(ms).emitWithAck('batch', payload);
      } catch {
        return 'timeout';
      }
    },
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
  const live = io.of('/live');
  live.use((socket, next) => {
    source.auths.push(socket.handshake.auth);
    if (source.refuseWith) return next(new Error(source.refuseWith));
    next();
  });
  live.on('connection', (socket) => {
    socket.on('resume', (msg) => source.resumes.push(msg));
    socket.emit('hello', source.hello);
    const w = waiting.shift();
    if (w) w(socket);
    else queued.push(socket);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  source.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return source;
}

/** A valid event of a simple known type. */
export function likeEvent(seq: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { seq, ts: 1_700_000_000_000 + seq, type: 'like', count: 1, ...extra };
}

export function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}
