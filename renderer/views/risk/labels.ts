/** Display labels of the assessment's stored values (kept in Chinese): the Chinese value itself, or its English name. */
import { useCallback } from 'react';
import { useLang } from '../../i18n/index';
import { RISK_VALUE_EN } from '../../i18n/areas/risk';

export type ValueLabel = (value: string) => string;

export function useValueLabel(): ValueLabel {
  const lang = useLang();
  return useCallback((v: string) => (lang === 'en' ? (RISK_VALUE_EN[v] ?? v) : v), [lang]);
}

/** Today as yyyy-mm-dd in local time (deadlines are calendar days). */
export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
