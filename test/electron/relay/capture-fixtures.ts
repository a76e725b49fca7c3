/**
 * Frames of the two capture tools, written for these tests from their public schemas (not
 * copied from any capture): HaoDong108/DouyinBarrageGrab's BarrageMsgPack (Type, ProcessName,
 * Data as a JSON string of a Newtonsoft-serialised message, 64-bit ids as bare JSON numbers) and
 * jwwsjlm/douyinLive's protojson webcast messages (lowerCamel names, 64-bit integers as strings,
 * zero values left out, plus method/livename/title) and its live_status frames. A local
 * WebSocket server plays them as the tool would.
 */
import { WebSocketServer, type WebSocket } from 'ws';

/** A 64-bit id beyond 2^53 and its neighbour: JSON.parse turns both into 7350000000000000000. */
export const BIG_ID = '7350000000000000001';
export const BIG_ID_2 = '7350000000000000003';

// --- DouyinBarrageGrab -----------------------------------------------------------------------

export interface BarrageUser { id: string; nickname: string; gender?: number; fansLevel?: number }

/** A MsgUser as JSON text, its Id a bare number (as Newtonsoft writes a long). */
function barrageUserJson(u: BarrageUser): string {
  return `{"Id":${u.id},"ShortId":0,"DisplayId":"dy${u.id.slice(-4)}","Nickname":${JSON.stringify(u.nickname)},"Level":1,"PayLevel":-1,"Gender":${u.gender ?? 0},"HeadImgUrl":"","SecUid":"MS4w${u.id.slice(-6)}","FansClub":{"ClubName":"${u.fansLevel ? '小王家' : ''}","Level":${u.fansLevel ?? 0}},"FollowerCount":-1,"FollowStatus":0,"FollowingCount":-1}`;
}

const ROOM = { roomId: '7400000000000000042', webRoomId: '516466932480' };

/** The Data of a message, as the tool serialises it: MsgId and ids as numbers, RoomId/WebRoomId as strings. */
function barrageData(msgId: string, fields: string, room = ROOM): string {
  return `{"MsgId":${msgId},${fields},"Onwer":{"UserId":"4000001","SecUid":"MS4whost","Nickname":"主播小王","HeadUrl":"","FollowStatus":0},"RoomId":"${room.roomId}","WebRoomId":"${room.webRoomId}"}`;
}

/** The frame: Data double-encoded (a JSON string holding JSON). */
export function barrageFrame(type: number, data: string): string {
  return JSON.stringify({ Type: type, ProcessName: 'chrome', Data: data });
}

export const barrage = {
  chat: (msgId: string, u: BarrageUser, content: string) => barrageFrame(1, barrageData(msgId, `"User":${barrageUserJson(u)},"Content":${JSON.stringify(content)}`)),
  like: (msgId: string, u: BarrageUser, count: number) => barrageFrame(2, barrageData(msgId, `"User":${barrageUserJson(u)},"Count":${count},"Total":${count * 10},"Content":"点赞"`)),
  enter: (msgId: string, u: BarrageUser) => barrageFrame(3, barrageData(msgId, `"User":${barrageUserJson(u)},"CurrentCount":120,"Content":"来了"`)),
  follow: (msgId: string, u: BarrageUser) => barrageFrame(4, barrageData(msgId, `"User":${barrageUserJson(u)},"Content":"关注了主播"`)),
  gift: (msgId: string, u: BarrageUser, diamonds: number, giftCount: number, repeat: number) =>
    barrageFrame(5, barrageData(msgId, `"User":${barrageUserJson(u)},"GiftId":463,"GiftName":"小心心","GroupId":1712000000001,"GiftCount":${giftCount},"RepeatCount":${repeat},"DiamondCount":${diamonds},"Combo":true,"ImgUrl":"","ToUser":null,"Content":"送出 小心心"`)),
  stats: (msgId: string, online: number, total: number) =>
    barrageFrame(6, barrageData(msgId, `"User":null,"OnlineUserCount":${online},"TotalUserCount":${total},"TotalUserCountStr":"${total}","OnlineUserCountStr":"${online}","Content":"当前直播间人数"`)),
  fansclub: (msgId: string, u: BarrageUser, type: number) => barrageFrame(7, barrageData(msgId, `"User":${barrageUserJson(u)},"Type":${type},"Level":1,"Content":"加入了粉丝团"`)),
  share: (msgId: string, u: BarrageUser) => barrageFrame(8, barrageData(msgId, `"User":${barrageUserJson(u)},"ShareType":1,"Content":"分享了直播间"`)),
  ended: (msgId: string) => barrageFrame(9, barrageData(msgId, `"User":null,"Content":"直播已结束"`)),
};

// --- douyinLive --------------------------------------------------------------------------------

export interface WebcastUser { id: string; nickname: string; gender?: number; fansLevel?: number }

