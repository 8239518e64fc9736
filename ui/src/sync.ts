// The header's sync badge: the library's sync status (Book::sync_status) in a few words.

/** What `sync_status` returns (src/sync/mod.rs, SyncStatus). */
export interface SyncStatus {
  registered: boolean;
  server: string | null;
  pending: number;
  last_sync_at: string | null;
  last_error: string | null;
  open_conflicts: number;
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
