/**
 * UI language: Vietnamese first, English second. The app renders in the browser only
 * (ssr = false), so one module-level locale cannot leak between users.
 */
import { vi } from './messages/vi.ts';
import { en } from './messages/en.ts';

export type Locale = 'vi' | 'en';
export type MessageKey = keyof typeof vi;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = 'dt.locale';

class I18n {
  #locale: Locale = $state('vi');

  constructor() {
    if (typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) === 'en') this.#locale = 'en';
  }

  get locale(): Locale {
    return this.#locale;
  }

  set locale(value: Locale) {
    this.#locale = value;
    localStorage.setItem(STORAGE_KEY, value);
    document.documentElement.lang = value;
  }

  t = (key: MessageKey, params: Record<string, string | number> = {}): string => {
    const text = dictionaries[this.#locale][key] ?? key;
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
  };

  /** Pick the right half of a { vi, en } label from shared/. */
  label = (value: { vi: string; en: string }): string => value[this.#locale];
}

export const i18n = new I18n();
export const t = i18n.t;
