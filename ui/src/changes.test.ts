import { describe, expect, it, vi } from 'vitest';
import { watchVersion } from './changes';

describe('watching the book for other processes', () => {
  it('announces each move of the version, not the first reading', async () => {
    vi.useFakeTimers();
    const versions = [3, 3, 4, 4, 9];
    let i = 0;
    const seen: number[] = [];
    const stop = watchVersion(
      async () => versions[Math.min(i++, versions.length - 1)],
      () => seen.push(i),
      100,
    );
    for (let k = 0; k < 6; k++) await vi.advanceTimersByTimeAsync(100);
    stop();
    // Moves at the 3rd reading (3 → 4) and the 5th (4 → 9).
    expect(seen).toEqual([3, 5]);
    vi.useRealTimers();
  });
});
