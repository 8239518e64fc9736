import { describe, expect, it } from 'vitest';
import { pinKey } from './pinpad';

/** Type a sequence of keys on the pad, as a cashier would, and say where it ends. */
function typeKeys(keys: string[]) {
  let pin = '';
  for (const k of keys) {
    const step = pinKey(pin, k);
    if (!step) continue;
    if (step.kind !== 'pin') return step;
    pin = step.pin;
  }
  return { kind: 'pin' as const, pin };
}

describe('the PIN pad', () => {
  it('takes digits and submits on Enter', () => {
    expect(typeKeys(['2', '2', '2', '2', 'Enter'])).toEqual({ kind: 'submit', pin: '2222' });
  });

  it('takes a digit back with Backspace', () => {
    expect(typeKeys(['1', '2', '9', 'Backspace', '3', '4', 'Enter'])).toEqual({ kind: 'submit', pin: '1234' });
  });

  it('does not submit fewer than four digits', () => {
    expect(typeKeys(['1', '2', '3', 'Enter'])).toEqual({ kind: 'pin', pin: '123' });
  });

  it('clears with Esc, and goes back with Esc on an empty PIN', () => {
    expect(typeKeys(['1', '2', 'Escape'])).toEqual({ kind: 'pin', pin: '' });
    expect(typeKeys(['1', 'Escape', 'Escape'])).toEqual({ kind: 'back' });
  });

  it('ignores letters and stops at twelve digits', () => {
    expect(pinKey('12', 'a')).toBeNull();
    expect(pinKey('12', 'F2')).toBeNull();
    const long = '1'.repeat(12);
    expect(pinKey(long, '5')).toEqual({ kind: 'pin', pin: long });
  });
});
