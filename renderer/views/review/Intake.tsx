/**
 * Intake (intake): the reviewer chooses package files or a folder; a backend job opens, verifies
 * and stores each as the unit's next filing while the page shows progress and can cancel (the
 * package in hand finishes or not as a whole). Each result says accepted (as filing N of unit X)
 * or refused with its codes and messages. A package from a signer not registered here offers to
 * register the unit from it, once the reviewer typed the fingerprint confirmed by phone.
 */
import { useEffect, useRef, useState } from 'react';
import type { IntakeFileResult, IntakeJob, UnknownSignerInfo } from '../../../main/domain/bureau';
import type { ErrorInfo } from '../../../main/domain/errors';
import { groupFingerprint, normalizeFingerprint } from '../../../main/domain/package/index';
import { useApi } from '../../api/context';
import { usePick, useT } from '../../i18n/index';
import { PageHeading } from '../../components/PageHeading';
import { Alert, Status } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { FileChooser } from '../../components/FileChooser';
import { useReviewStore } from '../../store/review';
import { useReviewLabels } from './labels';

const POLL_MS = 200;

export function Intake() {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const labels = useReviewLabels(t);
  const openFiling = useReviewStore((s) => s.openFiling);
  const [paths, setPaths] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  const [chooser, setChooser] = useState<'openMany' | 'dir' | null>(null);
  const [job, setJob] = useState<IntakeJob | null>(null);
  const [results, setResults] = useState<IntakeFileResult[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [register, setRegister] = useState<IntakeFileResult | null>(null);
  const timer = useRef<number | null>(null);

  const running = job?.state === 'running';
  const jobId = useReviewStore((s) => s.intakeJobId);
  const setJobId = useReviewStore((s) => s.setIntakeJob);

  const poll = (id: string, delay = POLL_MS) => {
    timer.current = window.setTimeout(() => {
      void client.invoke('bureau.intakeProgress', { jobId: id }).then((r) => {
        // A newer job was started meanwhile: this answer is stale.
        if (useReviewStore.getState().intakeJobId !== id) return;
        if (!r.ok) {
          if (delay === 0) setJobId(null);
          else setError(r.error);
          return;
        }
        setJob(r.value);
        setResults(r.value.results);
        if (r.value.state === 'running') poll(id);
        else setStatus(t('review.intake.doneStatus', { accepted: r.value.accepted, refused: r.value.refused, processed: r.value.processed, total: r.value.total }));
      });
    }, delay);
  };

  // Back on the page: the last job's progress and results again (a job that is gone shows nothing).
  useEffect(() => {
    if (jobId) poll(jobId, 0);
    return () => {
      if (timer.current) window.clearTimeout(timer.current);
    };
    // Only when the page opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const allPaths = () => [...paths, ...typed.split('\n').map((s) => s.trim()).filter(Boolean)];

  const start = async () => {
    const list = [...new Set(allPaths())];
    if (list.length === 0 || running) return;
    setError(null);
    setStatus('');
    setResults([]);
    const r = await client.invoke('bureau.intakeStart', { paths: list });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setJob(r.value);
    setJobId(r.value.id);
    setResults(r.value.results);
    if (r.value.state === 'running') poll(r.value.id);
    else setStatus(t('review.intake.doneStatus', { accepted: r.value.accepted, refused: r.value.refused, processed: r.value.processed, total: r.value.total }));
  };

  const cancel = async () => {
    if (!job) return;
    const r = await client.invoke('bureau.intakeCancel', { jobId: job.id });
    if (r.ok) setJob(r.value);
    else setError(r.error);
  };

  /** After registering the unit: take the same file in again, and put its new result in place. */
  const registered = async (res: IntakeFileResult) => {
    setRegister(null);
    const r = await client.invoke('bureau.intake', { paths: [res.path] });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const again = r.value.results[0];
    if (again) setResults((list) => list.map((x) => (x.path === res.path ? again : x)));
    setStatus(again?.outcome === 'accepted' ? t('review.intake.registeredAccepted', { unit: again.unitName ?? '', sequence: again.sequence ?? '' }) : t('review.intake.registeredRefused'));
  };

  const processed = job?.processed ?? 0;
  const total = job?.total ?? 0;
  return (
    <section data-testid="review-intake" aria-busy={running}>
      <PageHeading>{t('review.intake.heading')}</PageHeading>
      <p className="muted">{t('review.intake.intro')}</p>
      <div className="card">
        <div className="actions rv-left">
          <button type="button" className="btn btn-secondary" data-testid="intake-choose-files" disabled={running} onClick={() => setChooser('openMany')}>
            {t('review.intake.chooseFiles')}
          </button>
          <button type="button" className="btn btn-secondary" data-testid="intake-choose-dir" disabled={running} onClick={() => setChooser('dir')}>
            {t('review.intake.chooseDir')}
          </button>
        </div>
        {paths.length > 0 ? (
          <ul className="rv-paths" data-testid="intake-paths">
            {paths.map((p) => (
              <li key={p}>
                <span className="mono">{p}</span>{' '}
                <button type="button" className="chip-clear" aria-label={t('review.intake.removePath', { path: p })} onClick={() => setPaths((l) => l.filter((x) => x !== p))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="field">
          <label htmlFor="intake-typed" className="field-label">
            {t('review.intake.typed')}
          </label>
          <textarea id="intake-typed" data-testid="intake-typed" rows={2} spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} aria-describedby="intake-typed-hint" />
          <p id="intake-typed-hint" className="field-hint">
            {t('review.intake.typedHint')}
          </p>
        </div>
        <div className="actions rv-left">
          <button type="button" className="btn btn-primary" data-testid="intake-start" disabled={running || allPaths().length === 0} onClick={() => void start()}>
            {t('review.intake.start')}
          </button>
          {running ? (
            <button type="button" className="btn btn-danger" data-testid="intake-cancel" onClick={() => void cancel()}>
              {t('review.intake.cancel')}
            </button>
          ) : null}
        </div>
        {job ? (
          <div className="rv-progress" data-testid="intake-progress" data-job-id={job.id} data-state={job.state} data-processed={processed} data-total={total}>
            <progress max={Math.max(1, total)} value={processed} aria-label={t('review.intake.progressLabel')} />
            <span>
              {t('review.intake.progress', { processed, total, accepted: job.accepted, refused: job.refused })}
              {job.state === 'cancelled' ? ` ${t('review.intake.cancelled')}` : ''}
              {running && job.current ? ` ${t('review.intake.current', { file: job.current })}` : ''}
            </span>
          </div>
        ) : null}
      </div>
      {error ? <Alert testId="intake-error">{pick(error)}</Alert> : null}
      <Status testId="intake-status">{status}</Status>
      {results.length > 0 ? (
        <section className="card" aria-labelledby="intake-results-heading">
          <h2 id="intake-results-heading">{t('review.intake.results')}</h2>
          <ul className="rv-results" data-testid="intake-results">
            {results.map((res) => (
              <li key={res.path} className={`rv-result rv-result-${res.outcome}`} data-testid="intake-result" data-outcome={res.outcome} data-file={res.fileName} data-codes={res.codes.join(',')}>
                <div className="rv-result-head">
                  <span className={`rv-outcome rv-outcome-${res.outcome}`}>{res.outcome === 'accepted' ? t('review.intake.accepted') : t('review.intake.refused')}</span>
                  <span className="mono">{res.fileName}</span>
                </div>
                {res.outcome === 'accepted' ? (
                  <p>
                    {t('review.intake.acceptedAs', { unit: res.unitName ?? '', uscc: res.uscc ?? '', sequence: res.sequence ?? '', kind: res.kind ? labels.kind(res.kind) : '' })}{' '}
                    {res.filingId ? (
                      <button type="button" className="link-button" data-testid="intake-open-review" onClick={() => openFiling(res.filingId)}>
                        {t('review.intake.openReview')}
                      </button>
                    ) : null}
                  </p>
                ) : (
                  <ul className="rv-errors">
                    {res.errors.map((e, i) => (
                      <li key={i} data-code={e.code}>
                        <span className="mono">{e.code}</span> {pick({ message_zh: e.message, message_en: e.message_en })}{e.entry ? ` (${e.entry})` : ''}
                      </li>
                    ))}
                  </ul>
                )}
                {res.rotation ? <p className="warn-text">{t('review.intake.rotation', { old: res.rotation.oldFingerprint, next: res.rotation.newFingerprint })}</p> : null}
                {res.unknownSigner ? (
                  <div className="rv-unknown">
                    <p>{t('review.intake.unknownSigner', { unit: res.unknownSigner.unitName, uscc: res.unknownSigner.uscc })}</p>
                    <button type="button" className="btn btn-primary btn-small" data-testid="intake-register" onClick={() => setRegister(res)}>
                      {res.unknownSigner.unitKnown ? t('review.intake.registerKey') : t('review.intake.registerUnit')}
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {chooser ? (
        <FileChooser
          mode={chooser}
          {...(chooser === 'openMany' ? { extensions: ['dsp'] } : {})}
          testId="intake-chooser"
          onCancel={() => setChooser(null)}
          onChoose={(chosen) => {
            setChooser(null);
            setPaths((l) => [...new Set([...l, ...chosen])]);
          }}
        />
      ) : null}
      {register?.unknownSigner ? <RegisterDialog result={register} signer={register.unknownSigner} onCancel={() => setRegister(null)} onDone={() => void registered(register)} /> : null}
    </section>
  );
}

/** Register a unit (or its new key) from a package, after typing the fingerprint read back by phone. */
function RegisterDialog({ result, signer, onCancel, onDone }: { result: IntakeFileResult; signer: UnknownSignerInfo; onCancel(): void; onDone(): void }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [typed, setTyped] = useState('');
  const [name, setName] = useState(signer.unitName);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    const fp = normalizeFingerprint(typed);
    if (!fp) {
      setProblem(t('review.trust.fingerprintMalformed'));
      return;
    }
    if (fp !== normalizeFingerprint(signer.fingerprint)) {
      setProblem(t('review.trust.fingerprintMismatch'));
      return;
    }
    setBusy(true);
    const r = await client.invoke('bureau.registerFromPackage', { path: result.path, fingerprint: typed, ...(name.trim() && name.trim() !== signer.unitName ? { name: name.trim() } : {}) });
    setBusy(false);
    if (r.ok) onDone();
    else setProblem(pick(r.error));
  };

  return (
    <Dialog title={t('review.intake.registerTitle')} testId="register-dialog" onCancel={onCancel} initialFocus="#register-fingerprint" wide>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>{t('review.intake.registerIntro')}</p>
        <dl className="facts">
          <dt>{t('review.col.unit')}</dt>
          <dd data-testid="register-unit">{signer.unitName}</dd>
          <dt>{t('review.col.uscc')}</dt>
          <dd className="mono" data-testid="register-uscc">
            {signer.uscc}
          </dd>
          <dt>{t('review.col.contact')}</dt>
          <dd>{[signer.contactName, signer.contactPhone, signer.contactEmail].filter(Boolean).join(' · ') || t('common.none')}</dd>
          <dt>{t('review.trust.packageFingerprint')}</dt>
          <dd className="mono rv-fingerprint" data-testid="register-package-fingerprint">
            {groupFingerprint(normalizeFingerprint(signer.fingerprint) ?? signer.fingerprint)}
          </dd>
        </dl>
        {!signer.unitKnown ? (
          <div className="field">
            <label htmlFor="register-name" className="field-label">
              {t('review.trust.name')}
            </label>
            <input id="register-name" data-testid="register-name" value={name} onChange={(e) => setName(e.target.value)} />
          </div>
        ) : null}
        <div className={`field${problem ? ' field-invalid' : ''}`}>
          <label htmlFor="register-fingerprint" className="field-label">
            {t('review.trust.typedFingerprint')}
          </label>
          <input
            id="register-fingerprint"
            data-testid="register-fingerprint"
            className="mono"
            autoComplete="off"
            spellCheck={false}
            value={typed}
            aria-invalid={Boolean(problem)}
            aria-describedby={problem ? 'register-fingerprint-error' : 'register-fingerprint-hint'}
            onChange={(e) => {
              setTyped(e.target.value);
              setProblem(null);
            }}
          />
          {problem ? (
            <p id="register-fingerprint-error" className="field-error" role="alert" data-testid="register-error">
              {problem}
            </p>
          ) : (
            <p id="register-fingerprint-hint" className="field-hint">
              {t('review.trust.typedHint')}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="register-submit" disabled={busy || !typed.trim()}>
            {t('review.intake.registerSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
