// A hostile protocol-v1 source on 127.0.0.1, in its own process so that what it allocates (a
// 150 MB frame) is not counted in the engine's heap: run by hostile-source.test.ts. It prints its
// URL, then plays one step per connection (a frame too large drops the connection, so the next
// step runs on the client's reconnect) and prints `step NAME <what the client answered>`; the
// last line is `done`. Each loop is bounded in count; it exits when its stdin closes.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const SESSION = 'hostile-1';
const start = (sessionId, seq = 1) => ({ seq, ts: 1_700_000_000_000, type: 'session.start', sessionId, roomId: `room-${sessionId}`, title: 't', startedAt: 1_700_000_000_000, host: { id: 'h', name: 'h', kind: 'self' }, shop: { id: 's', name: 's', category: 'c', tier: 't' } });
const log = (line) => process.stdout.write(`${line}\n`);

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 1e6, pingTimeout: 60_000 });
let step = 0;
const steps = [
  // a 150 MB frame: the client's transport must refuse it by its header, before buffering it
  async (socket) => {
    socket.emit('batch', { sessionId: SESSION, events: [{ seq: 1, ts: 1, type: 'comment', text: 'x'.repeat(150_000_000) }] });
    log('step huge-frame sent');
  },
  // 400,000 tiny events in one batch (under 16 MiB): refused whole by its length
  async (socket) => {
    const events = [start(SESSION)];
    // ≈ 32 bytes each: 12.8 MB in all, under the 16 MiB frame limit
    for (let i = 2; i <= 400_000; i++) events.push({ seq: i, ts: 1, type: 'x' });
    const ack = await socket.timeout(60_000).emitWithAck('batch', { sessionId: SESSION, events }).catch((e) => ({ error: e.message }));
    log(`step big-batch ${JSON.stringify(ack)}`);
    // the same session, properly: its start alone
    const ok = await socket.timeout(10_000).emitWithAck('batch', { sessionId: SESSION, events: [start(SESSION)] });
    log(`step first-session ${JSON.stringify(ok)}`);
    // 2,000 sessions more: only as many as the client allows open are taken
    const answers = {};
    for (let i = 0; i < 2000; i++) {
      const id = `hostile-many-${i}`;
      const a = await socket.timeout(10_000).emitWithAck('batch', { sessionId: id, events: [start(id)] });
      const key = a.ok ? 'ok' : a.error;
      answers[key] = (answers[key] ?? 0) + 1;
    }
    log(`step many-sessions ${JSON.stringify(answers)}`);
    // 50,000 gaps announced for one session, none reached
    for (let i = 0; i < 50_000; i++) socket.emit('gap', { sessionId: SESSION, from: 10 + 2 * i, to: 10 + 2 * i });
    // an acked batch after them: the client has read every gap before it answers this
    const sync = await socket.timeout(30_000).emitWithAck('batch', { sessionId: SESSION, events: [{ seq: 2, ts: 1, type: 'custom.ping' }] });
    log(`step many-gaps ${JSON.stringify(sync)}`);
    log('done');
  },
];
io.of('/live').on('connection', (socket) => {
  socket.emit('hello', { protocol: 1, server: 'hostile' });
  const run = steps[step++];
  if (run) setTimeout(() => void run(socket), 50);
});
http.listen(0, '127.0.0.1', () => log(`url http://127.0.0.1:${http.address().port}`));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
