import { describe, expect, it } from 'vitest';
import { syncBadge, type SyncStatus } from './sync';
import { t } from './i18n';

const base: SyncStatus = {
  registered: true, server: 'postgres://ledger', pending: 0, last_sync_at: '2026-11-22T09:00:00Z', last_error: null,
  open_conflicts: 0,
};

describe('the sync badge', () => {
  it('says the most urgent thing first', () => {
    expect(syncBadge({ ...base, registered: false, server: null, pending: 12 }).id).toBe('sync-not-connected');
    expect(syncBadge({ ...base, open_conflicts: 2, last_error: 'refused', pending: 3 })).toEqual({
      id: 'sync-conflicts', args: { count: 2 }, tone: 'bad',
    });
    expect(syncBadge({ ...base, last_error: 'connection refused', pending: 3 }).id).toBe('sync-offline');
    expect(syncBadge({ ...base, pending: 3 })).toEqual({ id: 'sync-pending', args: { count: 3 }, tone: 'busy' });
    expect(syncBadge(base).id).toBe('sync-synced');
  });

  it('reads in the user’s language', () => {
    const b = syncBadge({ ...base, pending: 3 });
    expect(t('en', b.id, b.args)).toBe('3 pending');
    expect(t('zh-CN', b.id, b.args)).toBe('3 条待同步');
    expect(t('en', 'sync-conflicts', { count: 1 })).toBe('1 conflict');
    expect(t('es', 'sync-conflicts', { count: 4 })).toBe('4 conflictos');
    expect(t('ar', 'sync-offline', { error: 'timeout' })).toBe('غير متصل: timeout');
  });
});
