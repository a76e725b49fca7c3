import { describe, expect, it } from 'vitest';
import { errorLine } from '../../../shared/text/error-line';

describe('errorLine', () => {
  it('keeps the first line of the message, trimmed, never the stack', () => {
    const err = new Error('  database is locked  \n    at Statement.run (/secret/path.js:1:1)');
    expect(errorLine(err)).toBe('database is locked');
    expect(errorLine(new Error('first\r\nsecond'))).toBe('first');
    expect(errorLine('plain text\nmore')).toBe('plain text');
    expect(errorLine({ message: 'from a worker\nstack' })).toBe('from a worker');
    expect(errorLine(42)).toBe('42');
  });

  it('bounds the line and names an empty one', () => {
    expect(errorLine(new Error('x'.repeat(400)))).toBe(`${'x'.repeat(299)}…`);
    expect(errorLine(new Error('abcdef'), 4)).toBe('abc…');
    expect(errorLine(new Error('abcd'), 4)).toBe('abcd');
    expect(errorLine(new Error(''))).toBe('internal error');
    expect(errorLine(new Error('\nsecond line only'))).toBe('internal error');
  });
});
