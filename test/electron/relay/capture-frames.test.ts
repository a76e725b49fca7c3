/**
 * The two capture-tool dialects → protocol events: double-encoded Data, ids above 2^53 kept
 * exactly, gender 0/1/2, masked viewers counted apart, gift values and combos, room stats,
 * fans club, stream end, status frames, frames of unknown type or shape.
 */
import { describe, expect, it } from 'vitest';
import { barrageFrame } from '../../../electron/relay/inputs/barrage-frames';
import { douyinLiveFrame } from '../../../electron/relay/inputs/douyinlive-frames';
import { GiftCombos } from '../../../electron/relay/inputs/gift-combos';
import type { FrameMeaning } from '../../../electron/relay/inputs/room-events';
import { barrage, BIG_ID, BIG_ID_2, douyinLive } from './capture-fixtures';

const now = Date.UTC(2026, 3, 1, 12);
const b = (text: string) => barrageFrame(text, { now, fenPerDiamond: 10 });
const eventsOf = (m: FrameMeaning) => (m.kind === 'events' ? m.events : []);
const one = (m: FrameMeaning) => {
  expect(m.kind).toBe('events');
  return eventsOf(m)[0]!;
};

describe('DouyinBarrageGrab frames', () => {
  const viewer = { id: BIG_ID, nickname: '小红', gender: 2, fansLevel: 3 };

  it('reads the double-encoded Data and keeps a 64-bit id exactly', () => {
    const m = b(barrage.chat('7399000000000000001', viewer, '这个有黑色吗'));
    expect(m).toMatchObject({ kind: 'events', room: { webRoomId: '516466932480', platformRoomId: '7400000000000000042', hostName: '主播小王', hostId: '4000001' } });
    expect(eventsOf(m)).toEqual([{ type: 'comment', ts: now, userId: BIG_ID, nickname: '小红', text: '这个有黑色吗' }]);
    // two viewers whose ids JSON.parse would make equal stay two
    expect(one(b(barrage.chat('1', { ...viewer, id: BIG_ID_2 }, 'x'))).userId).toBe(BIG_ID_2);
  });

  it('maps enter with gender 0/1/2 and fans-club level, like, follow, share, fans club join, room stats', () => {
    expect(one(b(barrage.enter('1', { id: '42', nickname: 'a', gender: 1, fansLevel: 0 })))).toEqual({ type: 'viewer.enter', ts: now, userId: '42', channel: 'other', fan: false, gender: 'm' });
    expect(one(b(barrage.enter('2', { id: '43', nickname: 'b', gender: 2, fansLevel: 5 })))).toMatchObject({ gender: 'f', fan: true });
    expect(one(b(barrage.enter('3', { id: '44', nickname: 'c', gender: 0 })))).not.toHaveProperty('gender');
    expect(one(b(barrage.like('4', viewer, 15)))).toEqual({ type: 'like', ts: now, userId: BIG_ID, count: 15 });
    expect(one(b(barrage.follow('5', viewer)))).toEqual({ type: 'follow', ts: now, userId: BIG_ID });
    expect(one(b(barrage.share('6', viewer)))).toEqual({ type: 'share', ts: now, userId: BIG_ID });
    expect(one(b(barrage.fansclub('7', viewer, 2)))).toEqual({ type: 'fansclub.join', ts: now, userId: BIG_ID });
    expect(b(barrage.fansclub('8', viewer, 1))).toMatchObject({ kind: 'ignored' }); // an upgrade, not a join
    expect(one(b(barrage.stats('9', 1234, 56789)))).toEqual({ type: 'online', ts: now, count: 1234 });
  });

  it('values a gift at diamonds × the increment × fen per diamond, and a repeat without increment at nothing', () => {
    expect(one(b(barrage.gift('1', viewer, 1, 3, 3)))).toEqual({ type: 'gift', ts: now, userId: BIG_ID, value: 30 });
    expect(one(barrageFrame(barrage.gift('2', viewer, 99, 2, 5), { now, fenPerDiamond: 7 }))).toMatchObject({ value: 99 * 2 * 7 });
    expect(b(barrage.gift('3', viewer, 1, 0, 5))).toMatchObject({ kind: 'ignored' });
  });

  it('counts masked viewers (the placeholder id 111111) one by one instead of as one user', () => {
    const masked = { id: '111111', nickname: '用***', gender: 2 };
    const a = one(b(barrage.enter('7399000000000000011', masked)));
    const c = one(b(barrage.enter('7399000000000000012', masked)));
    expect(a.userId).toBe('masked:7399000000000000011');
    expect(c.userId).toBe('masked:7399000000000000012');
    expect(a.gender).toBe('f');
  });

  it('says the stream ended, and names what it cannot read without throwing', () => {
    expect(b(barrage.ended('1'))).toMatchObject({ kind: 'ended', room: { webRoomId: '516466932480' } });
    expect(b('garbage{')).toMatchObject({ kind: 'unknown', why: expect.stringMatching(/not JSON/) });
    expect(b('{"Type":"1"}')).toMatchObject({ kind: 'unknown', why: 'no numeric Type' });
    expect(b(JSON.stringify({ Type: 1, Data: '{broken' }))).toMatchObject({ kind: 'unknown', why: expect.stringMatching(/Data is not JSON/) });
    expect(b(JSON.stringify({ Type: 42, Data: JSON.stringify({ RoomId: '1' }) }))).toMatchObject({ kind: 'unknown', why: 'unknown Type 42' });
    expect(b(JSON.stringify({ Type: 1, Data: JSON.stringify({ RoomId: '1', Content: 'x' }) }))).toMatchObject({ kind: 'unknown', why: 'Type 1: no User' });
    expect(b(JSON.stringify({ Type: 1, Data: JSON.stringify({ Content: 'x' }) }))).toMatchObject({ kind: 'unknown', why: 'Type 1: no RoomId' });
  });
});

