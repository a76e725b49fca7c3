/**
 * vue-i18n in Composition mode: zh-CN by default, English as a switch. The choice is kept in
 * localStorage per browser/window, and `?lang=en` in the address overrides it (a wall TV).
 */
import { createI18n } from 'vue-i18n';
import en from './en';
import zh from './zh-CN';
import type { Locale } from '../format/format';

const KEY = 'luopan.locale';

export function initialLocale(search: string): Locale {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh-CN') return fromUrl;
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    /* storage may be unavailable (opaque origin): default */
  }
  return 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(typeof location === 'undefined' ? '' : location.search),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    /* not persisted: fine */
  }
}
