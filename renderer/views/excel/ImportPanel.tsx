/**
 * Import of the bureau template: choose a file, preview (a dry run: nothing is written), read
 * what would change and every problem, choose whether rows with blocking problems are skipped and
 * whether entries the file no longer has are removed, then confirm (one transaction, one undoable
 * batch) or cancel (nothing written). A preview made stale by a change of the file or of the
 * workspace is refused by the backend (IMPORT_STALE) and offers to preview again.
 */
import { useRef, useState } from 'react';
import type { ErrorInfo } from '../../../main/domain/errors';
import type { ImportPreview, ImportResult } from '../../../main/domain/sheets/results';
import { useApi } from '../../api/context';
import { usePick, useT } from '../../i18n/index';
import { FIELD_LABEL_KEYS, lookup } from '../../i18n/codes';
import { Alert, Status } from '../../components/Alert';
import { PathField } from '../../components/FileChooser';
import { useViewStore } from '../../store/view';
import { formatBytes } from './format';
import { PreviewChanges } from './PreviewChanges';
import { ProblemList } from './ProblemList';
import { useExcelImportStore } from './import-store';

const EXTENSIONS = ['xlsx', 'xls', 'csv'] as const;

export function ImportPanel() {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const { path, preview, result, error, skipBlocking, removeMissing, set } = useExcelImportStore();
  const setPath = (p: string) => set({ path: p });
  const setPreview = (p: ImportPreview | null) => set({ preview: p });
  const setResult = (r: ImportResult | null) => set({ result: r });
  const setError = (e: ErrorInfo | null) => set({ error: e });
  const setSkipBlocking = (v: boolean) => set({ skipBlocking: v });
  const setRemoveMissing = (v: boolean) => set({ removeMissing: v });
  const [pathError, setPathError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'commit' | null>(null);
  const [status, setStatus] = useState('');
  const resultRef = useRef<HTMLElement>(null);

  const runPreview = async () => {
    if (!path.trim()) {
      setPathError(t('excel.import.fileRequired'));
      document.getElementById('excel-import-path')?.focus();
      return;
    }
    setPathError(null);
    setBusy('preview');
    setError(null);
    setResult(null);
    setStatus(t('excel.import.previewing'));
    const r = await client.invoke('excel.dryRun', { path: path.trim() });
    setBusy(null);
    setStatus('');
    if (!r.ok) {
      setPreview(null);
      setError(r.error);
      return;
    }
    set({ preview: r.value, skipBlocking: false, removeMissing: false });
    requestAnimationFrame(() => document.getElementById('excel-preview-heading')?.focus());
  };

  const commit = async () => {
    if (!preview) return;
    setBusy('commit');
    setError(null);
    const r = await client.invoke('excel.commit', { path: preview.file.path, token: preview.token, skipBlockingRows: skipBlocking, removeMissing });
    setBusy(null);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    set({ result: r.value, preview: null });
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  const cancel = async () => {
    await client.invoke('excel.cancel', {});
    set({ preview: null, error: null });
    setStatus(t('excel.import.cancelled'));
    document.getElementById('excel-import-path')?.focus();
  };

  const stale = error?.code === 'IMPORT_STALE';
  const canCommit = preview !== null && (preview.importable || skipBlocking) && busy === null && !stale;

  return (
    <section className="excel-import" aria-labelledby="excel-import-heading" data-testid="excel-import">
      <h2 id="excel-import-heading" className="sr-only">
        {t('excel.import.heading')}
      </h2>
      <form
        className="excel-file-row"
        onSubmit={(e) => {
          e.preventDefault();
          void runPreview();
        }}
      >
        <PathField id="excel-import-path" label={t('excel.import.file')} value={path} onChange={setPath} mode="open" extensions={EXTENSIONS} hint={t('excel.import.fileHint')} error={pathError} />
        <button type="submit" className="btn btn-primary" data-testid="excel-preview" disabled={busy !== null} aria-busy={busy === 'preview'}>
          {busy === 'preview' ? t('excel.import.previewing') : t('excel.import.preview')}
        </button>
      </form>
      <Status testId="excel-status">{status}</Status>
      {error ? (
        <Alert testId="excel-error">
          <span data-code={error.code}>{pick(error)}</span>
          {stale ? (
            <>
              {' '}
              <button type="button" className="btn btn-secondary btn-small" data-testid="excel-rerun" onClick={() => void runPreview()}>
                {t('excel.import.stale')}
              </button>
            </>
          ) : null}
        </Alert>
      ) : null}

      {preview ? (
        <div className="excel-preview" data-testid="excel-preview-result" data-importable={preview.importable}>
          <h2 id="excel-preview-heading" tabIndex={-1}>
            {preview.file.name}
          </h2>
          <p className="muted" data-testid="excel-file-summary">
            {t('excel.import.file.summary', {
              name: preview.file.path,
              format: preview.file.format,
              encoding: preview.file.encoding ? `, ${preview.file.encoding}` : '',
              size: formatBytes(preview.file.bytes),
              ms: preview.ms,
            })}
          </p>
          <ul className="excel-sheets">
            {preview.sheets.map((s) => (
              <li key={s.key} data-testid="excel-sheet" data-key={s.key} data-header-row={s.headerRow}>
                {t('excel.import.sheet', { name: s.name, rows: s.rows, header: s.headerRow ? t('excel.import.sheetHeader', { row: s.headerRow }) : '' })}
                {s.ignoredColumns.length > 0 ? (
                  <span className="muted"> — {t('excel.import.ignored', { cols: s.ignoredColumns.map((c) => t('excel.import.ignoredCol', { column: c.column, header: c.header })).join(t('excel.listSep')) })}</span>
                ) : null}
              </li>
            ))}
          </ul>
          <PreviewChanges preview={preview} />
          <ProblemList problems={preview.problems} total={preview.problemsTotal} blocking={preview.blocking} warnings={preview.warnings} />

          <fieldset className="card excel-options">
            <legend>{t('excel.import.options')}</legend>
            {!preview.importable ? (
              <p className="field-error" data-testid="excel-blocked-hint">
                {t('excel.import.blockedHint')}
              </p>
            ) : null}
            <label className="check">
              <input type="checkbox" data-testid="excel-skip-blocking" checked={skipBlocking} disabled={preview.importable} onChange={(e) => setSkipBlocking(e.target.checked)} />{' '}
              {t('excel.import.skipBlocking', { count: preview.blockingRows })}
            </label>
            <label className="check">
              <input
                type="checkbox"
                data-testid="excel-remove-missing"
                checked={removeMissing}
                disabled={preview.counts.removed + preview.catalogCounts.removed === 0}
                onChange={(e) => setRemoveMissing(e.target.checked)}
              />{' '}
              {t('excel.import.removeMissing', { entries: preview.counts.removed, catalog: preview.catalogCounts.removed })}
            </label>
            <div className="excel-actions">
              <button type="button" className="btn btn-primary" data-testid="excel-commit" disabled={!canCommit} aria-busy={busy === 'commit'} onClick={() => void commit()}>
                {busy === 'commit' ? t('excel.import.committing') : t('excel.import.commit')}
              </button>
              <button type="button" className="btn btn-secondary" data-testid="excel-cancel" disabled={busy !== null} onClick={() => void cancel()}>
                {t('excel.import.cancel')}
              </button>
            </div>
          </fieldset>
        </div>
      ) : null}

      {result ? <ImportDone result={result} headingRef={resultRef} onAgain={() => setResult(null)} /> : null}
    </section>
  );
}

function ImportDone({ result, headingRef, onAgain }: { result: ImportResult; headingRef: React.RefObject<HTMLElement | null>; onAgain(): void }) {
  const t = useT();
  const go = useViewStore((s) => s.go);
  const e = result.entries;
  const c = result.catalog;
  return (
    <section className="card excel-done" aria-labelledby="excel-done-heading" data-testid="excel-result" data-batch={result.batchId ?? ''} ref={headingRef} tabIndex={-1}>
      <h2 id="excel-done-heading">{t('excel.import.done')}</h2>
      <ul>
        <li data-testid="excel-result-entries" data-added={e.added} data-changed={e.changed}>
          {t('excel.import.result.entries', { ...e })}
        </li>
        {c.added + c.changed + c.removed + c.skipped > 0 ? <li data-testid="excel-result-catalog">{t('excel.import.result.catalog', { ...c })}</li> : null}
        {result.profileChanged.length > 0 ? (
          <li data-testid="excel-result-profile">
            {t('excel.import.result.profile', {
              fields: result.profileChanged.map((k) => {
                const key = lookup(FIELD_LABEL_KEYS, k);
                return key ? t(key) : k;
              }).join(t('excel.listSep')),
            })}
          </li>
        ) : null}
        {result.resourcesRaised > 0 ? <li>{t('excel.import.result.raised', { count: result.resourcesRaised })}</li> : null}
        <li className="muted">{t('excel.import.result.time', { ms: result.ms })}</li>
      </ul>
      {result.batchId !== null ? (
        <p className="hint" data-testid="excel-undo-hint">
          {t('excel.import.undoHint')}
        </p>
      ) : null}
      <div className="excel-actions">
        <button type="button" className="btn btn-primary" data-testid="excel-open-inventory" onClick={() => go('inventory')}>
          {t('excel.import.openInventory')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onAgain}>
          {t('excel.import.again')}
        </button>
      </div>
    </section>
  );
}
