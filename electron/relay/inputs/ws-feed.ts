/**
 * A capture tool's local WebSocket, kept open: reconnect with backoff (0.5 s doubling to 30 s,
 * jittered) whenever the tool restarts or drops the connection, a ping every 30 s, and a
 * connection that has said nothing for 90 s (not even a pong) is dropped and opened again.
 * Every text frame goes to `onText`; a binary frame is read as UTF-8.
 */
import WebSocket from 'ws';
import { backoffDelay } from '../../engine/backoff';
import type { InputStats } from '../input-stats';

const PING_MS = 30_000;
const SILENT_MS = 90_000;

export interface WsFeedOptions {
  url: string;
  headers?: Record<string, string>;
  stats: InputStats;
  onText: (text: string) => void;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface WsFeed {
  close(): void;
}

export function startWsFeed(opts: WsFeedOptions): WsFeed {
  let ws: WebSocket | null = null;
  let attempt = 0;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let ping: NodeJS.Timeout | null = null;
  let heardAt = 0;

  const connect = (): void => {
    if (closed) return;
    const socket = new WebSocket(opts.url, { headers: opts.headers, handshakeTimeout: 10_000 });
    ws = socket;
    socket.on('open', () => {
      attempt = 0;
      heardAt = Date.now();
      opts.stats.setState('connected', opts.url);
      ping = setInterval(() => {
        if (Date.now() - heardAt > SILENT_MS) return socket.terminate();
        socket.ping();
      }, PING_MS);
    });
    socket.on('pong', () => (heardAt = Date.now()));
    socket.on('message', (data, isBinary) => {
      heardAt = Date.now();
      const text = isBinary || typeof data !== 'string' ? Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8') : data;
      opts.onText(String(text));
    });
    socket.on('error', () => {}); // 'close' follows and says why
    socket.on('close', (code, reason) => {
      if (ping) clearInterval(ping);
      ping = null;
      if (closed) return;
      attempt++;
      const delay = backoffDelay(attempt, { minMs: opts.minBackoffMs ?? 500, maxMs: opts.maxBackoffMs ?? 30_000 });
      opts.stats.setState('retrying', `${reason.toString() || (code === 1006 ? 'connection lost or refused' : `closed ${code}`)}; again in ${(delay / 1000).toFixed(1)} s`);
      retry = setTimeout(connect, delay);
    });
    socket.on('unexpected-response', (_req, res) => {
      opts.stats.rejects.add('refused_upgrade', 1, `${opts.url} answered HTTP ${res.statusCode}`);
      socket.terminate();
    });
  };
  connect();
  return {
    close: () => {
      closed = true;
      if (retry) clearTimeout(retry);
      if (ping) clearInterval(ping);
      ws?.terminate();
    },
  };
}
