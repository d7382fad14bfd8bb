/** `t(key, params)` with `{name}` interpolation, and helpers to pick the language of backend messages. */
import { useCallback } from 'react';
import { zhCN, type MessageKey } from './zh-CN';
import { en } from './en';
import { useLangStore, type Lang } from '../store/lang';

export type { MessageKey, Lang };
export type Params = Record<string, string | number>;
export type TFunction = (key: MessageKey, params?: Params) => string;

export const catalogues: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = catalogues[lang][key] ?? zhCN[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Translate outside React (current language from the store). */
export function t(key: MessageKey, params?: Params): string {
  return translate(useLangStore.getState().lang, key, params);
}

export function useLang(): Lang {
  return useLangStore((s) => s.lang);
}

export function useT(): TFunction {
  const lang = useLang();
  return useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
}

/** Backend errors and domain issues carry both languages: show the one of the interface. */
export interface Bilingual {
  message_zh: string;
  message_en: string;
}
export function pickMessage(lang: Lang, m: Bilingual): string {
  return lang === 'en' ? m.message_en : m.message_zh;
}
export function usePick(): (m: Bilingual) => string {
  const lang = useLang();
  return useCallback((m: Bilingual) => pickMessage(lang, m), [lang]);
}

/** Local date-time for display. */
export function formatDateTime(lang: Lang, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}
export function formatTime(lang: Lang, d: Date): string {
  return d.toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}
