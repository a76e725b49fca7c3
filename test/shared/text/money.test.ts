import { describe, expect, it } from 'vitest';
import { formatFen } from '../../../shared/text/money';

describe('formatFen (money in texts: alerts, CLI, reports)', () => {
  it('shows whole yuan without decimals, otherwise exactly two, grouped by three', () => {
    expect(formatFen(1_000_000)).toBe('¥10,000');
    expect(formatFen(123_456)).toBe('¥1,234.56');
    expect(formatFen(1_250)).toBe('¥12.50');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(0)).toBe('¥0');
    expect(formatFen(12_345_678_900)).toBe('¥123,456,789');
  });

  it('rounds a fraction of a fen (an average) to the cent, and puts the sign before ¥', () => {
    expect(formatFen(19_165_866.15)).toBe('¥191,658.66');
    expect(formatFen(99_999.6)).toBe('¥1,000');
    expect(formatFen(-150)).toBe('-¥1.50');
    expect(formatFen(-0.2)).toBe('¥0');
  });
});
