// The header's sync badge: the library's sync status (Book::sync_status) in a few words.

/** What `sync_status` returns (src/sync/mod.rs, SyncStatus). */
export interface SyncStatus {
  registered: boolean;
  server: string | null;
  pending: number;
  last_sync_at: string | null;
  last_error: string | null;
  open_conflicts: number;
  tenant?: string | null;
  device_id?: string;
}

export interface Badge {
  /** The Fluent message id. */
  id: 'sync-not-connected' | 'sync-conflicts' | 'sync-offline' | 'sync-pending' | 'sync-synced';
  args: Record<string, string | number>;
  tone: 'muted' | 'ok' | 'busy' | 'bad';
}

/** The one thing worth saying, most urgent first: not set up, conflicts, the last error, what waits. */
export function syncBadge(s: SyncStatus): Badge {
  if (!s.registered) return { id: 'sync-not-connected', args: {}, tone: 'muted' };
  if (s.open_conflicts > 0) return { id: 'sync-conflicts', args: { count: s.open_conflicts }, tone: 'bad' };
  // The library clears the error when a sync succeeds: one still there is the current state.
  if (s.last_error) return { id: 'sync-offline', args: { error: s.last_error, count: s.pending }, tone: 'bad' };
  if (s.pending > 0) return { id: 'sync-pending', args: { count: s.pending }, tone: 'busy' };
  return { id: 'sync-synced', args: {}, tone: 'ok' };
}

// The sync screen (SyncScreen.svelte): settings, status and the conflicts merging found.

/** What registering returned (src/sync/cloud.rs, Registration). */
export interface Registration {
  tenant: string;
  tenant_id: string;
  device_id: string;
  series_prefix: string;
  server: string;
  backfilled: number;
}

/** One sale among those that took a product below zero (src/sync/mod.rs, ConflictSale). */
export interface ConflictSale {
  doc_no: string;
  device_id: string;
  /** The till's series prefix, when known. */
  till: string | null;
  occurred_at: string;
  qty_base: number;
}

/** A conflict merging found (src/sync/mod.rs, Conflict). */
export interface Conflict {
  id: number;
  kind: 'oversold' | 'received_twice' | 'catalog' | string;
  sku: string | null;
  name: string | null;
  doc_no: string | null;
  device_id: string;
  balance_after: number | null;
  balance_now: number | null;
  open: boolean;
  detail: string | null;
  detected_at: string;
  sales: ConflictSale[];
}

/** The connection line of the status: not registered, offline (the last sync failed), online. */
export function connectionState(s: SyncStatus): 'sync-state-unregistered' | 'sync-state-offline' | 'sync-state-online' {
  if (!s.registered) return 'sync-state-unregistered';
  return s.last_error ? 'sync-state-offline' : 'sync-state-online';
}

/** A conflict's heading: its message id and arguments. */
export function conflictTitle(c: Conflict): { id: string; args: Record<string, string | number> } {
  if (c.kind === 'oversold') {
    return { id: 'sync-conflict-oversold', args: { sku: c.sku ?? '', name: c.name ?? '', balance: c.balance_now ?? 0 } };
  }
  if (c.kind === 'received_twice') return { id: 'sync-conflict-received-twice', args: { doc_no: c.doc_no ?? '' } };
  return { id: 'sync-conflict-other', args: { detail: c.detail ?? c.kind } };
}

/** What the screen lists: oversold products still below zero (a count or a receipt that brings
 * the balance back takes them off, on every till once merged) and the other kinds, which have
 * nothing to resolve; open ones first, newest first. */
export function shownConflicts(list: Conflict[]): Conflict[] {
  return list
    .filter((c) => c.kind !== 'oversold' || c.open)
    .sort((a, b) => Number(b.open) - Number(a.open) || b.id - a.id);
}

/** A till as the owner tells them apart: its series prefix (else its device id), "*" marking this one. */
export function tillLabel(sale: ConflictSale, own: string | undefined): string {
  const name = sale.till ?? sale.device_id;
  return sale.device_id === own ? `${name} *` : name;
}
