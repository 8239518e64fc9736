// A keyboard-wedge scanner types a whole code in a few milliseconds and ends it with Enter; a
// person types a few keys a second. The keydown times of what was typed tell them apart, so a scan
// that lands in a field that is not the scan field (the payment amount) is recognised as a scan.

/** Mean gap between the keys of one scan at most (scanners send ~5 ms apart; people type 80 ms+). */
export const WEDGE_MEAN_GAP_MS = 30;
/** One gap may be longer (the machine was busy), up to this. */
export const WEDGE_MAX_GAP_MS = 120;
/** Shortest code taken for a scan (EAN-8); an amount is never this long. */
export const WEDGE_MIN_CHARS = 8;

/** Keydown times of the characters typed since the field was last cleared, then Enter's. */
export class KeyTimes {
  private times: number[] = [];

  /** A key went down at `at` (ms): a printable character is kept, anything else but Enter forgets. */
  key(key: string, at: number): void {
    if (key.length === 1) this.times.push(at);
    else if (key !== 'Enter' && key !== 'Shift') this.times = [];
  }

  /** Enter at `at`: were the characters before it a scanner's burst? Starts over either way. */
  enter(at: number): boolean {
    const times = [...this.times, at];
    this.times = [];
    return isWedge(times);
  }

  clear(): void {
    this.times = [];
  }
}

/** Times of each character's keydown and, last, Enter's: a scan if long enough and fast throughout. */
export function isWedge(
  times: number[],
  minChars = WEDGE_MIN_CHARS,
  meanGapMs = WEDGE_MEAN_GAP_MS,
  maxGapMs = WEDGE_MAX_GAP_MS,
): boolean {
  if (times.length - 1 < minChars) return false;
  for (let i = 1; i < times.length; i++) if (times[i] - times[i - 1] > maxGapMs) return false;
  return (times[times.length - 1] - times[0]) / (times.length - 1) <= meanGapMs;
}

/** A GS1 code of 12 to 14 digits with a right check digit (UPC-A, EAN-13, ITF-14): a scan whatever
 *  its timing, since no till takes a cash amount of a trillion. */
export function isGs1Code(text: string): boolean {
  if (!/^\d{12,14}$/.test(text)) return false;
  const digits = [...text].map(Number);
  const check = digits.pop()!;
  const sum = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}
