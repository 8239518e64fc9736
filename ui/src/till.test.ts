import { describe, expect, it } from 'vitest';
import { addScan, parseScan, saleDraft } from './till';

describe('the till draft', () => {
  it('reads a scan, and a count times a code', () => {
    expect(parseScan('6290001000015\n')).toEqual({ code: '6290001000015', qty: 1 });
    expect(parseScan('3*6290001000015')).toEqual({ code: '6290001000015', qty: 3 });
    expect(parseScan('  ')).toBeNull();
    expect(parseScan('0*KIT-0101')).toBeNull();
    expect(parseScan('two words')).toBeNull();
  });

  it('adds a code scanned twice to its line', () => {
    let lines = addScan([], { code: '6290001000015', qty: 1 });
    lines = addScan(lines, { code: 'KIT-0101', qty: 1 });
    lines = addScan(lines, { code: '6290001000015', qty: 2 });
    expect(lines).toEqual([
      { code: '6290001000015', qty: 3 },
      { code: 'KIT-0101', qty: 1 },
    ]);
  });

  it('sends each code as scanned, and cash only when tendered', () => {
    const lines = [
      { code: '16290001000012', qty: 1 },
      { code: 'KIT-0101', qty: 2 },
    ];
    expect(saleDraft(lines)).toEqual({ lines: [{ code: '16290001000012', qty: 1 }, { code: 'KIT-0101', qty: 2 }] });
    expect(saleDraft(lines, ' 500 ').payments).toEqual([{ method: 'cash', amount: '500' }]);
  });
});

describe('the sale draft with payments', () => {
  it('carries each payment as the dialog collected it', () => {
    const lines = [{ code: 'KIT-0101', qty: 1 }];
    const pays = [
      { method: 'cash', amount: '100' },
      { method: 'card', amount: '264.00' },
    ];
    expect(saleDraft(lines, pays).payments).toEqual(pays);
    expect(saleDraft(lines, []).payments).toBeUndefined();
  });
});
