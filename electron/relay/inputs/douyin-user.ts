/**
 * A Douyin viewer as the relay records it, whichever capture tool reported it. The id is kept
 * exactly as a string (64-bit; lossless.ts). When a host hides the audience, the platform sends
 * one placeholder id for everyone (111111, with a masked nickname such as 用***): such a viewer is
 * counted — each message a viewer of its own, `masked:<message id>` — and never merged into one
 * user, which would make the whole audience a single person.
 */
import { idString } from '../lossless';

/** The id the platform sends for every viewer of a room whose host hides audience information. */
export const MASKED_USER_ID = '111111';

export interface DouyinUser {
  userId: string;
  masked: boolean;
  nickname: string;
  gender?: 'm' | 'f';
  /** fans-club level > 0 */
  fan: boolean;
}

export interface RawUser {
  id: unknown;
  nickname: unknown;
  gender: unknown;
  fansLevel: unknown;
}

let anonymous = 0;

/** The viewer of one message; `messageKey` (the message's id) tells masked viewers apart. */
export function douyinUser(raw: RawUser, messageKey: string): DouyinUser {
  const id = idString(raw.id);
  const masked = id === '' || id === '0' || id === MASKED_USER_ID;
  const gender = raw.gender === 1 ? 'm' : raw.gender === 2 ? 'f' : undefined;
  const level = typeof raw.fansLevel === 'number' ? raw.fansLevel : Number(raw.fansLevel ?? 0);
  return {
    userId: masked ? `masked:${messageKey || `n${++anonymous}`}` : id,
    masked,
    nickname: typeof raw.nickname === 'string' ? raw.nickname : '',
    ...(gender ? { gender } : {}),
    fan: Number.isFinite(level) && level > 0,
  };
}
