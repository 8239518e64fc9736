import { describe, expect, it } from 'vitest';
import { bars, previousMonth, roundTop } from './month';

describe('the month chart', () => {
  it('tops the axis at a round value', () => {
    expect(roundTop(0)).toBe(1);
    expect(roundTop(7)).toBe(10);
    expect(roundTop(12)).toBe(20);
    expect(roundTop(4_200)).toBe(5_000);
    expect(roundTop(5_000)).toBe(5_000);
    expect(roundTop(5_001)).toBe(10_000);
  });

  it('scales each day to the top and lays the days side by side', () => {
    const days = [
      { date: '2026-11-01', retail: '250.00', wholesale: '0.00' },
      { date: '2026-11-02', retail: '100.00', wholesale: '400.00' },
    ];
    const chart = bars(days, 600, 200);
    expect(chart.top).toBe(500);
    expect(chart.slot).toBe(300);
    expect(chart.bars.map((b) => [b.day, b.x, b.retailH, b.wholesaleH])).toEqual([
      [1, 0, 100, 0],
      [2, 300, 40, 160],
    ]);
  });

  it('offers the month just ended', () => {
    expect(previousMonth('2026-11-23')).toBe('2026-10');
    expect(previousMonth('2027-01-05')).toBe('2026-12');
  });
});
