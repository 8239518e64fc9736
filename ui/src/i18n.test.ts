import { describe, expect, it } from 'vitest';
import { LOCALES, formatNumber, isRtl, messageIds, nearest, t } from './i18n';

describe('the UI speaks the library’s Fluent files', () => {
  it('has every English till message in every locale', () => {
    const prefixes = ['till-', 'app-', 'counter-', 'returns-', 'sync-', 'stock-'];
    const en = messageIds('en').filter((id) => prefixes.some((p) => id.startsWith(p)));
    expect(en.length).toBeGreaterThan(40);
    for (const { tag } of LOCALES) {
      const ids = messageIds(tag);
      expect(en.filter((id) => !ids.includes(id)), tag).toEqual([]);
    }
  });

  it('fills in arguments and mirrors only Arabic', () => {
    expect(t('en', 'till-sold', { doc_no: 'S-A-000001', gross: '91.00', currency: 'AED' })).toBe(
      'Sale S-A-000001 recorded: total 91.00 AED',
    );
    expect(t('ar', 'till-total')).toBe('الإجمالي');
    expect(isRtl('ar')).toBe(true);
    expect(LOCALES.filter((l) => isRtl(l.tag)).map((l) => l.tag)).toEqual(['ar']);
  });

  it('picks the nearest locale', () => {
    expect(nearest('zh-HK')).toBe('zh-TW');
    expect(nearest('zh_CN')).toBe('zh-CN');
    expect(nearest('pt-BR')).toBe('pt');
    expect(nearest('de-DE')).toBe('en');
    expect(nearest(null)).toBe('en');
  });
});

describe('numbers for people', () => {
  it('groups and separates as the library does on paper, keeping every decimal', () => {
    expect(formatNumber('en', '1234567.50')).toBe('1,234,567.50');
    expect(formatNumber('es', '-1234.5')).toBe('-1.234,5');
    expect(formatNumber('pt', '1000')).toBe('1.000');
    expect(formatNumber('th', '999')).toBe('999');
    expect(formatNumber('ar', 79466.02)).toBe('79,466.02');
  });
});
