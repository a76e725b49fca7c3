/** The comment feed's highlight memo: keywords rebuilt only when titles change, segments once per comment. */
import { describe, expect, it } from 'vitest';
import { FeedHighlighter } from '../../renderer/src/comments/keywords';

const products = (titles: string[]) => titles.map((title, i) => ({ title, cartSlot: i + 1 }));

describe('FeedHighlighter', () => {
  it('keeps its keywords and segments while only the figures of the products move', () => {
    const h = new FeedHighlighter();
    expect(h.setProducts(products(['羊绒 围巾', '保温杯']))).toBe(true);
    const words = h.keywords;
    expect(words).toContain('羊绒');
    expect(words).toContain('2号');
    const seg = h.segments(7, '羊绒围巾多少钱');
    expect(seg.filter((s) => s.hit).map((s) => s.text)).toEqual(['羊绒', '围巾', '多少钱']);
    // a new array of the same products (a delta moved their figures): nothing recomputed
    expect(h.setProducts(products(['羊绒 围巾', '保温杯']))).toBe(false);
    expect(h.keywords).toBe(words);
    expect(h.segments(7, '羊绒围巾多少钱')).toBe(seg);
  });

  it('recomputes when a title or a cart slot changes, and forgets comments no longer shown', () => {
    const h = new FeedHighlighter();
    h.setProducts(products(['保温杯']));
    expect(h.segments(1, '雨伞有货吗').filter((s) => s.hit).map((s) => s.text)).toEqual(['有货']);
    expect(h.setProducts(products(['保温杯', '雨伞']))).toBe(true);
    expect(h.segments(1, '雨伞有货吗').filter((s) => s.hit).map((s) => s.text)).toEqual(['雨伞', '有货']);
    h.segments(2, 'x');
    h.segments(3, 'y');
    h.keepOnly([3]);
    expect(h.cached).toBe(1);
    expect(h.setProducts(null)).toBe(true);
    expect(h.keywords).not.toContain('雨伞');
  });
});
