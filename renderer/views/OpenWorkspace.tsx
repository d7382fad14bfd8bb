/** Open a workspace: path (or a click in the recent list) and passphrase → workspace.unlock. */
import { useRef, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../main/domain/errors';
import { useApi } from '../api/context';
import { useT, usePick } from '../i18n/index';
import { PageHeading } from '../components/PageHeading';
import { Field } from '../components/Field';
import { Alert } from '../components/Alert';
import { RecentList } from '../components/RecentList';
import { useSessionStore } from '../store/session';
import { useViewStore } from '../store/view';

export function OpenWorkspace() {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const setStatus = useSessionStore((s) => s.setStatus);
  const initialPath = useViewStore((s) => s.openPath);
  const showClosed = useViewStore((s) => s.showClosed);
  const [path, setPath] = useState(initialPath);
  const [passphrase, setPassphrase] = useState('');
  const [touched, setTouched] = useState({ path: false, passphrase: false });
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const passRef = useRef<HTMLInputElement>(null);

  const pathError = path.trim() === '' ? t('open.pathRequired') : undefined;
  const passError = passphrase === '' ? t('passphrase.required') : undefined;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setSubmitted(true);
    if (pathError) return document.getElementById('open-path')?.focus();
    if (passError) return passRef.current?.focus();
    setBusy(true);
    setError(null);
    const r = await client.invoke('workspace.unlock', { path: path.trim(), passphrase });
    setBusy(false);
    if (r.ok) {
      setStatus(r.value, { openArea: 'home' });
    } else {
      setError(r.error);
      if (r.error.code === 'WRONG_PASSPHRASE') {
        setPassphrase('');
        passRef.current?.focus();
      }
    }
  };

  return (
    <div className="form-page" data-testid="open-page">
      <PageHeading>{t('open.heading')}</PageHeading>
      <form className="card form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="open-form">
        <Field id="open-path" label={t('open.path')} required hint={t('open.pathHint')} errors={(submitted || touched.path) && pathError ? [pathError] : []}>
          {(p) => (
            <input
              {...p}
              type="text"
              className="mono"
              value={path}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => setPath(e.target.value)}
              onBlur={() => setTouched((s) => ({ ...s, path: true }))}
            />
          )}
        </Field>
        <Field id="open-passphrase" label={t('open.passphrase')} required errors={submitted && passError ? [passError] : []}>
          {(p) => (
            <input
              {...p}
              ref={passRef}
              type="password"
              value={passphrase}
              autoComplete="current-password"
              onChange={(e) => setPassphrase(e.target.value)}
              onBlur={() => setTouched((s) => ({ ...s, passphrase: true }))}
            />
          )}
        </Field>
        {error ? <Alert testId="open-error">{pick(error)}</Alert> : null}
        <div className="actions">
          <button type="submit" className="btn btn-primary" data-testid="open-submit" disabled={busy} aria-busy={busy}>
            {busy ? t('open.submitting') : t('open.submit')}
          </button>
          <button type="button" className="btn btn-secondary" data-testid="open-cancel" onClick={() => showClosed('welcome')}>
            {t('common.back')}
          </button>
        </div>
      </form>
      <section className="card" aria-labelledby="open-recent-heading">
        <h2 id="open-recent-heading">{t('welcome.recent')}</h2>
        <RecentList
          mode="use"
          onPick={(p) => {
            setPath(p);
            setError(null);
            passRef.current?.focus();
          }}
        />
      </section>
    </div>
  );
}
