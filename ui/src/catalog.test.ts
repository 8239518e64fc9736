import { describe, expect, it } from 'vitest';
import { LatestOnly, OVERSCAN, PAGE_SIZE, PageCache, ROW_HEIGHT, pagesFor, visibleRange } from './catalog';

describe('the virtualised catalog list', () => {
  it('draws only the rows in view, with some overscan, clamped to the list', () => {
    // 600 px of viewport at the top of 100 000 rows: rows 0..(600/36 rounded up + overscan).
    expect(visibleRange(0, 600, 100_000)).toEqual([0, Math.ceil(600 / ROW_HEIGHT) + OVERSCAN]);
    // Scrolled to row 5 000.
    const [first, end] = visibleRange(5_000 * ROW_HEIGHT, 600, 100_000);
    expect(first).toBe(5_000 - OVERSCAN);
    expect(end).toBe(5_000 + Math.ceil(600 / ROW_HEIGHT) + OVERSCAN);
    // At the very end, and for short or empty lists.
    expect(visibleRange(99_990 * ROW_HEIGHT, 600, 100_000)[1]).toBe(100_000);
    expect(visibleRange(0, 600, 3)).toEqual([0, 3]);
    expect(visibleRange(0, 600, 0)).toEqual([0, 0]);
  });

  it('fetches the pages holding the rows in view, and no others', () => {
    expect(pagesFor(0, 27)).toEqual([0]);
    expect(pagesFor(PAGE_SIZE - 5, PAGE_SIZE + 5)).toEqual([0, 1]);
    expect(pagesFor(4_990, 5_037)).toEqual([49, 50]);
    expect(pagesFor(10, 10)).toEqual([]);
  });

  it('keeps a page once asked for, and finds each row in its page', () => {
    const cache = new PageCache<string>('cable');
    expect(cache.has(3)).toBe(false);
    cache.markPending(3);
    expect(cache.has(3)).toBe(true);
    expect(cache.row(3 * PAGE_SIZE)).toBeUndefined();
    cache.put(3, Array.from({ length: PAGE_SIZE }, (_, i) => `row ${3 * PAGE_SIZE + i}`));
    expect(cache.row(3 * PAGE_SIZE + 7)).toBe('row 307');
  });
});

describe('search as you type (one request at a time, the last never dropped)', () => {
  it('skips the keystrokes typed while a search runs, except the newest', async () => {
    const ran: string[] = [];
    const answers: (() => void)[] = [];
    const gate = new LatestOnly<string>((q) => {
      ran.push(q);
      return new Promise<void>((resolve) => answers.push(resolve));
    });
    for (const q of ['c', 'ca', 'cab', 'cabl']) gate.push(q);
    expect(ran).toEqual(['c']);
    answers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    // 'ca' and 'cab' were replaced while 'c' ran; 'cabl' runs next.
    expect(ran).toEqual(['c', 'cabl']);
    expect(gate.skipped).toBe(2);
    gate.push('cable');
    answers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(ran).toEqual(['c', 'cabl', 'cable']);
    answers.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    // Idle again: the next keystroke runs at once.
    gate.push('cables');
    expect(ran).toEqual(['c', 'cabl', 'cable', 'cables']);
  });

  it('goes on after a failed search', async () => {
    const ran: string[] = [];
    let fail = true;
    const gate = new LatestOnly<string>(async (q) => {
      ran.push(q);
      if (fail) {
        fail = false;
        throw new Error('refused');
      }
    });
    gate.push('a');
    gate.push('ab');
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(ran).toEqual(['a', 'ab']);
  });
});
