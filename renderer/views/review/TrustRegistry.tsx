/**
 * Trust registry (trust registry): the bureau's own signing key (for receipts; its public key goes to the
 * units), the registered units with USCC, contact and key fingerprints, adding a unit key from its
 * PEM with the fingerprint typed as read back by the unit (a mismatch is refused and nothing is
 * stored), retiring a key, and applying key rotations the units announced, after confirmation.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BureauUnit, KeyRotationNotice } from '../../../main/domain/bureau';
import type { ErrorInfo } from '../../../main/domain/errors';
import type { KeysStatus } from '../../../main/domain/package/index';
import { groupFingerprint, normalizeFingerprint } from '../../../main/domain/package/index';
import { useApi } from '../../api/context';
import { formatDateTime, useLang, usePick, useT } from '../../i18n/index';
import { PageHeading } from '../../components/PageHeading';
import { Alert, Status } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PathField } from '../../components/FileChooser';
import { proposedPath, shortFingerprint, useReviewLabels } from './labels';
import { useSessionStore } from '../../store/session';

export function TrustRegistry() {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const labels = useReviewLabels(t);
  const [units, setUnits] = useState<BureauUnit[] | null>(null);
  const [rotations, setRotations] = useState<KeyRotationNotice[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [adding, setAdding] = useState<{ unit: BureauUnit | null } | null>(null);
  const [retiring, setRetiring] = useState<{ unit: BureauUnit; fingerprint: string } | null>(null);
  const [applying, setApplying] = useState<KeyRotationNotice | null>(null);

  const load = useCallback(async () => {
    const [u, r] = await Promise.all([client.invoke('bureau.units', {}), client.invoke('bureau.rotations', { pendingOnly: true })]);
    if (u.ok) setUnits(u.value);
    else setError(u.error);
    if (r.ok) setRotations(r.value);
    else setError(r.error);
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  const retire = async () => {
    if (!retiring) return;
    const { fingerprint, unit } = retiring;
    setRetiring(null);
    const r = await client.invoke('bureau.keyRetire', { fingerprint });
    if (r.ok) {
      setStatus(t('review.trust.retiredStatus', { unit: unit.name, fingerprint: shortFingerprint(fingerprint) }));
      void load();
    } else setError(r.error);
  };

  return (
    <section data-testid="review-trust">
      <div className="page-head">
        <PageHeading>{t('review.trust.heading')}</PageHeading>
        <button type="button" className="btn btn-primary btn-small" data-testid="trust-add-unit" onClick={() => setAdding({ unit: null })}>
          {t('review.trust.addUnit')}
        </button>
      </div>
      <p className="muted">{t('review.trust.intro')}</p>
      <OwnKey />
      {error ? <Alert testId="trust-error">{pick(error)}</Alert> : null}
      <Status testId="trust-status">{status}</Status>
      {rotations.length > 0 ? (
        <section className="card" aria-labelledby="trust-rotations-heading" data-testid="trust-rotations">
          <h2 id="trust-rotations-heading">{t('review.trust.rotations')}</h2>
          <ul className="rv-results">
            {rotations.map((r) => (
              <li key={r.filingId} data-testid="trust-rotation" data-uscc={r.uscc}>
                {t('review.trust.rotationText', { unit: r.unitName, old: shortFingerprint(r.oldFingerprint), next: shortFingerprint(r.newFingerprint), time: formatDateTime(lang, r.announcedAt) })}{' '}
                <button type="button" className="btn btn-secondary btn-small" data-testid="trust-rotation-apply" onClick={() => setApplying(r)}>
                  {t('review.trust.rotationApply')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="trust-units-heading">
        <h2 id="trust-units-heading">{t('review.trust.units')}</h2>
        {units === null ? <p className="muted">{t('common.loading')}</p> : null}
        {units && units.length === 0 ? (
          <p className="muted" data-testid="trust-empty">
            {t('review.trust.empty')}
          </p>
        ) : null}
        {units && units.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table" data-testid="trust-units">
              <thead>
                <tr>
                  <th scope="col">{t('review.col.unit')}</th>
                  <th scope="col">{t('review.col.contact')}</th>
                  <th scope="col">{t('review.trust.keys')}</th>
                  <th scope="col">{t('review.trust.lastFiling')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('review.col.action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {units.map((u) => (
                  <tr key={u.uscc} data-testid="trust-unit" data-uscc={u.uscc}>
                    <td>
                      {u.name}
                      <div className="mono muted">{u.uscc}</div>
                    </td>
                    <td>{[u.contactName, u.contactPhone, u.contactEmail].filter(Boolean).join(' · ') || t('common.none')}</td>
                    <td>
                      {u.keys.length === 0 ? <span className="warn-text">{t('review.trust.noKey')}</span> : null}
                      <ul className="rv-keys">
                        {u.keys.map((k) => (
                          <li key={k.fingerprint} data-testid="trust-key" data-fingerprint={k.fingerprint} data-retired={k.retiredAt ? 'true' : 'false'}>
                            <span className="mono" title={k.fingerprint}>
                              {shortFingerprint(k.fingerprint)}
                            </span>{' '}
                            {k.retiredAt ? (
                              <span className="rv-key-state rv-key-retired">{t('review.trust.retired', { time: formatDateTime(lang, k.retiredAt) })}</span>
                            ) : (
                              <>
                                <span className="rv-key-state rv-key-active">{t('review.trust.active')}</span>{' '}
                                <button
                                  type="button"
                                  className="btn btn-ghost btn-small"
                                  data-testid="trust-key-retire"
                                  aria-label={t('review.trust.retireLabel', { unit: u.name, fingerprint: shortFingerprint(k.fingerprint) })}
                                  onClick={() => setRetiring({ unit: u, fingerprint: k.fingerprint })}
                                >
                                  {t('review.trust.retire')}
                                </button>
                              </>
                            )}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      {u.lastFiling ? (
                        <>
                          {t('review.trust.lastFilingText', { sequence: u.lastFiling.sequence, kind: labels.kind(u.lastFiling.kind) })}
                          <div>
                            <span className={`rv-status rv-status-${u.lastFiling.status}`}>{labels.status(u.lastFiling.status)}</span>
                          </div>
                        </>
                      ) : (
                        t('common.none')
                      )}
                    </td>
                    <td className="nowrap">
                      <button type="button" className="btn btn-secondary btn-small" data-testid="trust-add-key" aria-label={t('review.trust.addKeyLabel', { unit: u.name })} onClick={() => setAdding({ unit: u })}>
                        {t('review.trust.addKey')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {adding ? (
        <AddKeyDialog
          unit={adding.unit}
          onCancel={() => setAdding(null)}
          onDone={(u) => {
            setAdding(null);
            setStatus(t('review.trust.addedStatus', { unit: u.name }));
            void load();
          }}
        />
      ) : null}
      {retiring ? (
        <ConfirmDialog
          title={t('review.trust.retireTitle')}
          body={t('review.trust.retireBody', { unit: retiring.unit.name, fingerprint: groupFingerprint(normalizeFingerprint(retiring.fingerprint) ?? retiring.fingerprint) })}
          confirmLabel={t('review.trust.retire')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void retire()}
          onCancel={() => setRetiring(null)}
        />
      ) : null}
      {applying ? (
        <RotationDialog
          notice={applying}
          onCancel={() => setApplying(null)}
          onDone={(u) => {
            setApplying(null);
            setStatus(t('review.trust.rotatedStatus', { unit: u.name }));
            void load();
          }}
        />
      ) : null}
    </section>
  );
}

/** The bureau's own key: generated once; its public key is exported for the units to seal to and to check receipts. */
function OwnKey() {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [keys, setKeys] = useState<KeysStatus | null>(null);
  const workspacePath = useSessionStore((s) => s.status?.path);
  const [outPath, setOutPath] = useState(() => proposedPath(workspacePath, t('review.own.defaultName')));
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    const r = await client.invoke('keys.status', {});
    if (r.ok) setKeys(r.value);
    else setError(r.error);
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  const generate = async () => {
    setBusy(true);
    const r = await client.invoke('keys.generate', {});
    setBusy(false);
    if (r.ok) {
      setStatus(t('review.own.generated'));
      void load();
    } else setError(r.error);
  };
  const exportKey = async () => {
    if (!outPath.trim()) return;
    setBusy(true);
    const r = await client.invoke('keys.exportPublic', { outPath: outPath.trim(), overwrite: true });
    setBusy(false);
    if (r.ok) setStatus(t('review.own.exported', { path: r.value.path ?? outPath }));
    else setError(r.error);
  };

  return (
    <section className="card" aria-labelledby="own-key-heading" data-testid="own-key">
      <h2 id="own-key-heading">{t('review.own.heading')}</h2>
      {keys === null ? <p className="muted">{t('common.loading')}</p> : null}
      {keys && !keys.own ? (
        <>
          <p>{t('review.own.none')}</p>
          <button type="button" className="btn btn-primary" data-testid="own-key-generate" disabled={busy} onClick={() => void generate()}>
            {t('review.own.generate')}
          </button>
        </>
      ) : null}
      {keys?.own ? (
        <>
          <p>
            {t('review.own.fingerprint')}{' '}
            <span className="mono rv-fingerprint" data-testid="own-key-fingerprint">
              {keys.own.fingerprint}
            </span>
          </p>
          <p className="muted">{t('review.own.hint')}</p>
          <PathField id="own-key-path" label={t('review.own.exportPath')} value={outPath} onChange={setOutPath} mode="save" extensions={['pem']} defaultName={t('review.own.defaultName')} />
          <button type="button" className="btn btn-secondary" data-testid="own-key-export" disabled={busy || !outPath.trim()} onClick={() => void exportKey()}>
            {t('review.own.export')}
          </button>
        </>
      ) : null}
      {error ? <Alert testId="own-key-error">{pick(error)}</Alert> : null}
      <Status testId="own-key-status">{status}</Status>
    </section>
  );
}

