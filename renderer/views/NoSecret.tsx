/** Shown when the browser host page was opened without its secret: both languages at once. */
import { translate } from '../i18n/index';
import { LANGS } from '../store/lang';

export function NoSecret() {
  return (
    <main id="main" className="plain-page" data-testid="no-secret">
      {LANGS.map((lang, i) => (
        <section key={lang} lang={lang} className="card no-secret">
          {i === 0 ? (
            <h1 className="page-heading">{translate(lang, 'nosecret.title')}</h1>
          ) : (
            <h2 className="page-heading">{translate(lang, 'nosecret.title')}</h2>
          )}
          <p>{translate(lang, 'nosecret.body')}</p>
          <p>{translate(lang, 'nosecret.hint')}</p>
        </section>
      ))}
    </main>
  );
}
