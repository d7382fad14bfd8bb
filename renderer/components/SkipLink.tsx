import type { MouseEvent } from 'react';
import { useT } from '../i18n/index';

/** First focusable element: jumps to <main id="main"> without touching the URL fragment. */
export function SkipLink() {
  const t = useT();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    const main = document.getElementById('main');
    if (main) {
      if (!main.hasAttribute('tabindex')) main.setAttribute('tabindex', '-1');
      main.focus();
    }
  };
  return (
    <a href="#main" className="skip-link" data-testid="skip-link" onClick={onClick}>
      {t('shell.skip')}
    </a>
  );
}
