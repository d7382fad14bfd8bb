/**
 * The bureau's public key: read a PEM file, show its fingerprint, and import it only when the
 * fingerprint the user types (as the bureau read it out) matches; revoke an imported key.
 */
import { useState, type FormEvent } from 'react';
import type { CounterpartKeyInfo } from '../../../main/domain/package/index';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { formatDateTime, useLang, usePick, useT } from '../../i18n/index';
import { Alert, Status } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PathField } from '../../components/FileChooser';
import { Fingerprint } from './Fingerprint';

interface Props {
  keys: CounterpartKeyInfo[];
  onChanged(): Promise<void>;
}

export function BureauKeySection({ keys, onChanged }: Props) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [message, setMessage] = useState('');
  const [pemPath, setPemPath] = useState('');
  const [read, setRead] = useState<{ pem: string; fingerprint: string } | null>(null);
  const [typed, setTyped] = useState('');
  const [label, setLabel] = useState('');
  const [revoking, setRevoking] = useState<CounterpartKeyInfo | null>(null);

  const readKey = async () => {
    setBusy(true);
    setError(null);
    setMessage('');
    const r = await client.invoke('keys.readPublicKey', { path: pemPath });
    setBusy(false);
    if (r.ok) {
      setRead(r.value);
      setTyped('');
    } else {
      setRead(null);
      setError(r.error);
    }
  };

  const importKey = async (e: FormEvent) => {
    e.preventDefault();
    if (!read) return;
    setBusy(true);
    setError(null);
    const r = await client.invoke('keys.importCounterpart', { pem: read.pem, fingerprint: typed, ...(label.trim() ? { label } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setMessage(t('filing.bureau.imported', { fingerprint: r.value.fingerprint }));
    setRead(null);
    setTyped('');
    setLabel('');
    setPemPath('');
    await onChanged();
  };

  const revoke = async (k: CounterpartKeyInfo) => {
    setRevoking(null);
    setError(null);
    const r = await client.invoke('keys.revokeCounterpart', { fingerprint: k.fingerprint });
    if (!r.ok) return setError(r.error);
    setMessage(t('filing.bureau.revoked'));
    await onChanged();
  };

  const bureauKeys = keys.filter((k) => k.role === 'bureau');
  return (
    <section className="filing-section" aria-labelledby="filing-bureau-heading" data-testid="filing-bureau-section" aria-busy={busy}>
      <h2 id="filing-bureau-heading">{t('filing.bureau.heading')}</h2>
      <p className="muted">{t('filing.bureau.intro')}</p>
      {error ? <Alert testId="filing-bureau-error">{pick(error)}</Alert> : null}
      {message ? (
        <Status tone="success" testId="filing-bureau-status">
          {message}
        </Status>
      ) : null}
      {bureauKeys.length === 0 ? (
        <p data-testid="filing-bureau-none">{t('filing.bureau.none')}</p>
      ) : (
        <table className="data-table filing-table" data-testid="filing-bureau-keys">
          <caption className="sr-only">{t('filing.bureau.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('filing.bureau.colFingerprint')}</th>
              <th scope="col">{t('filing.bureau.colLabel')}</th>
              <th scope="col">{t('filing.bureau.colConfirmed')}</th>
              <th scope="col">{t('filing.bureau.colState')}</th>
              <th scope="col">
                <span className="sr-only">{t('filing.history.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {bureauKeys.map((k) => (
              <tr key={k.id} data-testid="filing-bureau-key" data-fingerprint={k.fingerprint}>
                <td className="mono">{k.fingerprint}</td>
                <td>{k.label}</td>
                <td>
                  {formatDateTime(lang, k.confirmedAt)} {k.confirmedBy}
                </td>
                <td>{k.revokedAt ? t('filing.bureau.revokedAt', { at: formatDateTime(lang, k.revokedAt) }) : t('filing.bureau.active')}</td>
                <td>
                  {k.revokedAt ? null : (
                    <button type="button" className="btn btn-ghost btn-small" data-testid="filing-bureau-revoke" aria-label={t('filing.bureau.revokeLabel', { fingerprint: k.fingerprint })} onClick={() => setRevoking(k)}>
                      {t('filing.bureau.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="filing-form">
        <PathField id="filing-bureau-path" label={t('filing.bureau.path')} value={pemPath} onChange={(p) => { setPemPath(p); setRead(null); }} mode="open" extensions={['pem']} />
        <button type="button" className="btn btn-secondary" data-testid="filing-bureau-read" disabled={busy || !pemPath} onClick={() => void readKey()}>
          {t('filing.bureau.read')}
        </button>
      </div>
      {read ? (
        <form className="filing-form" onSubmit={(e) => void importKey(e)} data-testid="filing-bureau-confirm-form">
          <p className="filing-label">{t('filing.bureau.readFingerprint')}</p>
          <Fingerprint value={read.fingerprint} testId="filing-bureau-read-fingerprint" />
          <div className="field">
            <label className="field-label" htmlFor="filing-bureau-typed">
              {t('filing.bureau.confirmLabel')}
            </label>
            <input id="filing-bureau-typed" data-testid="filing-bureau-typed" className="mono filing-fp-input" value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} autoComplete="off" aria-describedby="filing-bureau-typed-hint" />
            <p className="hint" id="filing-bureau-typed-hint">
              {t('filing.bureau.confirmHint')}
            </p>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="filing-bureau-label">
              {t('filing.bureau.label')}
            </label>
            <input id="filing-bureau-label" data-testid="filing-bureau-label" value={label} onChange={(e) => setLabel(e.target.value)} />
          </div>
          <button type="submit" className="btn btn-primary" data-testid="filing-bureau-import" disabled={busy || typed.trim() === ''}>
            {t('filing.bureau.import')}
          </button>
        </form>
      ) : null}
      {revoking ? (
        <ConfirmDialog
          title={t('filing.bureau.revokeTitle')}
          body={`${t('filing.bureau.revokeBody')} ${revoking.fingerprint}`}
          confirmLabel={t('filing.bureau.revoke')}
          cancelLabel={t('filing.cancel')}
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
        />
      ) : null}
    </section>
  );
}
