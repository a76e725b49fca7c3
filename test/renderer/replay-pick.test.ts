/** A replay's room (`replay:<id>`) is followed only by a screen pinned to it, never picked in a live room's place. */
import { describe, expect, it } from 'vitest';
import { pickRoom } from '../../renderer/src/stores/live-model';
import type { RoomView } from '../../shared/viewmodel/room';

const room = (sessionId: string, roomId: string, startedAt: number, state: 'live' | 'ended'): RoomView =>
  ({ info: { sessionId, roomId, startedAt, state } }) as unknown as RoomView;

const views: Record<string, RoomView> = {
  'replay:s-old': room('s-old', 'room-1', 1_000, 'live'), // an old show being replayed
  's-now': room('s-now', 'room-1', 9_000, 'live'),
  's-ended': room('s-ended', 'room-2', 5_000, 'ended'),
};

describe('pickRoom with a replay room', () => {
  it('an unpinned screen shows the live room, not the (older) replay', () => {
    expect(pickRoom(views, null, null)).toBe('s-now');
  });
  it('a screen pinned to replay:<id> follows the replay', () => {
    expect(pickRoom(views, 'replay:s-old', null)).toBe('replay:s-old');
  });
  it('a screen pinned by room id or session id shows the recorded/live session, not the replay', () => {
    expect(pickRoom(views, 'room-1', null)).toBe('s-now');
    expect(pickRoom(views, 's-old', null)).toBeNull();
    expect(pickRoom({ 'replay:s-old': views['replay:s-old']! }, null, null)).toBeNull();
  });
  it('a chosen replay room stays shown (the switcher lists it)', () => {
    expect(pickRoom(views, null, 'replay:s-old')).toBe('replay:s-old');
  });
});
