/** Frame for the screens shown while no workspace is open (welcome, create, open, unlock). */
import { type ReactNode } from 'react';
import { useT } from '../i18n/index';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SkipLink } from '../components/SkipLink';

export function ClosedLayout({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <div className="closed-layout">
      <SkipLink />
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark">{t('app.brand')}</span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <div className="header-tools">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="closed-main">
        {children}
      </main>
    </div>
  );
}
