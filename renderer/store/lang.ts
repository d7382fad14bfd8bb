/** Interface language: Chinese by default, remembered in localStorage ('ds.lang'). */
import { create } from 'zustand';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_KEY = 'ds.lang';
export const DEFAULT_LANG: Lang = 'zh-CN';

function readStoredLang(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(LANG_KEY);
    return v === 'en' || v === 'zh-CN' ? v : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

function applyToDocument(lang: Lang) {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

interface LangState {
  lang: Lang;
  setLang(lang: Lang): void;
}

export const useLangStore = create<LangState>((set) => {
  const initial = readStoredLang();
  applyToDocument(initial);
  return {
    lang: initial,
    setLang(lang) {
      try {
        globalThis.localStorage?.setItem(LANG_KEY, lang);
      } catch {
        /* not persisted; still switch */
      }
      applyToDocument(lang);
      set({ lang });
    },
  };
});
