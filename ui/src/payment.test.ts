import { describe, expect, it } from 'vitest';
import { balance, cleanAmount, nextMethod, paymentFor } from './payment';
import { KeyTimes, isGs1Code, isWedge } from './wedge';

describe('the payment dialog', () => {
  it('reads amounts as people type them', () => {
    expect(cleanAmount(' 1000 ')).toBe('1000');
    expect(cleanAmount('12,50')).toBe('12.50');
    expect(cleanAmount('1 000.5')).toBe('1000.5');
    expect(cleanAmount('abc')).toBeNull();
    expect(cleanAmount('-5')).toBeNull();
  });

  it('counts what is paid and due in exact cents', () => {
    // 0.1 + 0.2 in floating point is not 0.3: the balance never drifts.
    const b = balance('0.30', [
      { method: 'cash', amount: '0.1' },
      { method: 'card', amount: '0.2' },
    ]);
    expect(b).toEqual({ paid: '0.30', due: '0.00' });
    expect(balance('364.00', [{ method: 'cash', amount: '100' }])).toEqual({ paid: '100.00', due: '264.00' });
    expect(balance('364.00', [{ method: 'cash', amount: '500' }])).toEqual({ paid: '500.00', due: '0.00' });
    expect(balance('1500', [{ method: 'card', amount: '250' }])).toEqual({ paid: '250', due: '1250' });
    expect(balance('10.00', [{ method: 'cash', amount: '1.005' }])).toBeNull();
    expect(balance('10.00', [{ method: 'cash', amount: 'x' }])).toBeNull();
  });

  it('pays what is due when Enter comes on an empty field', () => {
    expect(paymentFor('card', '', '264.00')).toEqual({ method: 'card', amount: '264.00' });
    expect(paymentFor('cash', '500', '264.00')).toEqual({ method: 'cash', amount: '500' });
    expect(paymentFor('cash', '', '0.00')).toBeNull();
    expect(paymentFor('cash', 'x', '1.00')).toEqual({ method: 'cash', amount: 'x' });
  });

  it('cycles the methods both ways', () => {
    expect(nextMethod('cash', 1)).toBe('card');
    expect(nextMethod('ewallet', 1)).toBe('cash');
    expect(nextMethod('cash', -1)).toBe('ewallet');
  });
});

describe('telling a scanner from a person', () => {
  it('takes 13 digits 5 ms apart and Enter for a scan', () => {
    const times = Array.from({ length: 14 }, (_, i) => 1000 + i * 5);
    expect(isWedge(times)).toBe(true);
  });

  it('never takes typed amounts or slow keys for a scan', () => {
    expect(isWedge([0, 120, 260, 390, 500])).toBe(false); // "1000" Enter, by hand
    expect(isWedge([0, 5, 10, 15, 20])).toBe(false); // four quick keys: too short for a code
    const slowOnce = Array.from({ length: 14 }, (_, i) => i * 5 + (i > 6 ? 200 : 0));
    expect(isWedge(slowOnce)).toBe(false);
  });

  it('takes a burst slowed once by a busy machine for a scan, still', () => {
    const times = Array.from({ length: 14 }, (_, i) => i * 5 + (i > 6 ? 90 : 0));
    expect(isWedge(times)).toBe(true);
  });

  it('knows a GS1 barcode by its check digit', () => {
    expect(isGs1Code('6290001000015')).toBe(true);
    expect(isGs1Code('16290001000012')).toBe(true);
    expect(isGs1Code('036000291452')).toBe(true);
    expect(isGs1Code('6290001000016')).toBe(false);
    expect(isGs1Code('1000')).toBe(false);
    expect(isGs1Code('150000000.00')).toBe(false);
  });

  it('forgets what came before an arrow key, and starts over after Enter', () => {
    const k = new KeyTimes();
    for (let i = 0; i < 13; i++) k.key('6', i * 5);
    expect(k.enter(70)).toBe(true);
    for (let i = 0; i < 13; i++) k.key('6', 100 + i * 5);
    k.key('ArrowUp', 170);
    expect(k.enter(171)).toBe(false);
  });
});
