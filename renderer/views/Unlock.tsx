/** Shown while the workspace is locked: name, path, why it locked, passphrase → unlock; or close. */
import { useRef, useState, type FormEvent } from 'react';
import type { ErrorInfo } from '../../main/domain/errors';
import type { WorkspaceStatus } from '../../main/domain/workspace';
import { useApi } from '../api/context';
import { useT, usePick } from '../i18n/index';
import { ROLE_KEYS } from '../i18n/codes';
import { PageHeading } from '../components/PageHeading';
import { Field } from '../components/Field';
import { Alert } from '../components/Alert';
import { useSessionStore } from '../store/session';

export function Unlock({ status }: { status: WorkspaceStatus }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const setStatus = useSessionStore((s) => s.setStatus);
  const [passphrase, setPassphrase] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const passRef = useRef<HTMLInputElement>(null);

  const passError = passphrase === '' ? t('passphrase.required') : undefined;
  const reason =
    status.lockReason === 'idle' ? t('unlock.reasonIdle') : status.lockReason === 'manual' ? t('unlock.reasonManual') : t('unlock.reasonUnknown');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setSubmitted(true);
    if (passError) return passRef.current?.focus();
    setBusy(true);
    setError(null);
    const r = await client.invoke('workspace.unlock', { passphrase });
    setBusy(false);
    if (r.ok) setStatus(r.value);
    else {
      setError(r.error);
      setPassphrase('');
      setSubmitted(false);
      passRef.current?.focus();
    }
  };

  const close = async () => {
    setBusy(true);
    const r = await client.invoke('workspace.close', {});
    setBusy(false);
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  };

  return (
    <div className="form-page unlock-page" data-testid="unlock-page">
      <PageHeading>{t('unlock.heading')}</PageHeading>
      <p className="lead" data-testid="unlock-reason" data-reason={status.lockReason ?? ''}>
        {reason}
      </p>
      <form className="card form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="unlock-form">
        <dl className="facts">
          <div>
            <dt>{t('unlock.name')}</dt>
            <dd data-testid="unlock-name">
              {status.name ?? t('common.none')}
              {status.role ? <span className={`badge badge-${status.role}`}>{t(ROLE_KEYS[status.role])}</span> : null}
            </dd>
          </div>
          <div>
            <dt>{t('unlock.path')}</dt>
            <dd className="mono" data-testid="unlock-path">
              {status.path ?? t('common.none')}
            </dd>
          </div>
        </dl>
        <Field id="unlock-passphrase" label={t('unlock.passphrase')} required errors={submitted && passError ? [passError] : []}>
          {(p) => (
            <input {...p} ref={passRef} type="password" value={passphrase} autoComplete="current-password" onChange={(e) => setPassphrase(e.target.value)} />
          )}
        </Field>
        {error ? <Alert testId="unlock-error">{pick(error)}</Alert> : null}
        <div className="actions">
          <button type="submit" className="btn btn-primary" data-testid="unlock-submit" disabled={busy} aria-busy={busy}>
            {busy ? t('unlock.submitting') : t('unlock.submit')}
          </button>
          <button type="button" className="btn btn-secondary" data-testid="unlock-close" disabled={busy} onClick={() => void close()}>
            {t('unlock.close')}
          </button>
        </div>
      </form>
    </div>
  );
}
