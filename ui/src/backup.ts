// The header's backup badge: the library's backup status (Book::backup_status) in a few words.

/** What `backup_status` returns (src/backup.rs, BackupStatus). */
export interface BackupStatus {
  plan: { folder: string; every_hours: number } | null;
  last: { path: string; taken_at: string; bytes: number; file_present: boolean } | null;
  age_hours: number | null;
  stale: boolean;
  folder_missing: boolean;
}

export interface BackupBadge {
  id: 'backup-folder-missing' | 'backup-none' | 'backup-stale' | 'backup-ok';
  args: Record<string, string | number>;
  tone: 'ok' | 'busy' | 'bad';
}

/** The most urgent thing first: the folder gone, no backup at all, an old one, else its age. */
export function backupBadge(s: BackupStatus): BackupBadge {
  if (s.folder_missing) return { id: 'backup-folder-missing', args: { folder: s.plan?.folder ?? '' }, tone: 'bad' };
  if (!s.last || s.age_hours === null) return { id: 'backup-none', args: {}, tone: 'bad' };
  if (s.stale) return { id: 'backup-stale', args: { hours: s.age_hours }, tone: 'busy' };
  return { id: 'backup-ok', args: { hours: s.age_hours }, tone: 'ok' };
}
