// The wholesale counter's draft and where a refusal points. Prices, VAT, credit and stock checks
// all come back from the library (quote_document / post_document).
import type { UiError } from './till';

/** One line of the invoice being built: a code (barcode or SKU), a quantity as typed, a unit. */
export interface CounterLine {
  code: string;
  qty: string;
  unit: string;
}

/** The invoice draft for the buyer: codes as scanned (the library tells a barcode from a SKU),
 *  quantities as text (read exactly). */
export function invoiceDraft(buyer: string, lines: CounterLine[]) {
  return {
    kind: 'invoice',
    buyer,
    lines: lines.map((l) => ({ code: l.code, qty: l.qty.trim(), unit: l.unit })),
  };
}

/** The part of the screen a refusal is about. `line`: which draft line (0-based), when one is named. */
export interface Fault {
  target: 'buyer' | 'code' | 'qty' | 'unit' | 'document' | null;
  line: number | null;
}

/** Where to point for a refusal: the field the library named (`lines[2].qty`, `buyer`), or, for a
 *  refusal that names none, the part it is about (credit: the buyer; stock: the quantity). */
export function faultOf(e: UiError): Fault {
  const field = e.field ?? '';
  const m = /^lines\[(\d+)\](?:\.(\w+))?/.exec(field);
  if (m) {
    const part = m[2];
    const target = part === 'qty' ? 'qty' : part === 'unit' ? 'unit' : 'code';
    return { target, line: Number(m[1]) };
  }
  if (field === 'buyer' || e.code === 'unknown-customer') return { target: 'buyer', line: null };
  if (['ticket', 'invoice', 'document'].includes(field)) return { target: 'document', line: null };
  if (field === 'code' || e.code === 'unknown-product' || e.code === 'unknown-barcode') {
    return { target: 'code', line: null };
  }
  if (e.code === 'credit-limit-exceeded' || e.code === 'buyer-overdue') return { target: 'buyer', line: null };
  if (e.code === 'insufficient-stock' || e.code === 'reserved-for-wholesale') return { target: 'qty', line: null };
  if (e.code === 'no-price' || e.code === 'unknown-unit') return { target: 'unit', line: null };
  return { target: null, line: null };
}
