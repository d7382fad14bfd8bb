/**
 * The column-mapping wizard (issue #4 point 3): import any sheet. Steps: file → sheet and header
 * row → column mapping → code values → dry run → commit. The dry run and the commit are the
 * template import's own (mapping.dryRun / mapping.commit); cancelling writes nothing. A mapping
 * can be saved by name and is proposed again for a sheet with the same headers. Keyboard: every
 * control is a native one, in reading order; each step's heading takes the focus.
 */
import { useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../../main/domain/errors';
import type { MappingSheetView, MappingTarget, RecognizeColumnView, SavedMapping } from '../../../../main/domain/sheets/mapping';
import type { ImportPreview, ImportResult } from '../../../../main/domain/sheets/results';
import { useApi } from '../../../api/context';
import { useT, usePick, type MessageKey } from '../../../i18n/index';
import { Alert, Status } from '../../../components/Alert';
import { PathField } from '../../../components/FileChooser';
import { ColumnsStep, RECOGNIZE_LIMIT } from './ColumnsStep';
import { columnProblems, proposeMissing, rulesOf, targetLabelKey, type Choices, type Targets } from './model';
import { PreviewStep } from './PreviewStep';
import { ValuesStep } from './ValuesStep';

type Step = 'file' | 'sheet' | 'columns' | 'values' | 'preview' | 'done';
const STEPS: readonly Step[] = ['file', 'sheet', 'columns', 'values', 'preview', 'done'];

const EMPTY_CHOICES: Choices = { targets: {}, values: {}, systemName: '', resourceName: '', prefix: 'MAP' };

function choicesFrom(view: MappingSheetView, saved: SavedMapping | undefined): Choices {
  const targets: Targets = {};
  for (const c of view.columns) targets[c.index] = c.proposal.target;
  if (!saved) return { ...EMPTY_CHOICES, targets };
  return { targets, values: saved.rules.values, systemName: saved.rules.defaults.systemName, resourceName: saved.rules.defaults.resourceName, prefix: saved.rules.dataIdPrefix };
}

function targetsFromSaved(view: MappingSheetView, saved: SavedMapping): Targets {
  const targets: Targets = {};
  for (const c of view.columns) targets[c.index] = '';
  for (const c of saved.rules.columns) targets[c.column] = c.target;
  return targets;
}

export function MappingWizard() {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [step, setStep] = useState<Step>('file');
  const [path, setPath] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);
  const [view, setView] = useState<MappingSheetView | null>(null);
  const [sheet, setSheet] = useState('');
  const [headerRow, setHeaderRow] = useState('');
  const [choices, setChoices] = useState<Choices>(EMPTY_CHOICES);
  const [valuesDone, setValuesDone] = useState<ReadonlySet<string>>(new Set());
  const [savedUsed, setSavedUsed] = useState<SavedMapping | undefined>();
  const [consent, setConsent] = useState(false);
  const [recognizing, setRecognizing] = useState(false);
  const [recognized, setRecognized] = useState<RecognizeColumnView[] | null>(null);
  const [piColumns, setPiColumns] = useState<number[]>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [skip, setSkip] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [saveName, setSaveName] = useState('');
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [notice, setNotice] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, [step]);

  const go = (s: Step) => {
    setError(null);
    setNotice('');
    setStep(s);
  };

  function applyView(v: MappingSheetView) {
    setView(v);
    setSheet(v.sheet);
    setHeaderRow(String(v.headerRow));
    const saved = v.saved[0];
    setSavedUsed(saved);
    const c = choicesFrom(v, saved);
    setChoices(saved ? { ...c, targets: targetsFromSaved(v, saved) } : c);
    setValuesDone(new Set(saved ? Object.keys(saved.rules.values) : []));
    setSaveName(saved?.name ?? '');
    setReplace(Boolean(saved));
    setConsent(false);
    setRecognized(null);
    setPiColumns([]);
    setPreview(null);
  }

  async function open(opts: { sheet?: string; headerRow?: number } = {}) {
    if (!path.trim()) {
      setPathError(t('mapping.file.required'));
      document.getElementById('mapping-path')?.focus();
      return;
    }
    setPathError(null);
    setBusy(true);
    setError(null);
    const r = await client.invoke('mapping.open', { path: path.trim(), ...opts });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    applyView(r.value);
    if (step === 'file') go('sheet');
  }

  async function recognize(on: boolean) {
    setConsent(on);
    setRecognized(null);
    setPiColumns([]);
    if (!on || !view) return;
    const columns = view.columns.filter((c) => !choices.targets[c.index]).map((c) => c.index);
    if (columns.length === 0) {
      setNotice(t('mapping.rec.noUnmapped'));
      return;
    }
    setRecognizing(true);
    const r = await client.invoke('mapping.recognize', { path: view.file.path, sheet: view.sheet, headerRow: view.headerRow, columns, limit: RECOGNIZE_LIMIT, consent: true });
    setRecognizing(false);
    if (!r.ok) setError(r.error);
    else setRecognized(r.value);
  }

  function importInput() {
    return {
      path: view!.file.path,
      sheet: view!.sheet,
      headerRow: view!.headerRow,
      rules: rulesOf(choices),
      piColumns: piColumns.filter((c) => !choices.targets[c]),
      ...(savedUsed ? { mappingName: savedUsed.name } : {}),
    };
  }

  async function dryRun() {
    setBusy(true);
    setError(null);
    const r = await client.invoke('mapping.dryRun', importInput());
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setPreview(r.value);
    setSkip(false);
    go('preview');
  }

  async function commit() {
    if (!preview) return;
    setBusy(true);
    setError(null);
    const r = await client.invoke('mapping.commit', { ...importInput(), token: preview.token, skipBlockingRows: skip });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setResult(r.value);
    go('done');
  }

  async function cancelImport() {
    await client.invoke('mapping.cancel', {});
    setPreview(null);
    go('values');
    setNotice(t('mapping.preview.cancelled'));
  }

  async function save() {
    if (!view) return;
    if (!saveName.trim()) {
      setError({ code: 'NAME_REQUIRED', message_zh: t('mapping.save.nameRequired'), message_en: t('mapping.save.nameRequired') });
      return;
    }
    setBusy(true);
    setError(null);
    const r = await client.invoke('mapping.save', { name: saveName.trim(), path: view.file.path, sheet: view.sheet, headerRow: view.headerRow, rules: rulesOf(choices), replace });
    setBusy(false);
    if (!r.ok) setError(r.error);
    else setNotice(t('mapping.save.done', { name: r.value.name }));
  }

  async function removeSaved() {
    if (!savedUsed || !view) return;
    const r = await client.invoke('mapping.delete', { id: savedUsed.id });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const name = savedUsed.name;
    const rest = view.saved.filter((s) => s.id !== savedUsed.id);
    setView({ ...view, saved: rest });
    setSavedUsed(undefined);
    setNotice(t('mapping.saved.deleted', { name }));
  }

  function chooseSaved(id: string) {
    if (!view) return;
    const saved = view.saved.find((s) => String(s.id) === id);
    setSavedUsed(saved);
    if (saved) {
      setChoices({ ...choicesFrom(view, saved), targets: targetsFromSaved(view, saved) });
      setValuesDone(new Set(Object.keys(saved.rules.values)));
    } else {
      setChoices(choicesFrom(view, undefined));
      setValuesDone(new Set());
    }
  }

  function toValues() {
    if (!view) return;
    setChoices({ ...choices, values: proposeMissing(view.columns, choices, view.synonyms, valuesDone) });
    const mapped = new Set(Object.values(choices.targets).filter(Boolean) as MappingTarget[]);
    setValuesDone(new Set([...valuesDone, ...mapped]));
    go('values');
  }

  const colProblems = columnProblems(choices);
  const stepIndex = STEPS.indexOf(step);

  return (
    <section className="mapping-wizard" aria-labelledby="mapping-title" data-testid="mapping-wizard">
      <h2 id="mapping-title">{t('mapping.title')}</h2>
      <p className="muted">{t('mapping.intro')}</p>
      <nav aria-label={t('mapping.steps')}>
        <ol className="mapping-steps">
          {STEPS.map((s, i) => (
            <li key={s} aria-current={s === step ? 'step' : undefined} className={i === stepIndex ? 'current' : i < stepIndex ? 'done' : ''}>
              {t(`mapping.step.${s}` as MessageKey)}
              {s === step ? <span className="sr-only">{t('mapping.stepCurrent')}</span> : null}
            </li>
          ))}
        </ol>
      </nav>

      <h3 ref={heading} tabIndex={-1} data-testid="mapping-step-heading">
        {t(`mapping.step.${step}` as MessageKey)}
      </h3>
      {error ? <Alert testId="mapping-error">{pick(error)}</Alert> : null}
      {notice ? <Status testId="mapping-notice">{notice}</Status> : null}
      {busy ? <Status testId="mapping-busy">{t('mapping.busy')}</Status> : null}

      {step === 'file' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void open();
          }}
        >
          <PathField id="mapping-path" label={t('mapping.file.label')} value={path} onChange={setPath} mode="open" extensions={['xlsx', 'xls', 'csv']} hint={t('mapping.file.hint')} error={pathError} />
          <div className="actions">
            <button type="submit" className="btn btn-primary" data-testid="mapping-open" disabled={busy}>
              {t('mapping.file.open')}
            </button>
          </div>
        </form>
      ) : null}

      {step === 'sheet' && view ? (
        <div>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const n = Number(headerRow);
              void open({ sheet, ...(sheet === view.sheet && Number.isInteger(n) && n >= 1 ? { headerRow: n } : {}) });
            }}
          >
            <div className="field">
              <label className="field-label" htmlFor="mapping-sheet">
                {t('mapping.sheet.label')}
              </label>
              <select id="mapping-sheet" data-testid="mapping-sheet" value={sheet} onChange={(e) => setSheet(e.target.value)}>
                {view.sheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.hidden ? t('mapping.sheet.hidden', { name: s.name }) : s.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field-label" htmlFor="mapping-header-row">
                {t('mapping.sheet.headerRow')}
              </label>
              <input id="mapping-header-row" data-testid="mapping-header-row" type="number" min={1} value={headerRow} onChange={(e) => setHeaderRow(e.target.value)} aria-describedby="mapping-header-row-hint" />
              <p id="mapping-header-row-hint" className="hint">
                {t('mapping.sheet.headerRowHint', { row: view.headerRow })}
              </p>
            </div>
            <div className="actions">
              <button type="submit" className="btn btn-secondary" data-testid="mapping-reload" disabled={busy}>
                {t('mapping.sheet.reload')}
              </button>
            </div>
          </form>
          <p data-testid="mapping-sheet-summary">{t('mapping.sheet.rows', { rows: view.rows, columns: view.columns.length })}</p>
          <div className="table-wrap">
            <table className="data-table mapping-top" data-testid="mapping-top">
              <caption>{t('mapping.sheet.top')}</caption>
              <tbody>
                {view.topRows.map((r) => (
                  <tr key={r.row} className={r.row === view.headerRow ? 'mapping-header-row' : ''}>
                    <th scope="row">
                      {r.row}
                      {r.row === view.headerRow ? ` (${t('mapping.sheet.headerMark')})` : ''}
                    </th>
                    {r.cells.map((c, i) => (
                      <td key={i}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {view.saved.length > 0 ? (
            <div className="field">
              {savedUsed ? (
                <Status tone="success" testId="mapping-saved-found">
                  {t('mapping.saved.found', { name: savedUsed.name })}
                </Status>
              ) : null}
              <label className="field-label" htmlFor="mapping-saved">
                {t('mapping.saved.label')}
              </label>
              <select id="mapping-saved" data-testid="mapping-saved" value={savedUsed ? String(savedUsed.id) : ''} onChange={(e) => chooseSaved(e.target.value)}>
                <option value="">{t('mapping.saved.none')}</option>
                {view.saved.map((s) => (
                  <option key={s.id} value={String(s.id)}>
                    {s.name}
                  </option>
                ))}
              </select>
              {savedUsed ? (
                <button type="button" className="btn btn-ghost btn-small" data-testid="mapping-saved-delete" onClick={() => void removeSaved()}>
                  {t('mapping.saved.delete')}
                </button>
              ) : null}
            </div>
          ) : null}
          <div className="actions">
            <button type="button" className="btn btn-secondary" onClick={() => go('file')}>
              {t('mapping.back')}
            </button>
            <button type="button" className="btn btn-primary" data-testid="mapping-next" disabled={busy || view.columns.length === 0} onClick={() => go('columns')}>
              {t('mapping.next')}
            </button>
          </div>
        </div>
      ) : null}

      {step === 'columns' && view ? (
        <div>
          <ColumnsStep
            view={view}
            choices={choices}
            onChoices={setChoices}
            consent={consent}
            onConsent={(on) => void recognize(on)}
            recognizing={recognizing}
            recognized={recognized}
            piColumns={piColumns}
            onPiColumns={setPiColumns}
          />
          {colProblems.duplicate ? <Alert testId="mapping-duplicate">{t('mapping.columns.duplicate', { field: t(targetLabelKey(colProblems.duplicate)) })}</Alert> : null}
          {colProblems.needNames ? (
            <Status tone="warning" testId="mapping-need-names">
              {t('mapping.columns.needNames')}
            </Status>
          ) : null}
          <div className="actions">
            <button type="button" className="btn btn-secondary" onClick={() => go('sheet')}>
              {t('mapping.back')}
            </button>
            <button type="button" className="btn btn-primary" data-testid="mapping-next" disabled={Boolean(colProblems.duplicate) || colProblems.needNames} onClick={toValues}>
              {t('mapping.next')}
            </button>
          </div>
        </div>
      ) : null}

      {step === 'values' && view ? (
        <div>
          <ValuesStep view={view} choices={choices} onChoices={setChoices} />
          <div className="actions">
            <button type="button" className="btn btn-secondary" onClick={() => go('columns')}>
              {t('mapping.back')}
            </button>
            <button type="button" className="btn btn-primary" data-testid="mapping-dry-run" disabled={busy} aria-busy={busy} onClick={() => void dryRun()}>
              {t('mapping.preview.run')}
            </button>
          </div>
        </div>
      ) : null}

      {step === 'preview' && preview ? (
        <div>
          <p className="muted">{t('mapping.preview.title')}</p>
          <PreviewStep preview={preview} />
          {!preview.importable ? (
            <label className="checkbox">
              <input type="checkbox" data-testid="mapping-skip" checked={skip} onChange={(e) => setSkip(e.target.checked)} /> {t('mapping.preview.skip')}
            </label>
          ) : null}
          <div className="actions">
            <button type="button" className="btn btn-secondary" data-testid="mapping-cancel" onClick={() => void cancelImport()}>
              {t('mapping.preview.cancel')}
            </button>
            <button type="button" className="btn btn-primary" data-testid="mapping-commit" disabled={busy || (!preview.importable && !skip)} aria-busy={busy} onClick={() => void commit()}>
              {t('mapping.preview.commit')}
            </button>
          </div>
          <fieldset className="mapping-save">
            <legend>{t('mapping.save.title')}</legend>
            <div className="field">
              <label className="field-label" htmlFor="mapping-save-name">
                {t('mapping.save.name')}
              </label>
              <input id="mapping-save-name" data-testid="mapping-save-name" value={saveName} maxLength={100} onChange={(e) => setSaveName(e.target.value)} />
            </div>
            <label className="checkbox">
              <input type="checkbox" data-testid="mapping-save-replace" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> {t('mapping.save.replace')}
            </label>
            <div className="actions">
              <button type="button" className="btn btn-secondary" data-testid="mapping-save" disabled={busy} onClick={() => void save()}>
                {t('mapping.save.button')}
              </button>
            </div>
          </fieldset>
        </div>
      ) : null}

      {step === 'done' && result ? (
        <div>
          <Status tone="success" testId="mapping-done">
            {t('mapping.done.counts', { added: result.entries.added, changed: result.entries.changed, skipped: result.entries.skipped })}
          </Status>
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary"
              data-testid="mapping-restart"
              onClick={() => {
                setView(null);
                setResult(null);
                setChoices(EMPTY_CHOICES);
                go('file');
              }}
            >
              {t('mapping.restart')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