/** Fingerprint field with its mismatch message (shared by adding a key and applying a rotation). */
function FingerprintField({ value, onChange, problem }: { value: string; onChange(v: string): void; problem: string | null }) {
  const t = useT();
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor="trust-fingerprint" className="field-label">
        {t('review.trust.typedFingerprint')}
        <span className="req" aria-hidden="true">
          {' *'}
        </span>
      </label>
      <input
        id="trust-fingerprint"
        data-testid="trust-fingerprint"
        className="mono"
        autoComplete="off"
        spellCheck={false}
        value={value}
        aria-invalid={Boolean(problem)}
        aria-describedby={problem ? 'trust-fingerprint-error' : 'trust-fingerprint-hint'}
        onChange={(e) => onChange(e.target.value)}
      />
      {problem ? (
        <p id="trust-fingerprint-error" className="field-error" role="alert" data-testid="trust-fingerprint-error">
          {problem}
        </p>
      ) : (
        <p id="trust-fingerprint-hint" className="field-hint">
          {t('review.trust.typedHint')}
        </p>
      )}
    </div>
  );
}

function TextField({ id, label, value, onChange, disabled, mono }: { id: string; label: string; value: string; onChange(v: string): void; disabled?: boolean; mono?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input id={id} data-testid={id} className={mono ? 'mono' : undefined} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

function AddKeyDialog({ unit, onCancel, onDone }: { unit: BureauUnit | null; onCancel(): void; onDone(u: BureauUnit): void }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [uscc, setUscc] = useState(unit?.uscc ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [contactName, setContactName] = useState(unit?.contactName ?? '');
  const [contactPhone, setContactPhone] = useState(unit?.contactPhone ?? '');
  const [contactEmail, setContactEmail] = useState(unit?.contactEmail ?? '');
  const [pem, setPem] = useState('');
  const [pemPath, setPemPath] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const readFile = async () => {
    if (!pemPath.trim()) return;
    setError(null);
    const r = await client.invoke('keys.readPublicKey', { path: pemPath.trim() });
    if (r.ok) setPem(r.value.pem);
    else setError(pick(r.error));
  };

  const submit = async () => {
    setError(null);
    setProblem(null);
    if (!uscc.trim() || !name.trim()) {
      setError(t('review.trust.unitRequired'));
      return;
    }
    if (!pem.includes('BEGIN PUBLIC KEY')) {
      setError(t('review.trust.pemRequired'));
      return;
    }
    if (!normalizeFingerprint(fingerprint)) {
      setProblem(t('review.trust.fingerprintMalformed'));
      return;
    }
    setBusy(true);
    if (!unit) {
      const s = await client.invoke('bureau.unitSave', { uscc: uscc.trim(), name: name.trim(), contactName: contactName.trim(), contactPhone: contactPhone.trim(), contactEmail: contactEmail.trim() });
      if (!s.ok) {
        setBusy(false);
        setError(pick(s.error));
        return;
      }
    }
    const r = await client.invoke('bureau.keyAdd', { uscc: uscc.trim(), pem, fingerprint });
    setBusy(false);
    if (r.ok) onDone(r.value);
    else if (r.error.code === 'KEY_FINGERPRINT_MISMATCH') setProblem(`${t('review.trust.fingerprintMismatch')} ${pick(r.error)}`);
    else setError(pick(r.error));
  };

  return (
    <Dialog title={unit ? t('review.trust.addKeyTitle', { unit: unit.name }) : t('review.trust.addUnitTitle')} testId="trust-dialog" onCancel={onCancel} wide>
      <form
        className="rv-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted">{t('review.trust.addIntro')}</p>
        <div className="field-grid">
          <TextField id="trust-uscc" label={t('review.col.uscc')} value={uscc} onChange={setUscc} disabled={Boolean(unit)} mono />
          <TextField id="trust-name" label={t('review.trust.name')} value={name} onChange={setName} disabled={Boolean(unit)} />
          {!unit ? (
            <>
              <TextField id="trust-contact-name" label={t('review.trust.contactName')} value={contactName} onChange={setContactName} />
              <TextField id="trust-contact-phone" label={t('review.trust.contactPhone')} value={contactPhone} onChange={setContactPhone} />
              <TextField id="trust-contact-email" label={t('review.trust.contactEmail')} value={contactEmail} onChange={setContactEmail} />
            </>
          ) : null}
        </div>
        <div className="rv-pem-file">
          <PathField id="trust-pem-path" label={t('review.trust.pemFile')} value={pemPath} onChange={setPemPath} mode="open" extensions={['pem']} />
          <button type="button" className="btn btn-secondary btn-small" data-testid="trust-pem-read" disabled={!pemPath.trim()} onClick={() => void readFile()}>
            {t('review.trust.pemRead')}
          </button>
        </div>
        <div className="field">
          <label htmlFor="trust-pem" className="field-label">
            {t('review.trust.pem')}
          </label>
          <textarea id="trust-pem" data-testid="trust-pem" className="mono" rows={5} spellCheck={false} value={pem} onChange={(e) => setPem(e.target.value)} aria-describedby="trust-pem-hint" />
          <p id="trust-pem-hint" className="field-hint">
            {t('review.trust.pemHint')}
          </p>
        </div>
        <FingerprintField
          value={fingerprint}
          problem={problem}
          onChange={(v) => {
            setFingerprint(v);
            setProblem(null);
          }}
        />
        {error ? (
          <p className="form-error" role="alert" data-testid="trust-dialog-error">
            {error}
          </p>
        ) : null}
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="trust-submit" disabled={busy}>
            {t('review.trust.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RotationDialog({ notice, onCancel, onDone }: { notice: KeyRotationNotice; onCancel(): void; onDone(u: BureauUnit): void }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [fingerprint, setFingerprint] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!normalizeFingerprint(fingerprint)) {
      setProblem(t('review.trust.fingerprintMalformed'));
      return;
    }
    setBusy(true);
    const r = await client.invoke('bureau.rotationApply', { filingId: notice.filingId, fingerprint });
    setBusy(false);
    if (r.ok) onDone(r.value);
    else setProblem(r.error.code === 'KEY_FINGERPRINT_MISMATCH' ? `${t('review.trust.fingerprintMismatch')} ${pick(r.error)}` : pick(r.error));
  };
  return (
    <Dialog title={t('review.trust.rotationTitle', { unit: notice.unitName })} testId="rotation-dialog" onCancel={onCancel} initialFocus="#trust-fingerprint" wide>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <dl className="facts">
          <dt>{t('review.trust.oldKey')}</dt>
          <dd className="mono rv-fingerprint">{notice.oldFingerprint}</dd>
          <dt>{t('review.trust.newKey')}</dt>
          <dd className="mono rv-fingerprint" data-testid="rotation-new-fingerprint">
            {notice.newFingerprint}
          </dd>
        </dl>
        <p>{t('review.trust.rotationIntro')}</p>
        <FingerprintField
          value={fingerprint}
          problem={problem}
          onChange={(v) => {
            setFingerprint(v);
            setProblem(null);
          }}
        />
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="rotation-submit" disabled={busy}>
            {t('review.trust.rotationApply')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
