// The till's draft: what was scanned, as the library's sale draft wants it. Prices, VAT, totals,
// stock checks and change all come back from the library (quote_sale / post_sale).

/** One scanned line: a code (barcode or SKU) and how many of the unit the code stands for. */
export interface DraftLine {
  code: string;
  qty: number;
  /** A price override per unit (F3): the library asks for the permission, or an owner's approval. */
  price?: string;
}

/** Read what the scanner (or the cashier) typed: `6290001000015`, or `3*6290001000015` for three. */
export function parseScan(text: string): DraftLine | null {
  const s = text.trim();
  if (!s) return null;
  const m = /^(\d{1,4})\s*[*xX×]\s*(\S+)$/.exec(s);
  if (m) {
    const qty = Number(m[1]);
    return qty > 0 ? { code: m[2], qty } : null;
  }
  return /\s/.test(s) ? null : { code: s, qty: 1 };
}

/** The same code scanned again adds to its line; a new code starts a line at the end. */
export function addScan(lines: DraftLine[], scan: DraftLine): DraftLine[] {
  const i = lines.findIndex((l) => l.code === scan.code);
  if (i < 0) return [...lines, scan];
  return lines.map((l, j) => (j === i ? { ...l, qty: l.qty + scan.qty } : l));
}

/** The sale draft for `quote_sale` / `post_sale`: `payments` as the dialog collected them, or a
 *  cash amount tendered (empty means exact cash). Each line passes its code as scanned: the
 *  library tells a barcode from a SKU. */
export function saleDraft(lines: DraftLine[], payments?: string | { method: string; amount: string }[]) {
  const draft: { lines: object[]; payments?: object[] } = {
    lines: lines.map((l) => (l.price ? { code: l.code, qty: l.qty, price: l.price } : { code: l.code, qty: l.qty })),
  };
  if (Array.isArray(payments)) {
    if (payments.length) draft.payments = payments.map((p) => ({ method: p.method, amount: p.amount }));
  } else {
    const amount = payments?.trim();
    if (amount) draft.payments = [{ method: 'cash', amount }];
  }
  return draft;
}

/** A document as the library returns it (README: "Document JSON"). Money is always a string. */
export interface Doc {
  doc_no: string;
  kind: string;
  status: string;
  buyer?: string;
  refers_to?: string;
  restock?: boolean;
  currency: string;
  net: string;
  vat: string;
  gross: string;
  change?: string;
  /** A sale's payments as recorded (change comes out of the first cash payment). */
  payments?: { method: string; amount: string; change: string }[];
  lines: {
    line: number;
    sku: string;
    name: string;
    unit: string;
    qty: string;
    qty_base: number;
    unit_price?: string;
    vat_rate_pct: string;
    gross: string;
  }[];
}

/** A refusal as the shell maps it: a stable code, the message in the user's language, the field. */
export interface UiError {
  code: string;
  message: string;
  field?: string | null;
  /** For `permission-denied`: the act refused (`override-price`), which an owner may approve. */
  action?: string | null;
}

/** The last line at a new unit price (F3); an empty or non-positive price is no override. */
export function withPrice(lines: DraftLine[], price: string): DraftLine[] | null {
  const p = price.trim().replace(',', '.');
  if (!lines.length || !/^\d+(\.\d+)?$/.test(p) || Number(p) <= 0) return null;
  return lines.map((l, i) => (i === lines.length - 1 ? { ...l, price: p } : l));
}

export function asUiError(e: unknown): UiError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) return e as UiError;
  return { code: 'internal', message: String(e) };
}
