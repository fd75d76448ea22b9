/**
 * UI language: Vietnamese first, English second. The app renders in the browser only
 * (ssr = false), so one module-level locale cannot leak between users.
 */
import { vi as core } from './messages/vi.ts';
import { en as coreEn } from './messages/en.ts';
// Each area of the app keeps its own texts (one file per area, so areas never edit one file).
import * as admin from './messages/rooms/admin.ts';
import * as procedure from './messages/rooms/procedure.ts';
import * as reception from './messages/rooms/reception.ts';
import * as command from './messages/rooms/command.ts';
import * as directives from './messages/rooms/directives.ts';
import * as reports from './messages/rooms/reports.ts';
import * as lookup from './messages/rooms/lookup.ts';

const vi = { ...core, ...admin.vi, ...procedure.vi, ...reception.vi, ...command.vi, ...directives.vi, ...reports.vi, ...lookup.vi };
const en: Record<keyof typeof vi, string> = { ...coreEn, ...admin.en, ...procedure.en, ...reception.en, ...command.en, ...directives.en, ...reports.en, ...lookup.en };

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
