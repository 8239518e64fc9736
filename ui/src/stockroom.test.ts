import { describe, expect, it } from 'vitest';
import { countDiffs, countDraft, emptyForm, fieldAtFault, importPercent, receiptDraft, signed, syncPriceRows } from './stockroom';

describe('the product form', () => {
  it('keeps one price row per unit, with what was typed', () => {
    const form = emptyForm();
    form.prices[0].retail = '4.50';
    form.units.push({ unit: 'carton', factor: '24' }, { unit: '', factor: '' });
    expect(syncPriceRows(form)).toEqual([
      { unit: 'piece', retail: '4.50', wholesale: '' },
      { unit: 'carton', retail: '', wholesale: '' },
    ]);
  });

  it('marks the input the library names, or every input of a section', () => {
    expect(fieldAtFault('barcodes[1].code', 'barcodes[1].code')).toBe(true);
    expect(fieldAtFault('barcodes[1].code', 'barcodes[0].code')).toBe(false);
    expect(fieldAtFault('barcodes', 'barcodes[0].code')).toBe(true);
    expect(fieldAtFault(null, 'sku')).toBe(false);
  });
});

describe('receipts and counts', () => {
  const line = { code: '6291041500213', sku: 'CABLE', name: 'Cable', qty: ' 2 ', unit: 'carton', units: ['piece', 'carton'] };
  it('drafts what the library posts', () => {
    expect(receiptDraft(' INV-77 ', [{ ...line, unit_cost: '96' }])).toEqual({
      kind: 'receipt', supplier: 'INV-77', lines: [{ code: '6291041500213', qty: '2', unit: 'carton', unit_cost: '96' }],
    });
    expect(countDraft([line])).toEqual({ kind: 'count', lines: [{ code: '6291041500213', qty: '2', unit: 'carton' }] });
  });

  it('adds a product’s lines before comparing with the books', () => {
    const d = countDiffs(
      [{ sku: 'A', counted_base: 120 }, { sku: 'B', counted_base: 0 }, { sku: 'A', counted_base: 3 }],
      { A: 130, B: 4 },
    );
    expect(d).toEqual([
      { sku: 'A', counted: 123, on_hand: 130, difference: -7 },
      { sku: 'B', counted: 0, on_hand: 4, difference: -4 },
    ]);
    expect([signed(3), signed(-2), signed(0)]).toEqual(['+3', '-2', '0']);
  });

  it('reports an import from 0 to 100 across its two phases', () => {
    expect(importPercent({ phase: 'checking', done: 0, total: 10 })).toBe(0);
    expect(importPercent({ phase: 'checking', done: 10, total: 10 })).toBe(50);
    expect(importPercent({ phase: 'writing', done: 5, total: 10 })).toBe(75);
    expect(importPercent({ phase: 'writing', done: 0, total: 0 })).toBe(100);
  });
});
