import { describe, expect, it } from 'vitest';
import { isReturnable, lineOfDraft, returnDraft } from './returns';
import type { Doc } from './till';

function doc(kind: string, doc_no: string): Doc {
  const line = (n: number) => ({
    line: n, sku: `SKU-${n}`, name: `Item ${n}`, unit: 'piece', qty: '4', qty_base: 4, vat_rate_pct: '5', gross: '10.00',
  });
  return { doc_no, kind, status: 'committed', currency: 'AED', net: '0', vat: '0', gross: '0', lines: [line(1), line(2), line(3)] };
}

describe('a return', () => {
  it('of a sale is a retail return of its ticket, only the lines with a quantity', () => {
    expect(returnDraft(doc('sale', 'S-A-000007'), { 1: ' ', 3: ' 2 ' }, true)).toEqual({
      kind: 'retail_return',
      ticket: 'S-A-000007',
      restock: true,
      lines: [{ line: 3, qty: '2' }],
    });
  });

  it('of an invoice is a wholesale return, written off when not restocked', () => {
    expect(returnDraft(doc('invoice', 'INV-A-000002'), { 2: '1' }, false)).toEqual({
      kind: 'wholesale_return',
      invoice: 'INV-A-000002',
      restock: false,
      lines: [{ line: 2, qty: '1' }],
    });
  });

  it('names the original line a refused draft line stands for', () => {
    const draft = returnDraft(doc('sale', 'S-A-000007'), { 2: '1', 3: '9' }, true);
    expect(lineOfDraft(draft, 1)).toBe(3);
    expect(lineOfDraft(draft, 0)).toBe(2);
    expect(lineOfDraft(draft, null)).toBeNull();
    expect(lineOfDraft(draft, 5)).toBeNull();
  });

  it('is only taken against sales and invoices', () => {
    expect(isReturnable(doc('sale', 'S'))).toBe(true);
    expect(isReturnable(doc('invoice', 'I'))).toBe(true);
    expect(isReturnable(doc('retail_return', 'R'))).toBe(false);
    expect(isReturnable(doc('receipt', 'G'))).toBe(false);
  });
});
