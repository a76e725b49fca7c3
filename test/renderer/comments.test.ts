import { describe, expect, it } from 'vitest';
import { CommentPacer } from '../../renderer/src/comments/feed';
import { highlightSegments } from '../../renderer/src/comments/highlight';
import { explainAreas, seriesPoints } from '../../renderer/src/charts/options/trend';
import type { CommentRow, Series } from '../../shared/viewmodel/room';

const row = (seq: number, text = `c${seq}`, nickname = `n${seq}`): CommentRow => ({ seq, ts: seq, userId: `u${seq}`, nickname, text });

describe('CommentPacer', () => {
  it('starts with the latest page, then releases new comments one at a time', () => {
    const p = new CommentPacer({ visible: 3, maxQueue: 5 });
    p.offer([1, 2, 3, 4].map((s) => row(s)));
    expect(p.shown.map((r) => r.seq)).toEqual([2, 3, 4]);
    p.offer([2, 3, 4, 5, 6].map((s) => row(s)));
    expect(p.queued).toBe(2);
    expect(p.release()).toBe(true);
    expect(p.shown.map((r) => r.seq)).toEqual([3, 4, 5]);
    p.release();
    expect(p.release()).toBe(false);
    expect(p.shown.map((r) => r.seq)).toEqual([4, 5, 6]);
  });
  it('skips the oldest when a burst exceeds the queue, and counts them', () => {
    const p = new CommentPacer({ visible: 3, maxQueue: 5 });
    p.offer([]);
    p.offer(Array.from({ length: 100 }, (_, i) => row(i + 1)));
    expect(p.queued).toBe(5);
    expect(p.skipped).toBe(95);
    p.release();
    expect(p.shown[0]!.seq).toBe(96);
  });
  it('sanitises again: control and bidi characters removed, long text cut', () => {
    const p = new CommentPacer({ maxChars: 50 });
    p.offer([row(1, `a\u202Eb\nc${'长'.repeat(100_000)}`, '\u202Enick\u0007')]);
    const r = p.shown[0]!;
    expect(r.nickname).toBe('nick');
    expect(r.text.startsWith('ab c')).toBe(true);
    expect([...r.text].length).toBe(50);
    expect(r.text.endsWith('…')).toBe(true);
  });
});

describe('highlightSegments', () => {
  it('splits text around keywords, case-insensitively, longest first, text unchanged', () => {
    const segs = highlightSegments('3号链接在哪 Dress好看 上链接', ['链接', '上链接', 'dress', '3号']);
    expect(segs).toEqual([
      { text: '3号', hit: true },
      { text: '链接', hit: true },
      { text: '在哪 ', hit: false },
      { text: 'Dress', hit: true },
      { text: '好看 ', hit: false },
      { text: '上链接', hit: true },
    ]);
    expect(segs.map((s) => s.text).join('')).toBe('3号链接在哪 Dress好看 上链接');
  });
  it('markup stays text', () => {
    const segs = highlightSegments('<script>链接</script>', ['链接']);
    expect(segs.map((s) => s.text).join('')).toBe('<script>链接</script>');
    expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(['链接']);
  });
  it('no keywords: one plain segment', () => {
    expect(highlightSegments('abc', [])).toEqual([{ text: 'abc', hit: false }]);
  });
});

describe('trend options', () => {
  const s: Series = { t: [0, 60_000, 120_000], online: [5, 7, 6], enters: [1, 2, 3], exits: [0, 1, 0], comments: [0, 0, 0], likes: [0, 0, 0], follows: [0, 0, 0], shares: [0, 0, 0], gmv: [100, 0, 250], orders: [1, 0, 1], buyers: [1, 0, 1], adSpend: [0, 0, 0], adGmv: [0, 0, 0] };
  it('recent: per bucket, fen as 元; cumulative: flows summed, levels as they are', () => {
    expect(seriesPoints(s, 'gmv', 'recent')).toEqual([[0, 1], [60_000, 0], [120_000, 2.5]]);
    expect(seriesPoints(s, 'enters', 'cumulative')).toEqual([[0, 1], [60_000, 3], [120_000, 6]]);
    expect(seriesPoints(s, 'online', 'cumulative')).toEqual([[0, 5], [60_000, 7], [120_000, 6]]);
  });
  it('explanation markers become areas clipped to the window; an open one runs to the end', () => {
    const areas = explainAreas(
      [
        { ts: 10, kind: 'explain', ref: 'p1', label: 'Dress', state: 'start' },
        { ts: 50, kind: 'explain', ref: 'p1', label: 'Dress', state: 'end' },
        { ts: 60, kind: 'alert', ref: 'x', label: 'x' },
        { ts: 70, kind: 'explain', ref: 'p2', label: '<b>Hat</b>\u202E', state: 'start' },
      ],
      20,
      100,
    );
    expect(areas).toEqual([
      [{ xAxis: 20, name: 'Dress' }, { xAxis: 50 }],
      [{ xAxis: 70, name: '<b>Hat</b>' }, { xAxis: 100 }],
    ]);
  });
});
