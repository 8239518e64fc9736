// The catalog's virtualised list: which rows are in view, which pages to fetch, what has come.
// Pure functions, unit-tested; Catalog.svelte draws what they say.

/** Height of one row in CSS pixels (the list's rows are fixed height). */
export const ROW_HEIGHT = 36;
/** Rows fetched per request (the library allows up to 500). */
export const PAGE_SIZE = 100;
/** Rows drawn beyond the viewport on each side, so a fast scroll shows no gap. */
export const OVERSCAN = 10;

/** The rows to draw for a scroll position: `[first, end)`, clamped to the list. */
export function visibleRange(scrollTop: number, viewportHeight: number, total: number): [number, number] {
  if (total <= 0) return [0, 0];
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(total, Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT) + OVERSCAN);
  return [Math.min(first, total), Math.max(end, Math.min(first, total))];
}

/** The page numbers holding rows `[first, end)`. */
export function pagesFor(first: number, end: number): number[] {
  if (end <= first) return [];
  const pages: number[] = [];
  for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor((end - 1) / PAGE_SIZE); p++) pages.push(p);
  return pages;
}

/** A cache of fetched pages for one query; a new query starts a new cache. */
export class PageCache<T> {
  private pages = new Map<number, T[]>();
  private pending = new Set<number>();
  constructor(readonly query: string) {}

  has(page: number): boolean {
    return this.pages.has(page) || this.pending.has(page);
  }
  markPending(page: number): void {
    this.pending.add(page);
  }
  put(page: number, rows: T[]): void {
    this.pending.delete(page);
    this.pages.set(page, rows);
  }
  /** Row `i`, when its page has arrived. */
  row(i: number): T | undefined {
    return this.pages.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE];
  }
}

/** Search as you type: one request in flight at a time. A keystroke while one runs waits, and a
 *  newer keystroke replaces the waiting one (its answer would be stale before it arrived); the last
 *  keystroke's request is always sent. So the library never works through a backlog of old
 *  prefixes, and the list shows the newest text's answer as soon as the library can give it. */
export class LatestOnly<T> {
  private running = false;
  private waiting: { value: T } | null = null;
  /** How many pushed values were replaced before they ran (for the figures and the tests). */
  skipped = 0;

  constructor(private readonly run: (value: T) => Promise<unknown>) {}

  push(value: T): void {
    if (this.running) {
      if (this.waiting) this.skipped++;
      this.waiting = { value };
      return;
    }
    void this.drain(value);
  }

  private async drain(first: T): Promise<void> {
    this.running = true;
    let next: { value: T } | null = { value: first };
    try {
      while (next) {
        this.waiting = null;
        try {
          await this.run(next.value);
        } catch {
          // The caller shows its own errors; the next value still runs.
        }
        next = this.waiting;
      }
    } finally {
      this.running = false;
    }
  }
}
