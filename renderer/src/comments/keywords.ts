/**
 * The feed's highlight, computed as rarely as possible. The product list arrives as a new array
 * with every delta (its figures move) while the titles almost never change, so the keywords are
 * rebuilt only when the titles or cart slots did; and a comment is split into segments once per
 * keyword set, kept by its seq while it is on screen.
 */
import { productKeywords } from '../../../shared/aggregate/products';
import type { ProductRow } from '../../../shared/viewmodel/room';
import { highlightSegments, INTENT_WORDS, type Segment } from './highlight';

export class FeedHighlighter {
  private titlesKey: string | null = null;
  private words: readonly string[] = INTENT_WORDS;
  private bySeq = new Map<number, Segment[]>();

  /** The products of the current view; returns true when the keywords changed. */
  setProducts(products: readonly Pick<ProductRow, 'title' | 'cartSlot'>[] | null): boolean {
    const list = products ?? [];
    const key = list.map((p) => `${p.cartSlot}\u0000${p.title.slice(0, 200)}`).join('\u0001');
    if (key === this.titlesKey) return false;
    this.titlesKey = key;
    this.words = [...INTENT_WORDS, ...list.flatMap((p) => productKeywords(p.title, p.cartSlot))];
    this.bySeq.clear();
    return true;
  }

  get keywords(): readonly string[] {
    return this.words;
  }

  /** The segments of the comment `seq` (computed once per keyword set). */
  segments(seq: number, text: string): Segment[] {
    let out = this.bySeq.get(seq);
    if (!out) {
      out = highlightSegments(text, this.words);
      this.bySeq.set(seq, out);
    }
    return out;
  }

  /** Forget comments no longer shown. */
  keepOnly(seqs: Iterable<number>): void {
    const keep = new Set(seqs);
    for (const seq of this.bySeq.keys()) if (!keep.has(seq)) this.bySeq.delete(seq);
  }

  get cached(): number {
    return this.bySeq.size;
  }
}
