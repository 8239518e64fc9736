import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleLock } from './idle';

describe('the inactivity lock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('locks after the time without input, once', () => {
    const onLock = vi.fn();
    const lock = new IdleLock(5 * 60_000, onLock);
    lock.start();
    vi.advanceTimersByTime(4 * 60_000 + 59_000);
    expect(onLock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(onLock).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * 60_000);
    expect(onLock).toHaveBeenCalledTimes(1);
    expect(lock.running).toBe(false);
  });

  it('starts counting again at every input', () => {
    const onLock = vi.fn();
    const lock = new IdleLock(60_000, onLock);
    lock.start();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(50_000);
      lock.touch();
    }
    expect(onLock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(onLock).toHaveBeenCalledTimes(1);
  });

  it('never locks with a timeout of 0, and not after stop', () => {
    const never = vi.fn();
    new IdleLock(0, never).start();
    const stopped = vi.fn();
    const lock = new IdleLock(1_000, stopped);
    lock.start();
    lock.stop();
    vi.advanceTimersByTime(24 * 3600_000);
    expect(never).not.toHaveBeenCalled();
    expect(stopped).not.toHaveBeenCalled();
  });

  it('counts again from a restart after unlocking', () => {
    const onLock = vi.fn();
    const lock = new IdleLock(2_000, onLock);
    lock.start();
    vi.advanceTimersByTime(2_000);
    lock.start();
    vi.advanceTimersByTime(1_500);
    expect(onLock).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(onLock).toHaveBeenCalledTimes(2);
  });
});
