// The PIN pad: what each key does to the PIN being typed. Digits add (up to 12), Backspace takes
// the last one back, Enter submits (4 digits at least), Esc clears, or goes back when empty.

export const PIN_MIN = 4;
export const PIN_MAX = 12;

export type PinStep =
  | { kind: 'pin'; pin: string }
  | { kind: 'submit'; pin: string }
  | { kind: 'back' };

/** The next state after `key` (a KeyboardEvent key or a pad button), or null for a key the pad ignores. */
export function pinKey(pin: string, key: string): PinStep | null {
  if (/^[0-9]$/.test(key)) return { kind: 'pin', pin: pin.length < PIN_MAX ? pin + key : pin };
  switch (key) {
    case 'Backspace':
      return { kind: 'pin', pin: pin.slice(0, -1) };
    case 'Enter':
      return pin.length >= PIN_MIN ? { kind: 'submit', pin } : { kind: 'pin', pin };
    case 'Escape':
      return pin ? { kind: 'pin', pin: '' } : { kind: 'back' };
    default:
      return null;
  }
}