describe('douyinLive frames', () => {
  const ctx = () => ({ liveId: '80000001', now, fenPerDiamond: 10, combos: new GiftCombos() });
  const viewer = { id: BIG_ID, nickname: '阿强', gender: 1, fansLevel: 2 };

  it('maps protojson messages (64-bit integers as strings, zero values left out)', () => {
    const c = ctx();
    const chat = douyinLiveFrame(douyinLive.chat('9001', viewer, '上链接'), c);
    expect(chat).toMatchObject({ kind: 'events', room: { webRoomId: '80000001', platformRoomId: '7400000000000000077', hostName: '主播老李', title: '老李的好物专场' } });
    expect(eventsOf(chat)).toEqual([{ type: 'comment', ts: now, userId: BIG_ID, nickname: '阿强', text: '上链接' }]);
    expect(one(douyinLiveFrame(douyinLive.member('9002', viewer), c))).toEqual({ type: 'viewer.enter', ts: now, userId: BIG_ID, channel: 'other', fan: true, gender: 'm' });
    expect(one(douyinLiveFrame(douyinLive.member('9003', { id: '5', nickname: 'n' }), c))).toEqual({ type: 'viewer.enter', ts: now, userId: '5', channel: 'other', fan: false });
    expect(one(douyinLiveFrame(douyinLive.like('9004', viewer, 8), c))).toEqual({ type: 'like', ts: now, userId: BIG_ID, count: 8 });
    expect(one(douyinLiveFrame(douyinLive.social('9005', viewer, 1), c))).toEqual({ type: 'follow', ts: now, userId: BIG_ID });
    expect(one(douyinLiveFrame(douyinLive.social('9006', viewer, 3), c))).toEqual({ type: 'share', ts: now, userId: BIG_ID });
    expect(one(douyinLiveFrame(douyinLive.userSeq('9007', 4321), c))).toEqual({ type: 'online', ts: now, count: 4321 });
    expect(one(douyinLiveFrame(douyinLive.fansclub('9008', viewer, 2), c))).toEqual({ type: 'fansclub.join', ts: now, userId: BIG_ID });
    expect(douyinLiveFrame(douyinLive.fansclub('9009', viewer, 1), c)).toMatchObject({ kind: 'ignored' });
    expect(douyinLiveFrame(douyinLive.rank('9010'), c)).toEqual({ kind: 'ignored', what: 'WebcastRoomRankMessage' });
  });

  it('counts a gift combo once whatever the order of its messages; a gift without a group counts as sent', () => {
    const c = ctx();
    const combo = (msg: string, repeatCount: number, repeatEnd?: number) =>
      douyinLiveFrame(douyinLive.gift(msg, viewer, { giftId: '463', groupId: '1712000000009', repeatCount, repeatEnd, diamonds: 1 }), c);
    const values = [combo('1', 1), combo('2', 3), combo('3', 2), combo('4', 3, 1)].map((m) => eventsOf(m)[0]?.value ?? 0);
    expect(values).toEqual([10, 20, 0, 0]); // 3 gifts of 1 diamond = 30 fen, once
    // another viewer's combo of the same gift and group is their own
    expect(eventsOf(douyinLiveFrame(douyinLive.gift('5', { id: '7', nickname: 'x' }, { giftId: '463', groupId: '1712000000009', repeatCount: 2, diamonds: 1 }), c))[0]).toMatchObject({ value: 20, userId: '7' });
    // no group id: each message is a gift of its own (repeatCount × groupCount)
    const single = () => douyinLiveFrame(douyinLive.gift('6', viewer, { giftId: '88', repeatCount: 1, groupCount: 10, diamonds: 52 }), c);
    expect(eventsOf(single())[0]).toMatchObject({ value: 52 * 10 * 10 });
    expect(eventsOf(single())[0]).toMatchObject({ value: 52 * 10 * 10 });
  });

  it('reads status frames and the stream end, and names what it cannot read', () => {
    const c = ctx();
    expect(douyinLiveFrame(douyinLive.status('ROOM_ONLINE'), c)).toEqual({ kind: 'online', room: { webRoomId: '80000001', hostName: '主播老李', title: '老李的好物专场' } });
    expect(douyinLiveFrame(douyinLive.status('ROOM_ENDED', { ended: true }), c)).toMatchObject({ kind: 'ended' });
    expect(douyinLiveFrame(douyinLive.status('ROOM_OFFLINE'), c)).toEqual({ kind: 'status', what: 'ROOM_OFFLINE' });
    expect(douyinLiveFrame(douyinLive.control('1', 3), c)).toMatchObject({ kind: 'ended', room: { platformRoomId: '7400000000000000077' } });
    expect(douyinLiveFrame(douyinLive.control('2', 1), c)).toMatchObject({ kind: 'ignored' });
    expect(douyinLiveFrame('pong', c)).toMatchObject({ kind: 'ignored' });
    expect(douyinLiveFrame('[1,2]', c)).toMatchObject({ kind: 'unknown' });
    expect(douyinLiveFrame('{"hello":1}', c)).toMatchObject({ kind: 'unknown', why: expect.stringMatching(/method/) });
    expect(douyinLiveFrame(JSON.stringify({ method: 'WebcastChatMessage', content: 'x' }), c)).toMatchObject({ kind: 'unknown', why: 'WebcastChatMessage without a user' });
  });

  it('counts masked viewers apart by their message id', () => {
    const c = ctx();
    const masked = { id: '111111', nickname: '游***', gender: 2 };
    const ids = ['9101', '9102'].map((m) => one(douyinLiveFrame(douyinLive.member(m, masked), c)).userId);
    expect(ids).toEqual(['masked:9101', 'masked:9102']);
  });
});
