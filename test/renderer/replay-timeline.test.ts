/** The replay timeline's arithmetic: show-time text, pointer → minute, marker placement, minute ticks. */
import { describe, expect, it } from 'vitest';
import { minuteAt, minuteTicks, percentOf, showTime } from '../../renderer/src/screens/replay/timeline-math';

describe('replay timeline math', () => {
  it('shows show time as m:ss under an hour, h:mm:ss from an hour', () => {
    expect(showTime(0)).toBe('0:00');
    expect(showTime(59_999)).toBe('0:59');
    expect(showTime(12 * 60_000 + 5_000)).toBe('12:05');
    expect(showTime(3 * 3_600_000)).toBe('3:00:00');
    expect(showTime(-5)).toBe('0:00');
  });

  it('maps a pointer to a show minute, clamped to the show', () => {
    expect(minuteAt(300, 1200, 180 * 60_000)).toBe(45);
    expect(minuteAt(-20, 1200, 180 * 60_000)).toBe(0);
    expect(minuteAt(5000, 1200, 180 * 60_000)).toBe(180);
    expect(minuteAt(10, 0, 180 * 60_000)).toBe(0);
    expect(minuteAt(10, 100, 0)).toBe(0);
  });

  it('places markers as a percentage of the show', () => {
    expect(percentOf(30 * 60_000, 120 * 60_000)).toBe(25);
    expect(percentOf(-1, 100)).toBe(0);
    expect(percentOf(200, 100)).toBe(100);
    expect(percentOf(5, 0)).toBe(0);
  });

  it('puts about a dozen ticks on a round minute step', () => {
    expect(minuteTicks(20 * 60_000)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(minuteTicks(180 * 60_000)).toEqual([0, 15, 30, 45, 60, 75, 90, 105, 120, 135, 150, 165, 180]);
    expect(minuteTicks(0)).toEqual([]);
  });
});
