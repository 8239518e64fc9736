// The stockroom screens' logic: the product form's rows and which field an error points at, the
// goods receipt and stock count drafts, a count's differences and an import's progress. Pure
// functions, unit-tested; the library checks and records everything.

export interface FormUnit { unit: string; factor: string }
export interface FormBarcode { unit: string; code: string }
export interface FormPrice { unit: string; retail: string; wholesale: string }

/** A product as the edit screen holds it (the library's `ProductForm`). */
export interface ProductForm {
  sku: string;
  name: string;
  base_unit: string;
  vat_rate: string;
  reserve: string;
  allow_negative: boolean;
  category: string;
  units: FormUnit[];
  barcodes: FormBarcode[];
  prices: FormPrice[];
  new: boolean;
}

export function emptyForm(): ProductForm {
  return {
    sku: '', name: '', base_unit: 'piece', vat_rate: '', reserve: '', allow_negative: false, category: '',
    units: [], barcodes: [], prices: [{ unit: 'piece', retail: '', wholesale: '' }], new: true,
  };
}

/** The units a form's price rows and barcodes may name: the base unit, then the packaging units typed. */
export function formUnits(form: ProductForm): string[] {
  const out = [form.base_unit.trim() || 'piece'];
  for (const u of form.units) {
    const name = u.unit.trim();
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** One price row per unit, keeping the prices typed so far (a new unit gets an empty row). */
export function syncPriceRows(form: ProductForm): FormPrice[] {
  return formUnits(form).map((unit) => form.prices.find((p) => p.unit === unit) ?? { unit, retail: '', wholesale: '' });
}

/** Does the library's error field (`barcodes[1].code`, `barcodes`, `vat_rate`) point at this input? */
export function fieldAtFault(errorField: string | null | undefined, input: string): boolean {
  if (!errorField) return false;
  if (errorField === input) return true;
  // A section-wide error (`barcodes`) marks every input of the section.
  const section = input.split('[')[0];
  return errorField === section;
}

/** A scanned or typed line of a receipt or a count. */
export interface StockLine {
  code: string;
  sku: string;
  name: string;
  qty: string;
  unit: string;
  units: string[];
  /** Receipts: the cost per unit entered. */
  unit_cost?: string;
}

export function receiptDraft(supplier: string, lines: StockLine[]) {
  const s = supplier.trim();
  return {
    kind: 'receipt',
    ...(s ? { supplier: s } : {}),
    lines: lines.map((l) => ({ code: l.code, qty: l.qty.trim(), unit: l.unit, unit_cost: (l.unit_cost ?? '').trim() })),
  };
}

export function countDraft(lines: StockLine[]) {
  return { kind: 'count', lines: lines.map((l) => ({ code: l.code, qty: l.qty.trim(), unit: l.unit })) };
}

/** Per product of a quoted count: what was counted (lines of one product add up, 5 cartons and 3
 *  pieces) against what the books say is on hand. */
export interface CountDiff { sku: string; counted: number; on_hand: number; difference: number }

export function countDiffs(quoted: { sku: string; counted_base?: number | null }[], onHand: Record<string, number>): CountDiff[] {
  const order: string[] = [];
  const counted = new Map<string, number>();
  for (const l of quoted) {
    if (!counted.has(l.sku)) order.push(l.sku);
    counted.set(l.sku, (counted.get(l.sku) ?? 0) + (l.counted_base ?? 0));
  }
  return order.map((sku) => {
    const c = counted.get(sku) ?? 0;
    const h = onHand[sku] ?? 0;
    return { sku, counted: c, on_hand: h, difference: c - h };
  });
}

/** A difference as shown: `+3`, `-12`, `0`. */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** Where an import is, 0 to 100: checking is the first half, writing the second. */
export function importPercent(p: { phase: 'checking' | 'writing'; done: number; total: number }): number {
  const part = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  return Math.round((p.phase === 'checking' ? part * 50 : 50 + part * 50));
}
