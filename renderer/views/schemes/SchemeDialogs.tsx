/** Dialogs of the rules screen: import a scheme file (preview first), export a version, activate a version (with what it regrades). */
import { useState, type FormEvent } from 'react';
import type { ActivationPreview, ActivationResult, SchemeFilePreview, SchemeOverview } from '../../../main/domain/scheme-views';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { usePick, useT } from '../../i18n/index';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { PathField } from '../../components/FileChooser';
import { ProblemList, problemsOf } from './ProblemList';

export function ImportSchemeDialog({ onClose, onImported }: { onClose(): void; onImported(s: SchemeOverview, version: number): void }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [file, setFile] = useState('');
  const [preview, setPreview] = useState<SchemeFilePreview | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async (e: FormEvent) => {
    e.preventDefault();
    if (!file.trim() || busy) return;
    setBusy(true);
    setError(null);
    setPreview(null);
    const r = await client.invoke('scheme.previewFile', { path: file.trim() });
    setBusy(false);
    if (r.ok) setPreview(r.value);
    else setError(r.error);
  };

  const doImport = async () => {
    if (!preview?.ok || busy) return;
    setBusy(true);
    setError(null);
    const r = await client.invoke('scheme.importFile', { path: file.trim() });
    setBusy(false);
    if (r.ok) onImported(r.value, preview.effect?.version ?? r.value.activeVersion);
    else {
      setError(r.error);
      const problems = problemsOf(r.error.details);
      if (problems.length > 0) setPreview({ ...preview, ok: false, problems });
    }
  };

  const d = preview?.definition;
  const effect = preview?.effect;
  return (
    <Dialog title={t('schemes.import.title')} testId="scheme-import-dialog" onCancel={onClose} wide>
      <form noValidate className="form" onSubmit={(e) => void check(e)}>
        <PathField
          id="scheme-import-path"
          label={t('schemes.import.file')}
          value={file}
          onChange={(v) => {
            setFile(v);
            setPreview(null);
          }}
          mode="open"
          extensions={['json', 'xlsx', 'xls']}
          hint={t('schemes.import.hint')}
        />
        {error && problemsOf(error.details).length === 0 ? <Alert testId="scheme-import-error">{pick(error)}</Alert> : null}
        {preview && !preview.ok ? (
          <div data-testid="scheme-import-problems">
            <Alert testId="scheme-import-invalid">{t('schemes.import.invalid', { count: preview.problems.length, file: preview.file.name })}</Alert>
            <ProblemList problems={preview.problems} testId="scheme-import-problem-list" />
          </div>
        ) : null}
        {preview?.ok && d && effect ? (
          <div className="notice notice-info" data-testid="scheme-import-preview" data-kind={effect.kind} data-version={effect.version} role="status">
            <p>
              <strong>{d.name}</strong> <span className="mono">({d.id})</span> — {t('schemes.import.industry', { industry: d.industry })}
            </p>
            <p>
              {t('schemes.import.counts', {
                categories: preview.summary?.categories ?? 0,
                cells: preview.summary?.matrixCells ?? 0,
                floor: preview.summary?.floorRules ?? 0,
                aggregation: preview.summary?.aggregationRules ?? 0,
                levels: d.levelSet.levels.length,
              })}
            </p>
            <p data-testid="scheme-import-effect">
              {effect.kind === 'unchanged'
                ? t('schemes.import.unchanged', { version: effect.sameAs ?? effect.version })
                : effect.kind === 'new-scheme'
                  ? t('schemes.import.newScheme')
                  : t('schemes.import.newVersion', { version: effect.version })}
              {effect.industryInUse ? ` ${t('schemes.import.otherInUse', { id: effect.industryInUse })}` : ''}
            </p>
          </div>
        ) : null}
        <div className="actions">
          <button type="button" className="btn btn-secondary" data-testid="scheme-import-cancel" onClick={onClose}>
            {t('schemes.cancel')}
          </button>
          <button type="submit" className="btn btn-secondary" data-testid="scheme-import-check" disabled={busy || !file.trim()}>
            {t('schemes.import.check')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="scheme-import-submit"
            disabled={busy || !preview?.ok || effect?.kind === 'unchanged'}
            aria-busy={busy}
            onClick={() => void doImport()}
          >
            {t('schemes.import.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ExportSchemeDialog({ scheme, version, onClose, onDone }: { scheme: SchemeOverview; version: number; onClose(): void; onDone(path: string): void }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [format, setFormat] = useState<'xlsx' | 'json'>('xlsx');
  const [file, setFile] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const name = `${scheme.id}-v${version}.${format}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file.trim() || busy) return;
    setBusy(true);
    setError(null);
    const r = await client.invoke('scheme.export', { id: scheme.id, version, path: file.trim(), format });
    setBusy(false);
    if (r.ok) onDone(r.value.path);
    else setError(r.error);
  };

  return (
    <Dialog title={t('schemes.export.title', { name: scheme.name, version })} testId="scheme-export-dialog" onCancel={onClose}>
      <form noValidate className="form" onSubmit={(e) => void submit(e)}>
        <fieldset className="field">
          <legend className="field-label">{t('schemes.export.format')}</legend>
          {(['xlsx', 'json'] as const).map((f) => (
            <label key={f} className="inline-field">
              <input
                type="radio"
                name="scheme-export-format"
                value={f}
                data-testid={`scheme-export-format-${f}`}
                checked={format === f}
                onChange={() => {
                  setFormat(f);
                  setFile((p) => p.replace(/\.(xlsx|json)$/i, `.${f}`));
                }}
              />{' '}
              {t(f === 'xlsx' ? 'schemes.export.xlsx' : 'schemes.export.json')}
            </label>
          ))}
        </fieldset>
        <PathField id="scheme-export-path" label={t('schemes.export.file')} value={file} onChange={setFile} mode="save" extensions={[format]} defaultName={name} hint={t('schemes.export.hint')} />
        {error ? <Alert testId="scheme-export-error">{pick(error)}</Alert> : null}
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t('schemes.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="scheme-export-submit" disabled={busy || !file.trim()} aria-busy={busy}>
            {t('schemes.export.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ActivateDialog({ scheme, version, onClose, onDone }: { scheme: SchemeOverview; version: number; onClose(): void; onDone(r: ActivationResult): void }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [preview, setPreview] = useState<ActivationPreview | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  useInvokeEffect(
    'scheme.activationPreview',
    { id: scheme.id, version },
    (r) => {
      if (r.ok) setPreview(r.value);
      else setError(r.error);
    },
    [scheme.id, version],
  );

  const submit = async () => {
    setBusy(true);
    setError(null);
    const r = await client.invoke('scheme.activateAndRegrade', { id: scheme.id, version });
    setBusy(false);
    if (r.ok) onDone(r.value);
    else setError(r.error);
  };

  return (
    <Dialog title={t('schemes.activate.title', { name: scheme.name, version })} testId="scheme-activate-dialog" onCancel={onClose} initialFocus="[data-testid=scheme-activate-cancel]">
      {preview ? (
        <div data-testid="scheme-activate-preview" data-entries={preview.entriesToRegrade}>
          <p>{t('schemes.activate.effect', { industry: preview.industry, entries: preview.entriesToRegrade, version })}</p>
          {preview.replaces ? <p>{t('schemes.activate.replaces', { id: preview.replaces, industry: preview.industry })}</p> : null}
          {preview.entriesUnderOtherVersions > 0 ? <p className="muted">{t('schemes.activate.otherVersions', { entries: preview.entriesUnderOtherVersions })}</p> : null}
          <p className="muted">{t('schemes.activate.undo')}</p>
        </div>
      ) : (
        <p className="muted">{t('schemes.loading')}</p>
      )}
      {error ? <Alert testId="scheme-activate-error">{pick(error)}</Alert> : null}
      <div className="actions">
        <button type="button" className="btn btn-secondary" data-testid="scheme-activate-cancel" onClick={onClose}>
          {t('schemes.cancel')}
        </button>
        <button type="button" className="btn btn-primary" data-testid="scheme-activate-submit" disabled={busy || !preview} aria-busy={busy} onClick={() => void submit()}>
          {t('schemes.activate.submit')}
        </button>
      </div>
    </Dialog>
  );
}
