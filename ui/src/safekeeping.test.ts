import { describe, expect, it } from 'vitest';
import { backupBadge, type BackupStatus } from './backup';
import { auditFilter, values, verifyLine } from './audit';
import { withPrice } from './till';
import { messageIds, t } from './i18n';

const status = (s: Partial<BackupStatus>): BackupStatus => ({
  plan: null,
  last: null,
  age_hours: null,
  stale: true,
  folder_missing: false,
  ...s,
});
const last = { path: '/b/onebook-1.sqlite3', taken_at: '2026-11-23T05:00:00Z', bytes: 10, file_present: true };

describe('the backup badge', () => {
  it('says the folder is missing first, then no backup, then stale, else the age', () => {
    const plan = { folder: '/media/usb', every_hours: 4 };
    expect(backupBadge(status({ plan, last, age_hours: 1, stale: false, folder_missing: true })).id).toBe(
      'backup-folder-missing',
    );
    expect(backupBadge(status({})).id).toBe('backup-none');
    expect(backupBadge(status({ last, age_hours: 30, stale: true }))).toEqual({
      id: 'backup-stale',
      args: { hours: 30 },
      tone: 'busy',
    });
    expect(backupBadge(status({ last, age_hours: 2, stale: false })).tone).toBe('ok');
  });

  it('says "less than an hour" for a fresh backup, in words of each language', () => {
    expect(t('en', 'backup-ok', { hours: 0 })).toBe('Backed up less than an hour ago');
    expect(t('en', 'backup-ok', { hours: 3 })).toBe('Backed up 3 h ago');
    expect(t('zh-CN', 'backup-ok', { hours: 0 })).toBe('不到一小时前已备份');
  });
});

describe('the audit browser', () => {
  it('sends only the filters that are set', () => {
    expect(auditFilter({ action: 'approval', username: '', from: '2026-11-01', to: ' ' })).toEqual({
      action: 'approval',
      from: '2026-11-01',
    });
  });

  it('shows stored before/after JSON as words', () => {
    expect(values('{"sku":"RC-18","price":"99.5","list":null}')).toBe('sku: RC-18, price: 99.5, list: –');
    expect(values(null)).toBe('');
    expect(values('not json')).toBe('not json');
  });

  it('names the first broken entry', () => {
    expect(verifyLine({ ok: true, entries: 12 })).toEqual({ id: 'audit-verify-ok', args: { entries: 12 } });
    const broken = { seq: 7, id: 'x', reason: 'changed', expected_seq: 7 };
    expect(verifyLine({ ok: false, entries: 7, first_broken: broken }).args).toEqual({ seq: 7, reason: 'changed' });
  });

  it('has every act and role named in every locale', () => {
    for (const tag of ['en', 'zh-CN', 'zh-TW', 'es', 'pt', 'ar', 'th']) {
      const ids = messageIds(tag);
      for (const id of ['audit-act-approval', 'audit-act-price-override', 'role-owner', 'role-cashier', 'lock-title']) {
        expect(ids, `${tag} lacks ${id}`).toContain(id);
      }
    }
    expect(t('zh-CN', 'role-cashier')).toBe('收银员');
  });
});

describe('a price override at the till', () => {
  it('sets the last line’s unit price, and refuses a price that is not one', () => {
    const lines = [
      { code: 'A', qty: 1 },
      { code: 'B', qty: 2 },
    ];
    expect(withPrice(lines, '79,50')).toEqual([{ code: 'A', qty: 1 }, { code: 'B', qty: 2, price: '79.50' }]);
    expect(withPrice(lines, 'abc')).toBeNull();
    expect(withPrice(lines, '0')).toBeNull();
    expect(withPrice([], '5')).toBeNull();
  });
});
