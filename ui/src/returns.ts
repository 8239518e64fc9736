// The return of a receipt or an invoice: which lines and how many, as the library's draft wants it.
// The library checks the quantities against what was sold and already returned.
import type { Doc } from './till';

/** The return draft for a committed sale (retail return) or invoice (wholesale return).
 *  `qtys` maps an original line number to the quantity typed (in that line's unit); blanks are skipped. */
export function returnDraft(doc: Doc, qtys: Record<number, string>, restock: boolean) {
  const lines = doc.lines
    .filter((l) => (qtys[l.line] ?? '').trim() !== '')
    .map((l) => ({ line: l.line, qty: qtys[l.line].trim() }));
  if (doc.kind === 'invoice') return { kind: 'wholesale_return', invoice: doc.doc_no, restock, lines };
  return { kind: 'retail_return', ticket: doc.doc_no, restock, lines };
}

/** Documents that can be returned against. */
export function isReturnable(doc: Doc): boolean {
  return doc.kind === 'sale' || doc.kind === 'invoice';
}

/** The original line a draft line (by its index, as the library names it: `lines[1].qty`) returns. */
export function lineOfDraft(draft: { lines: { line: number }[] }, index: number | null): number | null {
  return index === null ? null : (draft.lines[index]?.line ?? null);
}
