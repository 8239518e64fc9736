// The owner's audit browser: the filter as the library takes it (AuditFilter), and the stored
// before/after JSON and the chain check in words.

/** The acts the library records (src/audit.rs, acts), in the filter's order. */
export const ACTS = [
  'price-override',
  'negative-stock-override',
  'approval',
  'void',
  'credit-override',
  'refund-without-receipt',
  'drawer-opened',
  'user-add',
  'user-change',
  'sign-in-locked',
  'lock-setting',
  'period-close',
  'backup-restore',
  'sync-rebase',
] as const;

export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  username: string;
  role: string;
  device_id: string;
  action: string;
  subject: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  first_broken?: { seq: number; id: string; reason: string; expected_seq: number };
}

export interface FilterForm {
  action: string;
  username: string;
  from: string;
  to: string;
}

/** Only what is set: empty fields filter nothing. */
export function auditFilter(f: FilterForm): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['action', 'username', 'from', 'to'] as const) {
    const v = f[k].trim();
    if (v) out[k] = v;
  }
  return out;
}

/** Stored JSON (`{"price":"99"}`) as `price: 99`; other text as it is. */
export function values(json: string | null): string {
  if (!json) return '';
  try {
    const v = JSON.parse(json);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.entries(v)
        .map(([k, x]) => `${k}: ${x === null ? '–' : typeof x === 'object' ? JSON.stringify(x) : String(x)}`)
        .join(', ');
    }
    return String(v);
  } catch {
    return json;
  }
}

/** The chain check as a message id and its arguments. */
export function verifyLine(r: VerifyReport): { id: string; args: Record<string, string | number> } {
  if (r.ok) return { id: 'audit-verify-ok', args: { entries: r.entries } };
  const b = r.first_broken;
  return { id: 'audit-verify-broken', args: { seq: b?.seq ?? 0, reason: b?.reason ?? '' } };
}
