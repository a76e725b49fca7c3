/**
 * Protocol v1 validators (shared/protocol/validate.ts): every rejected thing gets a reason,
 * unknown types pass as "kept and ignored", and nothing is thrown on hostile input.
 */
import { describe, expect, it } from 'vitest';
import { validateBatch, validateEvent } from '../../../shared/protocol/validate';
import { normalizeChannel, isPaidChannel } from '../../../shared/protocol/channels';

const enter = { seq: 2, ts: 1_700_000_000_000, type: 'viewer.enter', userId: 'u1', channel: 'feed', fan: false };

describe('validateEvent', () => {
  it('accepts a valid known event and keeps fields a future protocol adds', () => {
    const v = validateEvent({ ...enter, futureField: 42 });
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.known).toBe(true);
      expect((v.event as Record<string, unknown>).futureField).toBe(42);
    }
  });

  it('passes unknown types as not known (stored raw, otherwise ignored)', () => {
    const v = validateEvent({ seq: 3, ts: 1, type: 'hologram.start', whatever: [1, 2] });
    expect(v).toMatchObject({ ok: true, known: false });
  });

  it.each([
    ['missing seq', { ts: 1, type: 'online', count: 3 }],
    ['seq zero', { seq: 0, ts: 1, type: 'online', count: 3 }],
    ['fractional seq', { seq: 1.5, ts: 1, type: 'online', count: 3 }],
    ['string ts', { seq: 1, ts: 'now', type: 'online', count: 3 }],
    ['empty type', { seq: 1, ts: 1, type: '', count: 3 }],
    ['not an object', 'hello'],
    ['null', null],
    ['array', [1, 2, 3]],
  ])('rejects a bad envelope (%s) as bad_envelope', (_name, raw) => {
    expect(validateEvent(raw)).toMatchObject({ ok: false, reason: 'bad_envelope' });
  });

  it.each([
    ['wrong-typed field', { ...enter, fan: 'yes' }],
    ['missing field', { seq: 2, ts: 1, type: 'viewer.enter', channel: 'feed', fan: true }],
    ['negative count', { seq: 2, ts: 1, type: 'online', count: -1 }],
    ['fractional money', { seq: 2, ts: 1, type: 'gift', userId: 'u', value: 1.5 }],
    ['unknown enum value', { seq: 2, ts: 1, type: 'stream.state', state: 'exploded' }],
    ['100 KB + 1 comment', { seq: 2, ts: 1, type: 'comment', userId: 'u', nickname: 'n', text: 'x'.repeat(100_001) }],
  ])('rejects an invalid body (%s) as invalid_event, keeping its seq', (_name, raw) => {
    const v = validateEvent(raw);
    expect(v).toMatchObject({ ok: false, reason: 'invalid_event', seq: 2 });
    if (!v.ok) expect(v.detail.length).toBeLessThanOrEqual(200);
  });

  it('accepts hostile but well-typed text as data (the screens show it as text)', () => {
    const text = '<script>alert(1)</script>\u202E\u0000\u0007' + '中'.repeat(99_900);
    expect(validateEvent({ seq: 5, ts: 1, type: 'comment', userId: 'u', nickname: '<b>x</b>', text })).toMatchObject({ ok: true, known: true });
  });
});

describe('validateBatch', () => {
  it('accepts an object or a JSON string with sessionId and events', () => {
    expect(validateBatch({ sessionId: 's1', events: [] })).toMatchObject({ ok: true, sessionId: 's1' });
    expect(validateBatch(JSON.stringify({ sessionId: 's1', events: [enter] }))).toMatchObject({ ok: true, events: [enter] });
  });

  it('names the reason for each malformed batch', () => {
    expect(validateBatch('{not json')).toMatchObject({ ok: false, reason: 'not_json' });
    expect(validateBatch(42)).toMatchObject({ ok: false, reason: 'bad_batch' });
    expect(validateBatch({ events: [] })).toMatchObject({ ok: false, reason: 'bad_batch' });
    expect(validateBatch({ sessionId: '', events: [] })).toMatchObject({ ok: false, reason: 'bad_batch' });
    expect(validateBatch({ sessionId: 's', events: 'many' })).toMatchObject({ ok: false, reason: 'bad_batch' });
  });
});

describe('channels', () => {
  it('counts unknown channel strings under other and knows which are paid', () => {
    expect(normalizeChannel('feed')).toBe('feed');
    expect(normalizeChannel('tiktok-moon')).toBe('other');
    expect(isPaidChannel('qianchuan')).toBe(true);
    expect(isPaidChannel('feed')).toBe(false);
    expect(isPaidChannel('tiktok-moon')).toBe(false);
  });
});
