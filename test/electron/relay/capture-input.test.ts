/**
 * The capture-tool inputs against a real local WebSocket server playing each tool's frames:
 * a room's session starts at its first message from the config's room entry (or from what the
 * feed says), events arrive in order, a tool restart is reconnected and the same session goes on,
 * garbage is counted and never fatal, the stream's end closes the session and the next message
 * starts a new one; what was committed is served to a socket.io client.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { parseConfig } from '../../../electron/relay/config';
import { startRelay, type Relay } from '../../../electron/relay/relay';
import { openSpool, readSpoolEvents } from '../../../electron/store/spool/spool';
import { Intake } from '../../../electron/relay/intake';
import { RoomSessions } from '../../../electron/relay/room-sessions';
import { tempDb, until } from '../../integration/helpers';
import { barrage, BIG_ID, douyinLive, startFakeTool, type FakeTool } from './capture-fixtures';

const relays: Relay[] = [];
const tools: FakeTool[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  sockets.splice(0).forEach((s) => s.close());
  await Promise.all(relays.splice(0).map((r) => r.close()));
  await Promise.all(tools.splice(0).map((t) => t.stop().catch(() => {})));
});

type Ev = { seq: number; type: string } & Record<string, unknown>;
const events = (r: Relay, sessionId: string): Ev[] => readSpoolEvents(r.db, sessionId, 0, 100_000).map((x) => JSON.parse(x.body) as Ev);
const sessionsOf = (r: Relay) => r.status().sessions;

describe('luopan relay: capture-tool inputs', () => {
  it('barrage: a session from the config, the room\'s events in order, a tool restart reconnected, garbage counted, the end and a new session', async () => {
    const tool = await startFakeTool();
    tools.push(tool);
    const config = parseConfig({
      rooms: [{ match: ['516466932480'], roomId: 'studio-a', title: '春季上新', host: { id: 'h-wang', name: '小王', kind: 'self' }, shop: { id: 'shop-9', name: '小王的店', category: 'apparel', tier: 'L3' } }],
    });
    const r = await startRelay({ db: tempDb('spool.db'), inputs: [{ kind: 'barrage', url: tool.url }], config, minBackoffMs: 50 });
    relays.push(r);
    await tool.connected();
    const viewer = { id: BIG_ID, nickname: '小红', gender: 2, fansLevel: 1 };
    tool.send(barrage.enter('1', viewer));
    tool.send('not json at all');
    tool.send(JSON.stringify({ Type: 77, Data: '{}' }));
    tool.send(barrage.chat('2', viewer, '有优惠吗'));
    tool.send(barrage.gift('3', viewer, 1, 10, 10));
    tool.send(barrage.stats('4', 321, 999));
    await until(() => sessionsOf(r)[0]?.lastSeq === 5, 10_000, 'five events');
    const [s] = sessionsOf(r);
    expect(s).toMatchObject({ roomId: 'studio-a', ended: false });
    expect(s!.sessionId).toMatch(/^studio-a-\d{8}-\d{6}$/);
    const first = events(r, s!.sessionId);
    expect(first[0]).toMatchObject({ seq: 1, type: 'session.start', sessionId: s!.sessionId, roomId: 'studio-a', title: '春季上新', host: { id: 'h-wang', name: '小王' }, shop: { id: 'shop-9' } });
    expect(first.slice(1).map((e) => e.type)).toEqual(['viewer.enter', 'comment', 'gift', 'online']);
    expect(first[1]).toMatchObject({ userId: BIG_ID, gender: 'f', fan: true, channel: 'other' });
    expect(first[3]).toMatchObject({ value: 100 });
    const stats = r.status().inputs.find((i) => i.name === 'barrage')!;
    expect(stats).toMatchObject({ state: 'connected', received: 6, accepted: 5, rejected: { unknown_frame: 2 } });

    // the tool quits and comes back: the relay reconnects and the same session goes on
    await tool.stop();
    await until(() => r.status().inputs[0]!.state === 'retrying', 5000, 'the relay notices');
    await tool.restart();
    await tool.connected();
    await until(() => r.status().inputs[0]!.state === 'connected', 10_000, 'the relay reconnects');
    expect(tool.connections).toBe(2);
    tool.send(barrage.like('5', viewer, 20));
    tool.send(barrage.ended('6'));
    await until(() => sessionsOf(r)[0]?.ended === true, 10_000, 'the end');
    expect(events(r, s!.sessionId).slice(-2).map((e) => e.type)).toEqual(['like', 'session.end']);

    // the next message is a new show: a new session
    tool.send(barrage.chat('7', viewer, '又开播啦'));
    await until(() => sessionsOf(r).length === 2 && sessionsOf(r)[1]!.lastSeq === 2, 10_000, 'a second session');
    const second = sessionsOf(r)[1]!;
    expect(second.sessionId).not.toBe(s!.sessionId);
    expect(events(r, second.sessionId).map((e) => e.type)).toEqual(['session.start', 'comment']);

    // served as a protocol-v1 source
    const socket = io(r.url + '/live', { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    const got = new Map<string, number>();
    socket.on('batch', (b: { sessionId: string; events: Ev[] }, ack: (a: unknown) => void) => {
      got.set(b.sessionId, b.events.at(-1)!.seq);
      ack({ ok: true, upTo: b.events.at(-1)!.seq });
    });
    await until(() => got.get(s!.sessionId) === 7 && got.get(second.sessionId) === 2, 10_000, 'both sessions served');
  });

  it('douyinlive: the live id from the URL, a session from what the feed says, ROOM_ENDED ends it, the API key on the handshake', async () => {
    const tool = await startFakeTool('/ws/80000001');
    tools.push(tool);
    const r = await startRelay({ db: tempDb('spool.db'), inputs: [{ kind: 'douyinlive', url: tool.url }], env: { LUOPAN_DOUYINLIVE_API_KEY: 'k-123' } });
    relays.push(r);
    await tool.connected();
    expect(tool.requests[0]).toEqual({ path: '/ws/80000001', authorization: 'Bearer k-123' });
    tool.send(douyinLive.status('ROOM_OFFLINE'));
    tool.send(douyinLive.status('ROOM_ONLINE'));
    const viewer = { id: '98765', nickname: '阿强', gender: 1 };
    tool.send(douyinLive.member('1', viewer));
    tool.send(douyinLive.rank('2'));
    tool.send(douyinLive.gift('3', viewer, { giftId: '463', groupId: '99', repeatCount: 1, diamonds: 1 }));
    tool.send(douyinLive.gift('4', viewer, { giftId: '463', groupId: '99', repeatCount: 2, diamonds: 1 }));
    tool.send(douyinLive.gift('5', viewer, { giftId: '463', groupId: '99', repeatCount: 2, repeatEnd: 1, diamonds: 1 }));
    tool.send(douyinLive.status('ROOM_ENDED', { ended: true }));
    await until(() => sessionsOf(r)[0]?.ended === true, 10_000, 'the end');
    const [s] = sessionsOf(r);
    expect(s!.roomId).toBe('80000001');
    const evs = events(r, s!.sessionId);
    expect(evs.map((e) => e.type)).toEqual(['session.start', 'viewer.enter', 'gift', 'gift', 'session.end']);
    expect(evs[0]).toMatchObject({ title: '老李的好物专场', host: { name: '主播老李', kind: 'self' } });
    expect(evs.filter((e) => e.type === 'gift').reduce((a, e) => a + (e.value as number), 0)).toBe(20);
    expect(r.status().inputs[0]).toMatchObject({ received: 8, ignored: 2, detail: 'ROOM_OFFLINE' });
  });

  it('ends a room silent longer than sessionGapMin at its last message, and its next message starts a new session; a restart continues the open one', async () => {
    const file = tempDb('spool.db');
    let db = openSpool(file);
    let intake = new Intake(db);
    const config = parseConfig({ sessionGapMin: 30 });
    const room = { webRoomId: '516466932480', platformRoomId: '74001' };
    const t0 = Date.UTC(2026, 3, 1, 12);
    let rooms = new RoomSessions(intake, config);
    const comment = (ts: number) => ({ type: 'comment', ts, userId: 'u', nickname: 'n', text: 't' });
    await intake.submit(rooms.route(room, [comment(t0)], t0));
    const first = rooms.sessionOf('dy:516466932480')!;
    // the relay restarts: the open session is found again in the spool and goes on
    db.close();
    db = openSpool(file);
    intake = new Intake(db);
    rooms = new RoomSessions(intake, config);
    expect(rooms.sessionOf('dy:516466932480')).toBe(first);
    await intake.submit(rooms.route(room, [comment(t0 + 10 * 60_000)], t0 + 10 * 60_000));
    expect(intake.session(first)).toMatchObject({ lastSeq: 3, endedAt: null });
    // 31 minutes of silence: the old show ended at its last message
    const later = t0 + 41 * 60_000;
    const subs = rooms.route(room, [comment(later)], later);
    expect(subs.map((x) => x.event.type)).toEqual(['session.end', 'session.start', 'comment']);
    await intake.submit(subs);
    expect(intake.session(first)).toMatchObject({ lastSeq: 4, endedAt: t0 + 10 * 60_000 });
    const second = rooms.sessionOf('dy:516466932480')!;
    expect(second).not.toBe(first);
    expect(intake.session(second)).toMatchObject({ lastSeq: 2, roomKey: 'dy:516466932480' });
    db.close();
  });
});
