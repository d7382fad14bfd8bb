/** Settings: change passphrase, operator name and idle lock, interface language, close the workspace. */
import { useState, type FormEvent } from 'react';
import { checkPassphrase, MAX_IDLE_LOCK_MINUTES, MIN_PASSPHRASE_LENGTH, type WorkspaceStatus } from '../../main/domain/workspace';
import type { ErrorInfo } from '../../main/domain/errors';
import { useApi } from '../api/context';
import { useLang, usePick, useT } from '../i18n/index';
import { PageHeading } from '../components/PageHeading';
import { Field } from '../components/Field';
import { Alert, Status } from '../components/Alert';
import { useSessionStore } from '../store/session';
import { LANGS, useLangStore } from '../store/lang';

const MIN_IDLE = 1;

function PassphraseForm() {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState({ next: false, confirm: false });
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [done, setDone] = useState(false);

  const problem = checkPassphrase(next);
  const errs = {
    current: current === '' ? t('passphrase.required') : undefined,
    next: problem ? pick(problem) : undefined,
    confirm: confirm !== next ? t('create.mismatch') : undefined,
  };
  const show = (k: keyof typeof errs) => (submitted || (k !== 'current' && touched[k as 'next' | 'confirm']) ? errs[k] : undefined);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setDone(false);
    const firstBad = (['current', 'next', 'confirm'] as const).find((k) => errs[k]);
    if (firstBad) {
      document.getElementById(`settings-${firstBad}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const r = await client.invoke('workspace.changePassphrase', { current, next });
    setBusy(false);
    if (r.ok) {
      setDone(true);
      setCurrent('');
      setNext('');
      setConfirm('');
      setSubmitted(false);
      setTouched({ next: false, confirm: false });
    } else setError(r.error);
  };

  return (
    <section className="card" aria-labelledby="settings-passphrase-heading">
      <h2 id="settings-passphrase-heading">{t('settings.passphrase')}</h2>
      <p className="notice notice-warning" id="settings-passphrase-intro">
        {t('settings.passphraseIntro')}
      </p>
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="settings-passphrase-form">
        <Field id="settings-current" label={t('settings.current')} required errors={show('current') ? [show('current')!] : []}>
          {(p) => <input {...p} type="password" value={current} autoComplete="current-password" onChange={(e) => setCurrent(e.target.value)} />}
        </Field>
        <Field
          id="settings-new"
          label={t('settings.new')}
          required
          hint={t('create.passphraseHint', { min: MIN_PASSPHRASE_LENGTH })}
          errors={show('next') ? [show('next')!] : []}
          describedBy={['settings-passphrase-intro']}
        >
          {(p) => (
            <input
              {...p}
              type="password"
              value={next}
              autoComplete="new-password"
              onChange={(e) => setNext(e.target.value)}
              onBlur={() => setTouched((s) => ({ ...s, next: true }))}
            />
          )}
        </Field>
        <Field id="settings-confirm" label={t('settings.confirm')} required errors={show('confirm') ? [show('confirm')!] : []}>
          {(p) => (
            <input
              {...p}
              type="password"
              value={confirm}
              autoComplete="new-password"
              onChange={(e) => setConfirm(e.target.value)}
              onBlur={() => setTouched((s) => ({ ...s, confirm: true }))}
            />
          )}
        </Field>
        {error ? <Alert testId="settings-passphrase-error">{pick(error)}</Alert> : null}
        {done ? (
          <Alert tone="success" testId="settings-passphrase-done">
            {t('settings.changed')}
          </Alert>
        ) : null}
        <div className="actions">
          <button type="submit" className="btn btn-primary" data-testid="settings-passphrase-submit" disabled={busy} aria-busy={busy}>
            {busy ? t('settings.changing') : t('settings.changeSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function PreferencesForm({ status }: { status: WorkspaceStatus }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const setStatus = useSessionStore((s) => s.setStatus);
  const [operator, setOperator] = useState(status.operator ?? '');
  const [idle, setIdle] = useState(String(status.idleLockMinutes ?? ''));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [done, setDone] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  const idleNum = Number(idle.trim());
  const idleValid = /^\d+$/.test(idle.trim()) && idleNum >= MIN_IDLE && idleNum <= MAX_IDLE_LOCK_MINUTES;
  const idleError = idleValid ? undefined : t('settings.idleInvalid', { min: MIN_IDLE, max: MAX_IDLE_LOCK_MINUTES });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setDone(false);
    if (idleError) {
      document.getElementById('settings-idle')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const r = await client.invoke('settings.update', { operator: operator.trim(), idleLockMinutes: idleNum });
    setBusy(false);
    if (r.ok) {
      setStatus(r.value);
      setOperator(r.value.operator ?? operator.trim());
      setDone(true);
      setSubmitted(false);
    } else setError(r.error);
  };

  return (
    <section className="card" aria-labelledby="settings-prefs-heading">
      <h2 id="settings-prefs-heading">{t('settings.prefs')}</h2>
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} data-testid="settings-prefs-form">
        <Field id="settings-operator" label={t('settings.operator')} hint={t('settings.operatorHint')}>
          {(p) => <input {...p} type="text" value={operator} maxLength={100} autoComplete="name" onChange={(e) => setOperator(e.target.value)} />}
        </Field>
        <Field
          id="settings-idle"
          label={t('settings.idle')}
          required
          hint={t('settings.idleHint', { min: MIN_IDLE, max: MAX_IDLE_LOCK_MINUTES })}
          errors={(submitted || idle !== String(status.idleLockMinutes ?? '')) && idleError ? [idleError] : []}
        >
          {(p) => (
            <input {...p} type="number" inputMode="numeric" min={MIN_IDLE} max={MAX_IDLE_LOCK_MINUTES} step={1} value={idle} onChange={(e) => setIdle(e.target.value)} />
          )}
        </Field>
        {error ? <Alert testId="settings-prefs-error">{pick(error)}</Alert> : null}
        {done ? (
          <Status tone="success" testId="settings-prefs-done">
            {t('settings.prefsSaved')}
          </Status>
        ) : null}
        <div className="actions">
          <button type="submit" className="btn btn-primary" data-testid="settings-prefs-submit" disabled={busy} aria-busy={busy}>
            {busy ? t('settings.prefsSaving') : t('settings.prefsSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function LanguageSection() {
  const t = useT();
  const lang = useLang();
  const setLang = useLangStore((s) => s.setLang);
  return (
    <section className="card" aria-labelledby="settings-language-heading">
      <h2 id="settings-language-heading">{t('settings.language')}</h2>
      <fieldset className="field radio-group" aria-describedby="settings-language-hint">
        <legend className="sr-only">{t('settings.language')}</legend>
        {LANGS.map((l) => (
          <div key={l} className="radio-option radio-inline">
            <input type="radio" id={`settings-lang-${l}`} name="settings-lang" value={l} checked={lang === l} onChange={() => setLang(l)} data-testid={`settings-lang-${l}`} />
            <label htmlFor={`settings-lang-${l}`} lang={l}>
              {t(l === 'en' ? 'lang.en' : 'lang.zh-CN')}
            </label>
          </div>
        ))}
        <p id="settings-language-hint" className="field-hint">
          {t('settings.languageHint')}
        </p>
      </fieldset>
    </section>
  );
}

function CloseSection() {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const setStatus = useSessionStore((s) => s.setStatus);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const close = async () => {
    const r = await client.invoke('workspace.close', {});
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  };
  return (
    <section className="card" aria-labelledby="settings-close-heading">
      <h2 id="settings-close-heading">{t('settings.close')}</h2>
      <p className="field-hint">{t('settings.closeHint')}</p>
      {error ? <Alert testId="settings-close-error">{pick(error)}</Alert> : null}
      <div className="actions">
        <button type="button" className="btn btn-secondary" data-testid="settings-close" onClick={() => void close()}>
          {t('settings.closeSubmit')}
        </button>
      </div>
    </section>
  );
}

export function Settings({ status }: { status: WorkspaceStatus }) {
  const t = useT();
  return (
    <div className="settings-page" data-testid="settings-page">
      <PageHeading>{t('settings.heading')}</PageHeading>
      <PassphraseForm />
      <PreferencesForm status={status} />
      <LanguageSection />
      <CloseSection />
    </div>
  );
}
