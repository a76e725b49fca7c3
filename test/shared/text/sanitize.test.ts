import { describe, expect, it } from 'vitest';
import { displayText } from '../../../shared/text/sanitize';

const cps = (s: string) => [...s].length;

describe('displayText', () => {
  it('keeps markup as literal text (the renderer uses text nodes)', () => {
    const s = '<img src=x onerror=alert(1)><script>alert("x")</script>&amp;';
    expect(displayText(s, 1000)).toBe(s);
  });

  it('removes C0 and C1 control characters; line breaks and tabs become one space', () => {
    expect(displayText('a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg', 100)).toBe('abcdefg');
    expect(displayText('line1\r\n\tline2\n', 100)).toBe('line1 line2');
    expect(displayText('\n\nlead', 100)).toBe('lead');
  });

  it('removes bidi overrides and isolates, keeps other text (RTL letters, emoji, ZWJ)', () => {
    const evil = 'pay \u202Eexe.txt\u202C \u2066x\u2069 \u202A\u202B\u202D\u2067\u2068';
    expect(displayText(evil, 100)).toBe('pay exe.txt x ');
    expect(displayText('שלום 👩‍👩‍👧 مرحبا', 100)).toBe('שלום 👩‍👩‍👧 مرحبا');
  });

  it('truncates by code points with an ellipsis that counts as one of max', () => {
    expect(displayText('abcdef', 6)).toBe('abcdef');
    expect(displayText('abcdefg', 6)).toBe('abcde…');
    expect(displayText('😀😀😀😀', 3)).toBe('😀😀…');
    expect(displayText('😀😀😀', 3)).toBe('😀😀😀');
    expect(displayText('ab', 1)).toBe('…');
    expect(displayText('a', 1)).toBe('a');
    expect(displayText('abc', 0)).toBe('');
    expect(displayText('abc', Number.NaN)).toBe('');
    // removed characters do not count towards max
    expect(displayText('\u202Eab\u0000c', 3)).toBe('abc');
  });

  it('replaces lone surrogates so the result is well-formed', () => {
    const out = displayText('a\uD800b\uDC00c', 10);
    expect(out).toBe('a\uFFFDb\uFFFDc');
    // well-formed: encodeURIComponent throws on a lone surrogate
    expect(() => encodeURIComponent(out)).not.toThrow();
  });

  it('a 100 KB hostile comment: bounded output, hostile characters gone', () => {
    const chunk = '<b>\u202E弹幕\u0000\n</b>';
    const big = chunk.repeat(Math.ceil(100_000 / chunk.length)).slice(0, 100_000);
    const out = displayText(big, 200);
    expect(cps(out)).toBe(200);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
    // a text made only of removed characters scans the whole input and yields nothing
    expect(displayText('\u0000'.repeat(100_000), 10)).toBe('');
  });

  it('non-strings give an empty string (defensive: the caller passed untyped data)', () => {
    expect(displayText(undefined as unknown as string, 10)).toBe('');
    expect(displayText(42 as unknown as string, 10)).toBe('');
  });
});
