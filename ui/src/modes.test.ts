import { describe, expect, it } from 'vitest';
import { modeForKey, visibleModes } from './modes';

describe('the window’s modes', () => {
  it('shows a person only the modes their role may use', () => {
    expect(visibleModes(['sell', 'retail-return', 'close-day', 'void'])).toEqual(['till', 'returns', 'catalog']);
    expect(visibleModes(['sell', 'invoice', 'retail-return', 'wholesale-return'])).toEqual([
      'till',
      'counter',
      'returns',
      'catalog',
    ]);
    expect(visibleModes(['receive-return'])).toEqual(['till']);
    // The audit trail and the month: the owner and the accountant, never a cashier.
    expect(visibleModes(['view-reports', 'view-audit', 'record-payment'])).toEqual(['till', 'audit', 'month']);
    // The warehouse looks products up in the catalog.
    expect(visibleModes(['receive-return', 'goods-receipt', 'stock-count'])).toEqual(['till', 'catalog']);
    // The till's printer and scanner: whoever may configure devices (the owner).
    expect(visibleModes(['sell', 'configure-devices'])).toEqual(['till', 'catalog', 'devices']);
  });

  it('opens a mode with its function key', () => {
    expect(modeForKey('F6')).toBe('till');
    expect(modeForKey('F7')).toBe('counter');
    expect(modeForKey('F8')).toBe('returns');
    expect(modeForKey('F9')).toBe('audit');
    expect(modeForKey('F10')).toBe('catalog');
    expect(modeForKey('F11')).toBe('month');
    expect(modeForKey('F5')).toBe('devices');
    expect(modeForKey('F2')).toBeNull();
  });
});
