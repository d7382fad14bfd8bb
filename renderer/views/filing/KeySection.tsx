/** This unit's signing key: generate, fingerprint, export the public key, encrypted backup and restore. */
import { useState, type FormEvent } from 'react';
import type { KeysStatus } from '../../../main/domain/package/index';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { formatDateTime, useLang, usePick, useT } from '../../i18n/index';
import { Alert, Status } from '../../components/Alert';
import { PathField } from '../../components/FileChooser';
import { Fingerprint } from './Fingerprint';

interface Props {
  keys: KeysStatus;
  dir: string;
  onChanged(): Promise<void>;
}

export function KeySection({ keys, dir, onChanged }: Props) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [message, setMessage] = useState('');
  const [exportPath, setExportPath] = useState(`${dir}${t('filing.key.exportDefaultName')}`);
  const [backupPath, setBackupPath] = useState(`${dir}${t('filing.key.backupDefaultName')}`);
  const [pass1, setPass1] = useState('');
  const [pass2, setPass2] = useState('');
  const [passError, setPassError] = useState<string | null>(null);
  const [restorePath, setRestorePath] = useState('');
  const [restorePass, setRestorePass] = useState('');

  const run = async (fn: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      const m = await fn();
      if (m) setMessage(m);
    } finally {
      setBusy(false);
    }
  };

  const generate = () =>
    run(async () => {
      const r = await client.invoke('keys.generate', {});
      if (!r.ok) {
        setError(r.error);
        return null;
      }
      await onChanged();
      return t('filing.key.generated');
    });

  const exportPublic = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await client.invoke('keys.exportPublic', { outPath: exportPath });
      if (!r.ok) {
        setError(r.error);
        return null;
      }
      return t('filing.key.exported', { path: r.value.path ?? '' });
    });
  };

  const backup = (e: FormEvent) => {
    e.preventDefault();
    if (pass1.length < 8) return setPassError(t('filing.key.passphraseShort'));
    if (pass1 !== pass2) return setPassError(t('filing.key.passphraseMismatch'));
    setPassError(null);
    void run(async () => {
      const r = await client.invoke('keys.backup', { outPath: backupPath, passphrase: pass1 });
      if (!r.ok) {
        setError(r.error);
        return null;
      }
      setPass1('');
      setPass2('');
      return t('filing.key.backedUp', { path: r.value.path });
    });
  };

  const restore = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await client.invoke('keys.restore', { path: restorePath, passphrase: restorePass });
      if (!r.ok) {
        setError(r.error);
        return null;
      }
      setRestorePass('');
      await onChanged();
      return t('filing.key.restored');
    });
  };

  const own = keys.own;
  return (
    <section className="filing-section" aria-labelledby="filing-key-heading" data-testid="filing-key-section" aria-busy={busy}>
      <h2 id="filing-key-heading">{t('filing.key.heading')}</h2>
      {error ? <Alert testId="filing-key-error">{pick(error)}</Alert> : null}
      {message ? (
        <Status tone="success" testId="filing-key-status">
          {message}
        </Status>
      ) : null}
      {own ? (
        <>
          <p className="filing-label">{t('filing.key.fingerprint')}</p>
          <Fingerprint value={own.fingerprint} testId="filing-own-fingerprint" />
          <p className="muted">{t('filing.key.createdAt', { at: formatDateTime(lang, own.createdAt) })}</p>
          <form className="filing-form" onSubmit={exportPublic} aria-labelledby="filing-export-heading">
            <h3 id="filing-export-heading">{t('filing.key.exportHeading')}</h3>
            <PathField id="filing-export-path" label={t('filing.key.exportPath')} value={exportPath} onChange={setExportPath} mode="save" extensions={['pem']} />
            <button type="submit" className="btn btn-secondary" data-testid="filing-export-public" disabled={busy || !exportPath}>
              {t('filing.key.export')}
            </button>
          </form>
          <form className="filing-form" onSubmit={backup} aria-labelledby="filing-backup-heading">
            <h3 id="filing-backup-heading">{t('filing.key.backupHeading')}</h3>
            <p className="hint">{t('filing.key.backupHint')}</p>
            <PathField id="filing-backup-path" label={t('filing.key.backupPath')} value={backupPath} onChange={setBackupPath} mode="save" extensions={['dskey']} />
            <div className="field">
              <label className="field-label" htmlFor="filing-backup-pass">
                {t('filing.key.passphrase')}
              </label>
              <input id="filing-backup-pass" data-testid="filing-backup-pass" type="password" autoComplete="new-password" value={pass1} onChange={(e) => setPass1(e.target.value)} aria-invalid={Boolean(passError)} aria-describedby={passError ? 'filing-backup-pass-error' : undefined} />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="filing-backup-pass2">
                {t('filing.key.passphraseConfirm')}
              </label>
              <input id="filing-backup-pass2" data-testid="filing-backup-pass2" type="password" autoComplete="new-password" value={pass2} onChange={(e) => setPass2(e.target.value)} aria-invalid={Boolean(passError)} aria-describedby={passError ? 'filing-backup-pass-error' : undefined} />
            </div>
            {passError ? (
              <p className="field-error" id="filing-backup-pass-error" data-testid="filing-backup-pass-error">
                {passError}
              </p>
            ) : null}
            <button type="submit" className="btn btn-secondary" data-testid="filing-backup" disabled={busy || !backupPath}>
              {t('filing.key.backup')}
            </button>
          </form>
          {keys.retired.length > 0 ? (
            <div className="filing-retired">
              <h3>{t('filing.key.retired')}</h3>
              <ul>
                {keys.retired.map((k) => (
                  <li key={k.fingerprint} className="mono" data-testid="filing-retired-key">
                    {k.fingerprint}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : (
        <>
          <p>{t('filing.key.none')}</p>
          <button type="button" className="btn btn-primary" data-testid="filing-key-generate" disabled={busy} onClick={() => void generate()}>
            {t('filing.key.generate')}
          </button>
          <form className="filing-form" onSubmit={restore} aria-labelledby="filing-restore-heading">
            <h3 id="filing-restore-heading">{t('filing.key.restoreHeading')}</h3>
            <p className="hint">{t('filing.key.restoreHint')}</p>
            <PathField id="filing-restore-path" label={t('filing.key.restorePath')} value={restorePath} onChange={setRestorePath} mode="open" extensions={['dskey']} />
            <div className="field">
              <label className="field-label" htmlFor="filing-restore-pass">
                {t('filing.key.restorePassphrase')}
              </label>
              <input id="filing-restore-pass" data-testid="filing-restore-pass" type="password" autoComplete="off" value={restorePass} onChange={(e) => setRestorePass(e.target.value)} />
            </div>
            <button type="submit" className="btn btn-secondary" data-testid="filing-restore" disabled={busy || !restorePath || !restorePass}>
              {t('filing.key.restore')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
