/**
 * The recogniser pack in use, read only: each recogniser's words and codes, context and exclusion
 * words, detector and threshold; import a pack (JSON) with its problems shown; back to the built-in pack.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { RecognizerPackView } from '../../../main/domain/scheme-views';
import type { RecognizerTerm } from '../../../main/domain/recognizers';
import type { ErrorInfo } from '../../../main/domain/errors';
import { isLevel } from '../../../main/domain/levels';
import { useApi } from '../../api/context';
import { formatDateTime, useLang, usePick, useT } from '../../i18n/index';
import { Alert, Status } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { PathField } from '../../components/FileChooser';
import { LevelBadge } from '../../components/LevelBadge';
import { ProblemList, problemsOf } from './ProblemList';

const termText = (x: RecognizerTerm) => (typeof x === 'string' ? x : `${x.text} (${x.weight})`);

function ImportPackDialog({ onClose, onDone }: { onClose(): void; onDone(v: RecognizerPackView): void }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [file, setFile] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file.trim() || busy) return;
    setBusy(true);
    setError(null);
    const r = await client.invoke('recognizer.importPackFile', { path: file.trim() });
    setBusy(false);
    if (r.ok) onDone(r.value);
    else setError(r.error);
  };
  const problems = error ? problemsOf(error.details) : [];
  return (
    <Dialog title={t('schemes.pack.importTitle')} testId="pack-import-dialog" onCancel={onClose} wide>
      <form noValidate className="form" onSubmit={(e) => void submit(e)}>
        <PathField id="pack-import-path" label={t('schemes.pack.file')} value={file} onChange={setFile} mode="open" extensions={['json']} hint={t('schemes.pack.importHint')} />
        {error ? <Alert testId="pack-import-error">{pick(error)}</Alert> : null}
        {problems.length > 0 ? <ProblemList problems={problems} testId="pack-import-problems" /> : null}
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t('schemes.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="pack-import-submit" disabled={busy || !file.trim()} aria-busy={busy}>
            {t('schemes.pack.importSubmit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function RecognizerPackSection() {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const [view, setView] = useState<RecognizerPackView | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [importing, setImporting] = useState(false);
  const [resetting, setResetting] = useState(false);

  const load = useCallback(async () => {
    const r = await client.invoke('recognizer.pack', {});
    if (r.ok) setView(r.value);
    else setError(r.error);
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  const reset = async () => {
    setResetting(false);
    const r = await client.invoke('recognizer.resetPack', {});
    if (r.ok) {
      setView(r.value);
      setStatus(t('schemes.pack.resetDone'));
    } else setError(r.error);
  };

  const pack = view?.pack;
  const sep = t('schemes.pack.sep');
  return (
    <section className="card" aria-labelledby="pack-heading" data-testid="recognizer-pack" data-source={view?.source ?? ''} data-pack={pack?.id ?? ''}>
      <div className="page-head">
        <h2 id="pack-heading">{t('schemes.pack.heading')}</h2>
        <div className="actions">
          <button type="button" className="btn btn-secondary btn-small" data-testid="pack-import-open" onClick={() => setImporting(true)}>
            {t('schemes.pack.import')}
          </button>
          {view?.source === 'workspace' ? (
            <button type="button" className="btn btn-ghost btn-small" data-testid="pack-reset" onClick={() => setResetting(true)}>
              {t('schemes.pack.reset')}
            </button>
          ) : null}
        </div>
      </div>
      {status ? <Status testId="pack-status">{status}</Status> : null}
      {error ? <Alert testId="pack-error">{pick(error)}</Alert> : null}
      {pack && view ? (
        <>
          <p data-testid="pack-summary">
            <strong>{lang === 'en' && pack.nameEn ? pack.nameEn : pack.name}</strong> <span className="mono">{pack.id}</span> {t('schemes.pack.version', { version: pack.version })} —{' '}
            {view.source === 'builtin' ? t('schemes.pack.builtin') : t('schemes.pack.imported', { at: formatDateTime(lang, view.importedAt ?? '') })}
          </p>
          <p className="muted" data-testid="pack-defaults">
            {t('schemes.pack.defaults', {
              minScore: pack.defaults.minScore,
              threshold: Math.round(pack.defaults.sampleThreshold * 100),
              minSamples: pack.defaults.minSamples,
              bonus: pack.defaults.contextBonus,
            })}
          </p>
          <div className="table-wrap">
            <table className="data-table pack-table" data-testid="pack-recognizers" data-count={pack.recognizers.length}>
              <caption className="sr-only">{t('schemes.pack.heading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('schemes.pack.col.name')}</th>
                  <th scope="col">{t('schemes.pack.col.kind')}</th>
                  <th scope="col">{t('schemes.pack.col.words')}</th>
                  <th scope="col">{t('schemes.pack.col.context')}</th>
                  <th scope="col">{t('schemes.pack.col.detector')}</th>
                </tr>
              </thead>
              <tbody>
                {pack.recognizers.map((r) => (
                  <tr key={r.id} data-testid="pack-recognizer" data-recognizer={r.id}>
                    <td>
                      <strong>{lang === 'en' ? r.nameEn : r.name}</strong>
                      <div className="muted mono">{r.id}</div>
                    </td>
                    <td>
                      {r.sensitive ? t('schemes.pack.sensitive') : r.personalInfo ? t('schemes.pack.pi') : t('schemes.pack.notPi')}
                      {r.category ? <div className="muted">{r.category}</div> : null}
                      {isLevel(r.level) ? <LevelBadge level={r.level} /> : null}
                    </td>
                    <td>
                      <div>{r.names.words.map(termText).join(sep)}</div>
                      {r.names.codes.length ? <div className="muted mono">{r.names.codes.map(termText).join(', ')}</div> : null}
                    </td>
                    <td>
                      <div>{r.names.context.join(sep)}</div>
                      {r.names.exclude.length ? <div className="muted">{t('schemes.pack.exclude', { words: r.names.exclude.join(sep) })}</div> : null}
                    </td>
                    <td>
                      {r.detector ? (
                        <>
                          <span className="mono">{r.detector.name}</span>
                          {r.detector.pattern ? <div className="mono muted">{r.detector.pattern}</div> : null}
                          <div className="muted">
                            {t('schemes.pack.threshold', { threshold: Math.round((r.detector.threshold ?? pack.defaults.sampleThreshold) * 100) })}
                            {r.detector.contextOnly ? ` ${t('schemes.pack.contextOnly')}` : ''}
                          </div>
                        </>
                      ) : (
                        <span className="muted">{t('schemes.pack.noDetector')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="muted">{t('schemes.loading')}</p>
      )}
      {importing ? (
        <ImportPackDialog
          onClose={() => setImporting(false)}
          onDone={(v) => {
            setImporting(false);
            setView(v);
            setError(null);
            setStatus(t('schemes.pack.importDone', { id: v.pack.id, count: v.pack.recognizers.length }));
          }}
        />
      ) : null}
      {resetting ? (
        <ConfirmDialog
          title={t('schemes.pack.resetTitle')}
          body={t('schemes.pack.resetBody')}
          confirmLabel={t('schemes.pack.reset')}
          cancelLabel={t('schemes.cancel')}
          onConfirm={() => void reset()}
          onCancel={() => setResetting(false)}
        />
      ) : null}
    </section>
  );
}