function webcastUser(u: WebcastUser): Record<string, unknown> {
  // protojson: uint64 as a string, int32 as a number, zero values omitted
  return {
    id: u.id, nickname: u.nickname, ...(u.gender ? { gender: u.gender } : {}), secUid: `MS4w${u.id.slice(-6)}`,
    ...(u.fansLevel ? { fansClub: { data: { clubName: '小王家', level: u.fansLevel } } } : {}),
  };
}

function webcast(method: string, msgId: string, body: Record<string, unknown>): string {
  return JSON.stringify({ common: { method, msgId, roomId: '7400000000000000077' }, ...body, method, livename: '主播老李', title: '老李的好物专场', avatarThumb: '' });
}

export const douyinLive = {
  status: (code: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ type: 'system', event: 'live_status', code, valid: true, live: code === 'ROOM_ONLINE', status: code.toLowerCase(), status_text: '', room_id: '80000001', live_name: '主播老李', title: '老李的好物专场', avatar_thumb: '', has_room: true, account_only: false, message: '', suggestion: '', ...extra }),
  chat: (msgId: string, u: WebcastUser, content: string) => webcast('WebcastChatMessage', msgId, { user: webcastUser(u), content }),
  like: (msgId: string, u: WebcastUser, count: number) => webcast('WebcastLikeMessage', msgId, { count: String(count), total: String(count * 7), user: webcastUser(u) }),
  member: (msgId: string, u: WebcastUser) => webcast('WebcastMemberMessage', msgId, { user: webcastUser(u), memberCount: '350', action: '1' }),
  social: (msgId: string, u: WebcastUser, action: number) => webcast('WebcastSocialMessage', msgId, { user: webcastUser(u), action: String(action), shareTarget: '1' }),
  gift: (msgId: string, u: WebcastUser, o: { giftId: string; groupId?: string; repeatCount: number; repeatEnd?: number; diamonds: number; groupCount?: number }) =>
    webcast('WebcastGiftMessage', msgId, {
      giftId: o.giftId, ...(o.groupId ? { groupId: o.groupId } : {}), repeatCount: String(o.repeatCount), ...(o.groupCount ? { groupCount: String(o.groupCount) } : {}),
      ...(o.repeatEnd ? { repeatEnd: o.repeatEnd } : {}), user: webcastUser(u), gift: { id: o.giftId, name: '玫瑰', diamondCount: o.diamonds, combo: true },
    }),
  userSeq: (msgId: string, total: number) => webcast('WebcastRoomUserSeqMessage', msgId, { total: String(total), totalUser: String(total * 9), totalPvForAnchor: `${total * 9}` }),
  fansclub: (msgId: string, u: WebcastUser, action: number) => webcast('WebcastFansclubMessage', msgId, { action, content: '加入粉丝团', user: webcastUser(u) }),
  control: (msgId: string, action: number) => webcast('WebcastControlMessage', msgId, { action: String(action), tips: '直播已结束' }),
  rank: (msgId: string) => webcast('WebcastRoomRankMessage', msgId, { ranks: [] }),
};

// --- a local WebSocket server playing a tool ---------------------------------------------------

export interface FakeTool {
  url: string;
  port: number;
  /** connections accepted so far */
  connections: number;
  /** the upgrade requests' paths and Authorization headers */
  requests: { path: string; authorization?: string }[];
  send(text: string): void;
  /** resolves once a client is connected */
  connected(): Promise<void>;
  /** drop every client and stop listening (the tool quit) */
  stop(): Promise<void>;
  /** listen again on the same port (the tool restarted) */
  restart(): Promise<void>;
}

export async function startFakeTool(path = '/'): Promise<FakeTool> {
  let wss: WebSocketServer;
  const clients = new Set<WebSocket>();
  let waiters: (() => void)[] = [];
  const tool: FakeTool = {
    url: '',
    port: 0,
    connections: 0,
    requests: [],
    send: (text) => clients.forEach((c) => c.send(text)),
    connected: () => (clients.size ? Promise.resolve() : new Promise((r) => waiters.push(r))),
    stop: () =>
      new Promise((resolve) => {
        clients.forEach((c) => c.terminate());
        clients.clear();
        wss.close(() => resolve());
      }),
    restart: () => listen(tool.port),
  };
  const listen = (port: number) =>
    new Promise<void>((resolve) => {
      wss = new WebSocketServer({ host: '127.0.0.1', port });
      wss.on('connection', (socket, req) => {
        tool.connections++;
        tool.requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
        clients.add(socket);
        socket.on('close', () => clients.delete(socket));
        waiters.splice(0).forEach((w) => w());
      });
      wss.on('listening', () => {
        tool.port = (wss.address() as { port: number }).port;
        tool.url = `ws://127.0.0.1:${tool.port}${path}`;
        resolve();
      });
    });
  await listen(0);
  waiters = [];
  return tool;
}
