/**
 * Which talent hosts a talent room: the diagnosis of head talents needs simulator shows hosted
 * by head talents, and a default three-room demo should already have one.
 */
import { describe, expect, it } from 'vitest';
import { TALENTS, talentOfRoom } from '../../../electron/sim/catalog';
import { generateSession } from '../../../electron/sim/show';

const START = Date.UTC(2026, 10, 1, 12);

function hostOf(seed: number, roomIndex: number): Record<string, unknown> {
  for (const e of generateSession({ seed, roomIndex, startAt: START, durationMin: 1 })) {
    if (e.type === 'session.start') return (e as unknown as { host: Record<string, unknown> }).host;
  }
  throw new Error('no session.start');
}

describe('talentOfRoom', () => {
  it('gives room 2 (the talent room of a three-room demo) a head talent', () => {
    expect(talentOfRoom(2).tier).toBe('head');
    expect(hostOf(1, 2)).toMatchObject({ kind: 'talent', tier: 'head', id: talentOfRoom(2).id });
  });

  it('reaches every talent of the catalogue within nine talent rooms, so every tier', () => {
    const rooms = Array.from({ length: 9 }, (_, k) => 2 + 3 * k);
    const ids = rooms.map((r) => talentOfRoom(r).id);
    expect(new Set(ids).size).toBe(TALENTS.length);
    expect(new Set(rooms.map((r) => talentOfRoom(r).tier))).toEqual(new Set(['head', 'mid', 'tail']));
  });

  it('is what session.start announces, for any seed', () => {
    for (const seed of [1, 7]) {
      for (const room of [5, 11]) expect(hostOf(seed, room)).toMatchObject({ kind: 'talent', id: talentOfRoom(room).id, tier: talentOfRoom(room).tier });
    }
  });
});
