import { describe, expect, it } from 'vitest';
import { faultOf, invoiceDraft } from './counter';

describe('the wholesale counter', () => {
  it('drafts an invoice for the buyer, each line with its code, quantity as typed and unit', () => {
    const draft = invoiceDraft('B002', [
      { code: 'KIT-0101', qty: ' 2 ', unit: 'carton' },
      { code: '6290001000015', qty: '5', unit: 'piece' },
    ]);
    expect(draft).toEqual({
      kind: 'invoice',
      buyer: 'B002',
      lines: [
        { code: 'KIT-0101', qty: '2', unit: 'carton' },
        { code: '6290001000015', qty: '5', unit: 'piece' },
      ],
    });
  });

  it('points at the field the library named', () => {
    expect(faultOf({ code: 'invalid-input', message: '', field: 'lines[2].qty' })).toEqual({ target: 'qty', line: 2 });
    expect(faultOf({ code: 'unknown-unit', message: '', field: 'lines[0].unit' })).toEqual({ target: 'unit', line: 0 });
    expect(faultOf({ code: 'unknown-product', message: '', field: 'lines[1].sku' })).toEqual({ target: 'code', line: 1 });
    expect(faultOf({ code: 'bad-check-digit', message: '', field: 'lines[0].barcode' })).toEqual({ target: 'code', line: 0 });
    expect(faultOf({ code: 'unknown-customer', message: '', field: 'buyer' })).toEqual({ target: 'buyer', line: null });
    expect(faultOf({ code: 'unknown-document', message: '', field: 'ticket' })).toEqual({ target: 'document', line: null });
    expect(faultOf({ code: 'unknown-barcode', message: '', field: 'code' })).toEqual({ target: 'code', line: null });
  });

  it('points at the part a refusal without a field is about', () => {
    expect(faultOf({ code: 'credit-limit-exceeded', message: '' }).target).toBe('buyer');
    expect(faultOf({ code: 'buyer-overdue', message: '', field: null }).target).toBe('buyer');
    expect(faultOf({ code: 'insufficient-stock', message: '' }).target).toBe('qty');
    expect(faultOf({ code: 'permission-denied', message: '' })).toEqual({ target: null, line: null });
  });
});
