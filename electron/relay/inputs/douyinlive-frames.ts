/**
 * jwwsjlm/douyinLive's WebSocket frames (its docs/websocket-client.md and cmd/main, read for this
 * adapter), from `ws://HOST:1088/ws/{liveId}`:
 *  - status frames `{type:"system", event:"live_status", code, live_name, title, …}` — ROOM_ONLINE
 *    once the upstream connection is up, ROOM_ENDED when the show ends, ROOM_OFFLINE /
 *    ROOM_NOT_FOUND / ROOM_STATUS_UNKNOWN …;
 *  - business frames: the webcast protobuf message in protojson (lowerCamel names, 64-bit
 *    integers as strings, zero values omitted) plus `method`, `livename`, `title`.
 * Methods used: WebcastChatMessage, WebcastLikeMessage, WebcastMemberMessage (enter),
 * WebcastSocialMessage (action 1 follow, 3 share), WebcastGiftMessage, WebcastRoomUserSeqMessage
 * (`total` = online now), WebcastFansclubMessage (action 2 = joined), WebcastControlMessage
 * (action 3 = the show ended). Every other method is a well-formed frame the relay ignores.
 */
import { countOf, idString, parseLossless, asObject, type JsonObject } from '../lossless';
import { douyinUser } from './douyin-user';
import type { GiftCombos } from './gift-combos';
import type { FrameMeaning, RoomEvent, RoomRef } from './room-events';


export interface DouyinLiveContext {
  /** the live id of the connection's URL (/ws/{liveId}) */
  liveId: string;
  now: number;
  fenPerDiamond: number;
  combos: GiftCombos;
}

const LIVE_END_ACTION = 3;

function userOf(u: unknown, messageKey: string) {
  const user = asObject(u);
  if (!user) return null;
  const fans = asObject(asObject(user.fansClub)?.data);
  return douyinUser({ id: user.id ?? user.idStr, nickname: user.nickname, gender: user.gender, fansLevel: fans?.level }, messageKey);
}

export function douyinLiveFrame(text: string, ctx: DouyinLiveContext): FrameMeaning {
  if (text.trim() === 'pong') return { kind: 'ignored', what: 'pong' };
  let f: JsonObject | null;
  try {
    f = asObject(parseLossless(text));
  } catch {
    return { kind: 'unknown', why: `not JSON: ${text.slice(0, 60)}` };
  }
  if (!f) return { kind: 'unknown', why: 'not a JSON object' };
  if (f.type === 'system') {
    const room: RoomRef = {
      webRoomId: ctx.liveId,
      ...(typeof f.live_name === 'string' && f.live_name ? { hostName: f.live_name } : {}),
      ...(typeof f.title === 'string' && f.title ? { title: f.title } : {}),
    };
    if (f.code === 'ROOM_ONLINE') return { kind: 'online', room };
    if (f.code === 'ROOM_ENDED') return { kind: 'ended', room };
    return { kind: 'status', what: typeof f.code === 'string' ? f.code : 'system frame without a code' };
  }
  if (typeof f.method !== 'string') return { kind: 'unknown', why: 'neither a status frame nor a message with a method' };
  const common = asObject(f.common);
  const messageKey = idString(common?.msgId);
  const platform = idString(common?.roomId);
  const room: RoomRef = {
    webRoomId: ctx.liveId,
    ...(platform ? { platformRoomId: platform } : {}),
    ...(typeof f.livename === 'string' && f.livename ? { hostName: f.livename } : {}),
    ...(typeof f.title === 'string' && f.title ? { title: f.title } : {}),
  };
  const ts = ctx.now;
  const events = (...e: RoomEvent[]): FrameMeaning => ({ kind: 'events', room, events: e });
  const user = userOf(f.user, messageKey);
  const noUser: FrameMeaning = { kind: 'unknown', why: `${f.method} without a user` };
  switch (f.method) {
    case 'WebcastChatMessage':
      if (!user) return noUser;
      return events({ type: 'comment', ts, userId: user.userId, nickname: user.nickname, text: typeof f.content === 'string' ? f.content : '' });
    case 'WebcastLikeMessage': {
      const count = countOf(f.count) ?? 0;
      if (count <= 0) return { kind: 'ignored', what: 'like of 0' };
      return events({ type: 'like', ts, ...(user ? { userId: user.userId } : {}), count: Math.floor(count) });
    }
    case 'WebcastMemberMessage': {
      if (!user) return noUser;
      const action = countOf(f.action);
      if (action !== null && action !== 1) return { kind: 'ignored', what: `member action ${action}` };
      return events({ type: 'viewer.enter', ts, userId: user.userId, channel: 'other', fan: user.fan, ...(user.gender ? { gender: user.gender } : {}) });
    }
    case 'WebcastSocialMessage': {
      if (!user) return noUser;
      const action = countOf(f.action);
      if (action === 1) return events({ type: 'follow', ts, userId: user.userId });
      if (action === 3) return events({ type: 'share', ts, userId: user.userId });
      return { kind: 'ignored', what: `social action ${action ?? 0}` };
    }
    case 'WebcastGiftMessage': {
      if (!user) return noUser;
      const gift = asObject(f.gift);
      const diamonds = countOf(gift?.diamondCount) ?? 0;
      const repeat = countOf(f.repeatCount) ?? 1;
      const group = Math.max(1, countOf(f.groupCount) ?? 1);
      // a combo has a group id shared by its messages; a message without one stands alone
      const groupId = idString(f.groupId);
      const added = groupId && groupId !== '0' ? ctx.combos.increment(`${user.userId}:${idString(f.giftId) || idString(gift?.id)}:${groupId}`, repeat, ctx.now) : Math.max(1, Math.floor(repeat));
      if (added === 0) return { kind: 'ignored', what: 'gift combo message without an increment' };
      return events({ type: 'gift', ts, userId: user.userId, value: Math.round(diamonds * added * group * ctx.fenPerDiamond) });
    }
    case 'WebcastRoomUserSeqMessage': {
      const total = countOf(f.total);
      if (total === null) return { kind: 'ignored', what: 'room user seq without total' };
      return events({ type: 'online', ts, count: Math.floor(total) });
    }
    case 'WebcastFansclubMessage': {
      if (countOf(f.action) !== 2) return { kind: 'ignored', what: 'fans club message other than joining' };
      if (!user) return noUser;
      return events({ type: 'fansclub.join', ts, userId: user.userId });
    }
    case 'WebcastControlMessage':
      return countOf(f.action) === LIVE_END_ACTION ? { kind: 'ended', room } : { kind: 'ignored', what: `control action ${idString(f.action) || 0}` };
    default:
      return { kind: 'ignored', what: f.method.slice(0, 64) };
  }
}
