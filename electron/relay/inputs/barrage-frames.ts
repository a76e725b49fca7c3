/**
 * HaoDong108/DouyinBarrageGrab's WebSocket frames (its BarrageMessages.cs, read for this
 * adapter): `{"Type":n,"ProcessName":…,"Data":"<JSON in a string>"}` where Data is the message
 * serialised by Newtonsoft.Json — PascalCase names, 64-bit ids (User.Id, MsgId) as JSON numbers,
 * which are parsed losslessly. Types: 1 chat, 2 like, 3 enter, 4 follow, 5 gift, 6 room stats,
 * 7 fans club, 8 share, 9 stream ended. The tool already de-duplicates gift combos: `GiftCount`
 * is the increment of this message.
 */
import { countOf, idString, parseLossless, asObject, type JsonObject } from '../lossless';
import { douyinUser } from './douyin-user';
import type { FrameMeaning, RoomEvent, RoomRef } from './room-events';


export interface BarrageContext {
  now: number;
  fenPerDiamond: number;
}

function roomOf(data: JsonObject): RoomRef | null {
  const web = idString(data.WebRoomId);
  const platform = idString(data.RoomId);
  // before v2.7.4 an unknown web room id was -1; the tool also writes 未知
  const webRoomId = web && web !== '-1' && web !== '未知' ? web : platform;
  if (!webRoomId) return null;
  const owner = asObject(data.Onwer); // sic: the tool's own spelling
  return {
    webRoomId,
    ...(platform ? { platformRoomId: platform } : {}),
    ...(typeof owner?.Nickname === 'string' && owner.Nickname ? { hostName: owner.Nickname } : {}),
    ...(owner && idString(owner.UserId) ? { hostId: idString(owner.UserId) } : {}),
  };
}

function userOf(data: JsonObject) {
  const u = asObject(data.User);
  if (!u) return null;
  return douyinUser({ id: u.Id, nickname: u.Nickname, gender: u.Gender, fansLevel: asObject(u.FansClub)?.Level }, idString(data.MsgId));
}

/** One frame's text → what it means for its room. Never throws. */
export function barrageFrame(text: string, ctx: BarrageContext): FrameMeaning {
  let outer: JsonObject | null;
  try {
    outer = asObject(parseLossless(text));
  } catch {
    return { kind: 'unknown', why: `not JSON: ${text.slice(0, 60)}` };
  }
  if (!outer || typeof outer.Type !== 'number') return { kind: 'unknown', why: 'no numeric Type' };
  let data: JsonObject | null;
  try {
    data = asObject(typeof outer.Data === 'string' ? parseLossless(outer.Data) : outer.Data);
  } catch {
    return { kind: 'unknown', why: `Type ${outer.Type}: Data is not JSON` };
  }
  if (!data) return { kind: 'unknown', why: `Type ${outer.Type}: no Data object` };
  const room = roomOf(data);
  if (!room) return { kind: 'unknown', why: `Type ${outer.Type}: no RoomId` };
  const ts = ctx.now;
  const one = (e: RoomEvent): FrameMeaning => ({ kind: 'events', room, events: [e] });
  const user = userOf(data);
  const needUser = (make: (u: NonNullable<typeof user>) => RoomEvent): FrameMeaning => (user ? one(make(user)) : { kind: 'unknown', why: `Type ${outer!.Type}: no User` });
  switch (outer.Type) {
    case 1:
      return needUser((u) => ({ type: 'comment', ts, userId: u.userId, nickname: u.nickname, text: typeof data!.Content === 'string' ? data!.Content : '' }));
    case 2: {
      const count = countOf(data.Count);
      if (count === null || count < 0) return { kind: 'unknown', why: 'like without a Count' };
      return one({ type: 'like', ts, ...(user ? { userId: user.userId } : {}), count: Math.floor(count) });
    }
    case 3:
      return needUser((u) => ({ type: 'viewer.enter', ts, userId: u.userId, channel: 'other', fan: u.fan, ...(u.gender ? { gender: u.gender } : {}) }));
    case 4:
      return needUser((u) => ({ type: 'follow', ts, userId: u.userId }));
    case 5: {
      const diamonds = countOf(data.DiamondCount);
      const count = countOf(data.GiftCount);
      if (diamonds === null || count === null) return { kind: 'unknown', why: 'gift without DiamondCount/GiftCount' };
      if (count <= 0) return { kind: 'ignored', what: 'gift repeat without increment' };
      return needUser((u) => ({ type: 'gift', ts, userId: u.userId, value: Math.round(diamonds * count * ctx.fenPerDiamond) }));
    }
    case 6: {
      const online = countOf(data.OnlineUserCount);
      if (online === null || online < 0) return { kind: 'unknown', why: 'room stats without OnlineUserCount' };
      return one({ type: 'online', ts, count: Math.floor(online) });
    }
    case 7:
      if (data.Type !== 2) return { kind: 'ignored', what: 'fans club upgrade' };
      return needUser((u) => ({ type: 'fansclub.join', ts, userId: u.userId }));
    case 8:
      return needUser((u) => ({ type: 'share', ts, userId: u.userId }));
    case 9:
      return { kind: 'ended', room };
    default:
      return { kind: 'unknown', why: `unknown Type ${outer.Type}` };
  }
}
