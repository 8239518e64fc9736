import { describe, expect, it } from 'vitest';
import { conflictTitle, connectionState, shownConflicts, syncBadge, tillLabel, type Conflict, type SyncStatus } from './sync';
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

const oversold: Conflict = {
  id: 3, kind: 'oversold', sku: 'RICE', name: 'Rice 5 kg', doc_no: 'S-B-000004', device_id: 'b1b2-77', balance_after: -1,
  balance_now: -1, open: true, detail: null, detected_at: '2026-11-22T09:00:00Z',
  sales: [
    { doc_no: 'S-A-000007', device_id: 'a1a2-11', till: 'A', occurred_at: '2026-11-22T08:58:00Z', qty_base: 1 },
    { doc_no: 'S-B-000004', device_id: 'b1b2-77', till: null, occurred_at: '2026-11-22T08:59:00Z', qty_base: 1 },
  ],
};

describe('the sync screen', () => {
  it('tells online, offline and not registered apart', () => {
    expect(connectionState({ ...base, registered: false })).toBe('sync-state-unregistered');
    expect(connectionState({ ...base, last_error: 'connection refused' })).toBe('sync-state-offline');
    expect(connectionState(base)).toBe('sync-state-online');
  });

  it('names an oversold product with its balance, in the user’s language', () => {
    const title = conflictTitle(oversold);
    expect(t('en', title.id, title.args)).toBe('RICE Rice 5 kg: sold below zero, balance now -1');
    expect(t('th', title.id, title.args)).toContain('RICE');
    const twice = conflictTitle({ ...oversold, kind: 'received_twice', doc_no: 'WR-A-000002' });
    expect(t('es', twice.id, twice.args)).toBe('Devolución WR-A-000002 recibida en dos cajas');
  });

  it('lists what is still open, first, and marks this till', () => {
    const resolved = { ...oversold, id: 9, open: false };
    const twice = { ...oversold, id: 12, kind: 'received_twice', open: false, sales: [] };
    const newer = { ...oversold, id: 5 };
    expect(shownConflicts([resolved, oversold, twice, newer]).map((c) => c.id)).toEqual([5, 3, 12]);
    expect(tillLabel(oversold.sales[0], 'a1a2-11')).toBe('A *');
    expect(tillLabel(oversold.sales[1], 'a1a2-11')).toBe('b1b2-77');
  });
});
