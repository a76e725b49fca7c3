/**
 * The two languages of every message Luopan writes (UI, reports, CSV, CLI): Simplified
 * Chinese by default, English as a switch. A message is written in one of them, never both.
 */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

export function isLang(v: unknown): v is Lang {
  return v === 'zh-CN' || v === 'en';
}

/** A message in both languages; `pick` chooses one. */
export interface Bilingual {
  'zh-CN': string;
  en: string;
}

export const pick = (m: Bilingual, lang: Lang): string => m[lang];

/** Fill `{name}` placeholders of a template. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => (Object.hasOwn(params, k) ? String(params[k]) : whole));
}
