// The UI's words: the same Fluent files as the library and the CLI (../locales), one bundle per
// locale, English as the fallback for a missing id.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';

/** The seven locales, in the picker's order, each named in its own language. */
export const LOCALES = [
  { tag: 'en', name: 'English' },
  { tag: 'zh-CN', name: '简体中文' },
  { tag: 'zh-TW', name: '繁體中文' },
  { tag: 'es', name: 'Español' },
  { tag: 'pt', name: 'Português' },
  { tag: 'ar', name: 'العربية' },
  { tag: 'th', name: 'ไทย' },
] as const;

export type LocaleTag = (typeof LOCALES)[number]['tag'];

const sources = import.meta.glob('../../locales/*/onebook.ftl', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

function sourceOf(tag: string): string {
  const key = Object.keys(sources).find((k) => k.endsWith(`/${tag}/onebook.ftl`));
  if (!key) throw new Error(`no Fluent file for ${tag}`);
  return sources[key];
}

const bundles = new Map<string, FluentBundle>();

function bundle(tag: string): FluentBundle {
  let b = bundles.get(tag);
  if (!b) {
    // No isolation marks, like the library: the text is short and the page sets dir itself.
    b = new FluentBundle(tag, { useIsolating: false });
    const errors = b.addResource(new FluentResource(sourceOf(tag)));
    if (errors.length) throw new Error(`locales/${tag}: ${errors.join('; ')}`);
    bundles.set(tag, b);
  }
  return b;
}

/** The message `id` in `tag`, English when that locale lacks it, the id itself when none has it. */
export function t(tag: string, id: string, args?: Record<string, FluentVariable>): string {
  for (const b of [bundle(tag), bundle('en')]) {
    const message = b.getMessage(id);
    if (message?.value) return b.formatPattern(message.value, args);
  }
  return id;
}

/** Ids a locale's file defines (the test checks every locale has the English ones). */
export function messageIds(tag: string): string[] {
  return new FluentResource(sourceOf(tag)).body.flatMap((e) => ('id' in e && !e.id.startsWith('-') ? [e.id] : []));
}

export function isRtl(tag: string): boolean {
  return tag === 'ar';
}

/** The nearest supported locale for a tag such as the user's setting or `navigator.language`. */
export function nearest(tag: string | undefined | null): LocaleTag {
  const t = (tag ?? '').replace('_', '-').toLowerCase();
  if (t.startsWith('zh')) return /tw|hk|mo|hant/.test(t) ? 'zh-TW' : 'zh-CN';
  const found = LOCALES.find((l) => l.tag === t.split('-')[0]);
  return found ? found.tag : 'en';
}

/**
 * A plain decimal from the library (`1234567.50`) as people of `tag` read it, exactly as the
 * library's `i18n::format_number` writes it on paper: groups of three, `,` and `.` swapped for
 * Spanish and Portuguese, the decimals kept as they are (no rounding in the window).
 */
export function formatNumber(tag: string, plain: string | number): string {
  const text = String(plain);
  const [dec, group] = tag === 'es' || tag === 'pt' ? [',', '.'] : ['.', ','];
  const sign = text.startsWith('-') ? '-' : '';
  const digits = sign ? text.slice(1) : text;
  const [int, frac] = digits.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return frac === undefined ? sign + grouped : sign + grouped + dec + frac;
}
