import { describe, expect, it } from 'vitest';
import { parseShellArgs } from '../../../electron/main/args';

describe('desktop command line', () => {
  it('reads --demo, --source, --token, --db in both spellings and ignores the rest', () => {
    expect(parseShellArgs(['/usr/bin/electron', '.', '--no-sandbox', '--demo'])).toEqual({ source: 'demo' });
    expect(parseShellArgs(['x', '--source', 'http://10.0.0.2:9000', '--token=abc', '--db', '/tmp/a.db'])).toEqual({
      source: 'http://10.0.0.2:9000',
      token: 'abc',
      dbFile: '/tmp/a.db',
    });
    expect(parseShellArgs(['x', '--source', '--demo'])).toEqual({ source: 'demo' });
  });
});
