// The payment dialog's arithmetic for display: what is paid so far and what is still due, in exact
// minor units (never floating point). Whether a sale is paid, and the change, are the library's
// (post_sale refuses an underpayment with its message and returns the change).

export const METHODS = ['cash', 'card', 'ewallet'] as const;
export type Method = (typeof METHODS)[number];

/** One payment as the sale draft carries it (README: "Sale draft", `payments`). */
export interface PaymentLine {
  method: Method;
  amount: string;
}

/** The method after (`step` 1) or before (-1) `m`, wrapping (↑ / ↓ in the dialog). */
export function nextMethod(m: Method, step: 1 | -1): Method {
  const i = METHODS.indexOf(m);
  return METHODS[(i + step + METHODS.length) % METHODS.length];
}

/** An amount as typed (`1000`, `12,50` in Spanish): the plain decimal the library reads, or null. */
export function cleanAmount(text: string): string | null {
  const s = text.trim().replace(/\s/g, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(s) ? s : null;
}

/** Decimals of a money string from the library (`364.00` → 2). */
function scaleOf(money: string): number {
  const dot = money.indexOf('.');
  return dot < 0 ? 0 : money.length - dot - 1;
}

function toMinor(amount: string, scale: number): bigint | null {
  if (!/^\d+(\.\d+)?$/.test(amount)) return null;
  const [int, frac = ''] = amount.split('.');
  if (frac.length > scale) return null;
  return BigInt(int + frac.padEnd(scale, '0'));
}

function fromMinor(minor: bigint, scale: number): string {
  const neg = minor < 0n;
  const digits = (neg ? -minor : minor).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return neg ? `-${text}` : text;
}

/** Paid so far and still due against `total`, as money strings with the total's decimals; null
 *  when an amount has more decimals than the currency (the library will say so on commit). */
export function balance(total: string, payments: PaymentLine[]): { paid: string; due: string } | null {
  const scale = scaleOf(total);
  const t = toMinor(total, scale);
  if (t === null) return null;
  let paid = 0n;
  for (const p of payments) {
    const m = toMinor(p.amount, scale);
    if (m === null) return null;
    paid += m;
  }
  const due = t - paid;
  return { paid: fromMinor(paid, scale), due: fromMinor(due > 0n ? due : 0n, scale) };
}

/** The payment Enter adds: the amount typed (as the library reads it; anything else goes as typed,
 *  for the library to refuse with its message), else what is still due (an empty field pays it exactly). */
export function paymentFor(method: Method, typed: string, due: string | null): PaymentLine | null {
  const text = typed.trim();
  if (text) return { method, amount: cleanAmount(text) ?? text };
  return due && /[1-9]/.test(due) ? { method, amount: due } : null;
}
