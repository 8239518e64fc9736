// The month view's chart: daily sales by channel as bars, scaled to a round top value.

export interface Bar {
  day: number;
  x: number;
  retail: number;
  wholesale: number;
  /** Bar heights in chart units (0..height). */
  retailH: number;
  wholesaleH: number;
}

/** The smallest 1, 2 or 5 × 10^n at or above `v` (at least 1): the chart's top. */
export function roundTop(v: number): number {
  if (!(v > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/** Bars for the days of a month, `width` × `height` chart units, two bars per day side by side. */
export function bars(days: { date: string; retail: string; wholesale: string }[], width: number, height: number) {
  const values = days.map((d) => [Number(d.retail), Number(d.wholesale)]);
  const top = roundTop(Math.max(0, ...values.flat()));
  const slot = days.length > 0 ? width / days.length : width;
  const out: Bar[] = days.map((d, i) => ({
    day: Number(d.date.slice(8, 10)),
    x: i * slot,
    retail: values[i][0],
    wholesale: values[i][1],
    retailH: (values[i][0] / top) * height,
    wholesaleH: (values[i][1] / top) * height,
  }));
  return { top, slot, bars: out };
}

/** `YYYY-MM` of the month before the one `today` (a `YYYY-MM-DD`) falls in: the month to close. */
export function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
