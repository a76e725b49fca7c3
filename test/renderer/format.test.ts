import { describe, expect, it } from 'vitest';
import {
  formatByUnit,
  formatChange,
  formatCount,
  formatDuration,
  formatMoney,
  formatRate,
  formatRatio,
  rawValue,
} from '../../renderer/src/format/format';
import { fitCanvas, chartPixelRatio } from '../../renderer/src/frame/scale';

describe('formatMoney (fen → 元)', () => {
  it('shows 元 with separators below 10,000 元 and 万/亿 above (zh)', () => {
    expect(formatMoney(12345, 'zh-CN')).toBe('¥123.45');
    expect(formatMoney(123456, 'zh-CN')).toBe('¥1,235');
    expect(formatMoney(999_900, 'zh-CN')).toBe('¥9,999');
    // rounded to 2 decimals of 万, as a big screen shows it
    expect(formatMoney(9_999_900, 'zh-CN')).toBe('¥10万');
    expect(formatMoney(1_000_000, 'zh-CN')).toBe('¥1万');
    expect(formatMoney(93_612_300, 'zh-CN')).toBe('¥93.61万');
    expect(formatMoney(12_345_678_900, 'zh-CN')).toBe('¥1.23亿');
    expect(formatMoney(12_345_678_900, 'zh-CN', false)).toBe('¥123,456,789');
  });
  it('uses K/M in English', () => {
    expect(formatMoney(93_612_300, 'en')).toBe('¥936.1K');
    expect(formatMoney(250_000_000, 'en')).toBe('¥2.5M');
  });
  it('keeps the sign of negative amounts in front of ¥', () => {
    expect(formatMoney(-150, 'zh-CN')).toBe('-¥1.5');
  });
  it('shows "—" for null, NaN and infinities, never 0 or NaN', () => {
    for (const v of [null, undefined, NaN, Infinity, -Infinity]) {
      expect(formatMoney(v, 'zh-CN')).toBe('—');
      expect(formatRate(v, 'zh-CN')).toBe('—');
      expect(formatCount(v, 'zh-CN')).toBe('—');
      expect(formatDuration(v, 'zh-CN')).toBe('—');
      expect(formatRatio(v, 'en')).toBe('—');
      expect(rawValue(v)).toBe('');
    }
    expect(formatMoney(0, 'zh-CN')).toBe('¥0');
  });
});

describe('counts, rates, durations', () => {
  it('counts: separators, 万 from 100,000', () => {
    expect(formatCount(13686, 'zh-CN')).toBe('13,686');
    expect(formatCount(99_999, 'zh-CN')).toBe('99,999');
    expect(formatCount(123_456, 'zh-CN')).toBe('12.35万');
    expect(formatCount(1_234_567, 'zh-CN')).toBe('123.5万');
    expect(formatCount(123_456, 'en')).toBe('123.5K');
  });
  it('rates are fractions shown as %', () => {
    expect(formatRate(0.0556, 'zh-CN')).toBe('5.56%');
    expect(formatRate(1, 'zh-CN')).toBe('100.00%');
    expect(formatRate(0.05567, 'en', 1)).toBe('5.6%');
    expect(formatRate(0, 'zh-CN')).toBe('0.00%');
  });
  it('durations in 时/分/秒 or h/m/s', () => {
    expect(formatDuration(45, 'zh-CN')).toBe('45秒');
    expect(formatDuration(636, 'zh-CN')).toBe('10分36秒');
    expect(formatDuration(3723, 'zh-CN')).toBe('1时02分03秒');
    expect(formatDuration(3723, 'en')).toBe('1h 02m 03s');
    expect(formatDuration(-1, 'en')).toBe('—');
  });
  it('formatByUnit follows the glossary unit', () => {
    expect(formatByUnit(19800, 'fen', 'zh-CN')).toBe('¥198');
    expect(formatByUnit(0.25, 'rate', 'zh-CN')).toBe('25.00%');
    expect(formatByUnit(2.345, 'ratio', 'zh-CN')).toBe('2.35');
    expect(formatByUnit(61, 'seconds', 'zh-CN')).toBe('1分01秒');
    expect(formatByUnit(1234, 'count', 'zh-CN')).toBe('1,234');
  });
  it('the 5-minute change: arrow direction and magnitude', () => {
    expect(formatChange(0.31, 'zh-CN')).toEqual({ direction: 'up', text: '31.0%' });
    expect(formatChange(-0.126, 'zh-CN')).toEqual({ direction: 'down', text: '12.6%' });
    expect(formatChange(0, 'zh-CN')).toEqual({ direction: 'flat', text: '0.0%' });
    expect(formatChange(null, 'zh-CN')).toEqual({ direction: 'none', text: '—' });
  });
  it('rawValue is the number as is', () => {
    expect(rawValue(93612300)).toBe('93612300');
    expect(rawValue(0.0556)).toBe('0.0556');
    expect(rawValue(0)).toBe('0');
  });
});

describe('canvas fit and chart pixel ratio', () => {
  it('fits 1920×1080 into any window keeping aspect, centred', () => {
    expect(fitCanvas(1920, 1080)).toEqual({ scale: 1, x: 0, y: 0 });
    expect(fitCanvas(3840, 2160)).toEqual({ scale: 2, x: 0, y: 0 });
    // an odd LED wall: width-limited, letterboxed vertically
    expect(fitCanvas(1280, 1024)).toEqual({ scale: 1280 / 1920, x: 0, y: (1024 - 720) / 2 });
    expect(fitCanvas(0, 0)).toEqual({ scale: 1, x: 0, y: 0 });
  });
  it('charts render at devicePixelRatio × scale', () => {
    expect(chartPixelRatio(1, 2)).toBe(2);
    expect(chartPixelRatio(2, 0.5)).toBe(1);
    expect(chartPixelRatio(1.5, 1280 / 1920)).toBe(1);
    expect(chartPixelRatio(0, 1)).toBe(1);
  });
});
