import { useT, useLang } from '../i18n/index';
import { useLangStore } from '../store/lang';

/** One button that switches between Chinese and English; it names the other language in that language. */
export function LanguageSwitch() {
  const t = useT();
  const lang = useLang();
  const setLang = useLangStore((s) => s.setLang);
  const other = lang === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button type="button" className="btn btn-ghost lang-switch" data-testid="lang-switch" aria-label={t('lang.switchLabel')} onClick={() => setLang(other)}>
      <span lang={other}>{t('lang.switch')}</span>
    </button>
  );
}
