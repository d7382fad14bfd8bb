/**
 * One row of the important-data catalog (sheet 3): every field editable (code lists as selects,
 * processing methods and security measures as checkbox groups joined with the enumeration comma, numbers, dates),
 * the row's quality findings next to the fields they are about (hidden for a field once it is
 * edited, until the next save checks again), save, remove with confirmation, and the way to the
 * resource in the inventory and to its identification questionnaire.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { CatalogEntry } from '../../../main/domain/inventory';
import type { ErrorInfo } from '../../../main/domain/errors';
import type { Finding } from '../../../main/domain/quality';
import { isIn, joinMulti, PROCESSING_METHODS, SECURITY_MEASURES, splitMulti } from '../../../main/domain/code-lists';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { formatDateTime, formatTime, useLang, usePick, useT } from '../../i18n/index';
import type { MessageKey } from '../../i18n/zh-CN';
import { CATALOG_CODE_LISTS, CATALOG_FIELD_LABEL_KEYS, codeLabel, PROCESSING_METHOD_KEYS, SECURITY_MEASURE_KEYS, SEVERITY_KEYS } from '../../i18n/codes';
import { Field, type ControlProps } from '../../components/Field';
import { Alert, Status } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useCatalogStore } from '../../store/catalog';
import { openEntryInInventory } from '../jump';
import {
  CATALOG_FIELDS,
  CATALOG_MAX_LENGTH,
  CATALOG_REQUIRED,
  CATALOG_SECTIONS,
  catalogChanges,
  catalogInputId,
  checkCatalogForm,
  focusCatalogField,
  isCatalogField,
  mergeCatalogReload,
  MULTI_FIELDS,
  NUMBER_FIELDS,
  sameCatalogForm,
  TEXTAREA_FIELDS,
  toCatalogForm,
  type CatalogField,
  type CatalogForm as FormValues,
} from './catalog-form';

const MULTI_LISTS: Record<'processingMethods' | 'securityMeasures', { values: readonly string[]; keys: Record<string, MessageKey> }> = {
  processingMethods: { values: PROCESSING_METHODS, keys: PROCESSING_METHOD_KEYS },
  securityMeasures: { values: SECURITY_MEASURES, keys: SECURITY_MEASURE_KEYS },
};
const WIDE = new Set<CatalogField>(['description', 'purpose', 'usageScope', 'provision', 'crossBorderAssessment', 'basis', 'processingMethods', 'securityMeasures']);
const HINTS: Partial<Record<CatalogField, MessageKey>> = {
  description: 'catalog.hint.description',
  category: 'catalog.hint.category',
  timeSpan: 'catalog.hint.timeSpan',
  provision: 'catalog.hint.provision',
  crossBorderAssessment: 'catalog.hint.crossBorderAssessment',
  basis: 'catalog.hint.basis',
  carrierSystem: 'catalog.hint.carrierSystem',
};

interface Props {
  resourceId: number;
  revision: number;
  onSaved(entry: CatalogEntry): void;
  onRemoved(entry: CatalogEntry): void;
  onIdentify(resourceId: number): void;
  onDirtyChange(dirty: boolean): void;
  onStatus(message: string): void;
}

export function CatalogForm({ resourceId, revision, onSaved, onRemoved, onIdentify, onDirtyChange, onStatus }: Props) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const focusField = useCatalogStore((s) => s.focusField);
  const clearFocusField = useCatalogStore((s) => s.clearFocusField);
  const [entry, setEntry] = useState<CatalogEntry | null>(null);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [values, setValues] = useState<FormValues | null>(null);
  const [saved, setSaved] = useState<FormValues | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<CatalogField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<ErrorInfo | null>(null);
  /** A refusal about one field (INVALID_FIELD with details.field), shown next to it. */
  const [fieldError, setFieldError] = useState<{ field: CatalogField; error: ErrorInfo } | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const savedRef = useRef<FormValues | null>(null);

  const apply = useCallback((e: CatalogEntry, f: Finding[]) => {
    const next = toCatalogForm(e);
    const old = savedRef.current;
    savedRef.current = next;
    setEntry(e);
    setFindings(f);
    setSaved(next);
    setValues((v) => (v && old ? mergeCatalogReload(v, old, next) : next));
  }, []);

  useInvokeEffect(
    'catalog.get',
    { resourceId },
    (r) => {
      if (r.ok) {
        setLoadError(null);
        apply(r.value.entry, r.value.findings);
      } else setLoadError(r.error);
    },
    [resourceId, revision, apply],
  );

  // A jump from a finding: focus its field once the form is there.
  useEffect(() => {
    if (!entry || !focusField) return;
    clearFocusField();
    if (!focusCatalogField(focusField)) document.getElementById('catalog-form-heading')?.focus();
  }, [entry, focusField, clearFocusField]);

  const dirty = values !== null && saved !== null && !sameCatalogForm(values, saved);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);

  const problems = useMemo(() => (values ? checkCatalogForm(values) : {}), [values]);

  const save = useCallback(async () => {
    if (!entry || !values || !saved || saving) return;
    setSubmitted(true);
    setSaveError(null);
    const bad = CATALOG_FIELDS.find((f) => problems[f]);
    if (bad) {
      focusCatalogField(bad);
      return;
    }
    const changes = catalogChanges(values, saved);
    if (Object.keys(changes).length === 0) return;
    setSaving(true);
    const r = await client.invoke('catalog.save', { resourceId: entry.resourceId, changes });
    setSaving(false);
    if (r.ok) {
      setFieldError(null);
      apply(r.value.entry, r.value.findings);
      setValues(toCatalogForm(r.value.entry));
      setSubmitted(false);
      setTouched(new Set());
      setSavedAt(new Date());
      onStatus(t('catalog.savedStatus', { name: r.value.entry.name || r.value.entry.dataId }));
      onSaved(r.value.entry);
    } else {
      const field = (r.error.details as { field?: unknown } | undefined)?.field;
      if (isCatalogField(field)) {
        setFieldError({ field, error: r.error });
        focusCatalogField(field);
      } else setSaveError(r.error);
    }
  }, [entry, values, saved, saving, problems, client, apply, onSaved, onStatus, t]);

  // Ctrl+S saves.
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  }, [save]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const remove = async () => {
    if (!entry) return;
    setBusy(true);
    const r = await client.invoke('catalog.remove', { resourceId: entry.resourceId });
    setBusy(false);
    setConfirmRemove(false);
    if (r.ok) {
      onDirtyChange(false);
      onRemoved(entry);
    } else setSaveError(r.error);
  };

  const showInInventory = async () => {
    if (!entry) return;
    const err = await openEntryInInventory(client, entry.resourceId);
    if (err) setSaveError(err);
  };

  if (loadError)
    return (
      <div className="detail-panel catalog-form-panel" data-testid="catalog-form-panel">
        <Alert testId="catalog-load-error">{pick(loadError)}</Alert>
      </div>
    );
  if (!entry || !values || !saved)
    return (
      <div className="detail-panel catalog-form-panel" data-testid="catalog-form-panel" aria-busy="true">
        <p className="muted">{t('common.loading')}</p>
      </div>
    );

  const change = (f: CatalogField, v: string) => {
    setValues((cur) => (cur ? { ...cur, [f]: v } : cur));
    if (fieldError?.field === f) setFieldError(null);
  };
  const touch = (f: CatalogField) => setTouched((s) => (s.has(f) ? s : new Set(s).add(f)));
  const errorsFor = (f: CatalogField): string[] => {
    const p = problems[f];
    const out = p && (submitted || touched.has(f)) ? [t(p)] : [];
    if (fieldError?.field === f) out.push(pick(fieldError.error));
    return out;
  };
  /** Findings of the last check, for a field not edited since. */
  const findingsFor = (f: CatalogField) => (values[f] === saved[f] ? findings.filter((x) => x.field === f) : []);
  const general = findings.filter((x) => !isCatalogField(x.field));

  const findingList = (f: CatalogField) => {
    const list = findingsFor(f);
    if (list.length === 0) return null;
    return (
      <ul id={`catalog-${f}-findings`} className="finding-notes" data-testid={`catalog-finding-${f}`}>
        {list.map((x, i) => (
          <li key={i} className={`finding-note finding-${x.severity}`} data-code={x.code} data-severity={x.severity}>
            <span className="sr-only">{t(SEVERITY_KEYS[x.severity])}</span>
            {pick(x)}
          </li>
        ))}
      </ul>
    );
  };

  const control = (f: CatalogField, p: ControlProps) => {
    const list = CATALOG_CODE_LISTS[f];
    const value = values[f];
    const common = { ...p, value, 'data-testid': `catalog-field-${f}`, onBlur: () => touch(f) };
    if (list)
      return (
        <select {...common} onChange={(e) => change(f, e.target.value)}>
          <option value="">{t('entry.select')}</option>
          {list.values.map((v) => (
            <option key={v} value={v}>
              {codeLabel(t, list.keys, v)}
            </option>
          ))}
          {value && !list.values.includes(value) ? <option value={value}>{value}</option> : null}
        </select>
      );
    if (TEXTAREA_FIELDS.has(f)) return <textarea {...common} rows={f === 'description' || f === 'purpose' ? 3 : 2} maxLength={CATALOG_MAX_LENGTH[f]} onChange={(e) => change(f, e.target.value)} />;
    if (f === 'identifiedAt') return <input {...common} type="date" onChange={(e) => change(f, e.target.value)} />;
    if (NUMBER_FIELDS.has(f))
      return <input {...common} type="text" inputMode={f === 'volumeGb' ? 'decimal' : 'numeric'} autoComplete="off" className="num-input" onChange={(e) => change(f, e.target.value)} />;
    return <input {...common} type={f === 'phone' ? 'tel' : 'text'} autoComplete="off" maxLength={CATALOG_MAX_LENGTH[f]} onChange={(e) => change(f, e.target.value)} />;
  };

  const checkGroup = (f: 'processingMethods' | 'securityMeasures') => {
    const { values: options, keys } = MULTI_LISTS[f];
    const chosen = new Set(splitMulti(values[f]));
    const notes = findingsFor(f);
    const set = (o: string, on: boolean) => {
      const next = new Set(chosen);
      if (on) next.add(o);
      else next.delete(o);
      // Template order, then anything unknown that was there.
      change(f, joinMulti([...options.filter((x) => next.has(x)), ...[...next].filter((x) => !isIn(options, x))]));
      touch(f);
    };
    return (
      <fieldset
        key={f}
        id={catalogInputId(f)}
        className="field field-wide checks"
        data-testid={`catalog-field-${f}`}
        data-value={values[f]}
        aria-describedby={notes.length ? `catalog-${f}-findings` : undefined}
      >
        <legend className="field-label">{t(CATALOG_FIELD_LABEL_KEYS[f])}</legend>
        <div className="check-list">
          {options.map((o, i) => (
            <label key={o} className="check-option">
              <input type="checkbox" id={`catalog-${f}-${i}`} checked={chosen.has(o)} data-testid={`catalog-${f}-${o}`} onChange={(e) => set(o, e.target.checked)} />
              {codeLabel(t, keys, o)}
            </label>
          ))}
        </div>
        {findingList(f)}
      </fieldset>
    );
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };
  const fieldErrorCount = CATALOG_FIELDS.filter((f) => errorsFor(f).length > 0).length;

  return (
    <div className="detail-panel catalog-form-panel" data-testid="catalog-form-panel" data-resource-id={entry.resourceId} data-data-id={entry.dataId}>
      <header className="detail-head">
        <h2 id="catalog-form-heading" tabIndex={-1}>
          {entry.name || entry.dataId}
        </h2>
        <div className="detail-sub">
          <span className="mono">{entry.dataId}</span>
          {dirty ? (
            <span className="badge badge-dirty" data-testid="catalog-dirty">
              {t('profile.dirty')}
            </span>
          ) : null}
        </div>
        <div className="catalog-links">
          <button type="button" className="btn btn-secondary btn-small" data-testid="catalog-open-inventory" onClick={() => void showInInventory()}>
            {t('catalog.openInventory')}
          </button>
          <button type="button" className="btn btn-secondary btn-small" data-testid="catalog-identify" disabled={dirty} onClick={() => onIdentify(entry.resourceId)}>
            {t('catalog.identifyAgain')}
          </button>
        </div>
      </header>
      {general.length > 0 ? (
        <ul className="finding-notes finding-notes-general" data-testid="catalog-findings">
          {general.map((x, i) => (
            <li key={i} className={`finding-note finding-${x.severity}`} data-code={x.code} data-severity={x.severity}>
              <span className="sr-only">{t(SEVERITY_KEYS[x.severity])}</span>
              {pick(x)}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="muted catalog-findings-summary" data-testid="catalog-findings-count" data-count={findings.length}>
        {findings.length === 0 ? t('catalog.noFindings') : t('catalog.findingsCount', { count: findings.length })}
      </p>
      <form className="detail-form catalog-form" noValidate onSubmit={onSubmit} data-testid="catalog-form" aria-labelledby="catalog-form-heading">
        {CATALOG_SECTIONS.map((s) => (
          <section key={s.title} className="detail-section" aria-labelledby={`catalog-${s.title}`}>
            <h3 id={`catalog-${s.title}`}>{t(s.title)}</h3>
            <div className="detail-fields">
              {s.fields.map((f) =>
                MULTI_FIELDS.has(f) ? (
                  checkGroup(f as 'processingMethods' | 'securityMeasures')
                ) : (
                  <Field
                    key={f}
                    id={catalogInputId(f)}
                    testKey={f}
                    testIdPrefix="catalog"
                    label={t(CATALOG_FIELD_LABEL_KEYS[f])}
                    required={CATALOG_REQUIRED.has(f)}
                    hint={HINTS[f] ? t(HINTS[f]) : undefined}
                    errors={errorsFor(f)}
                    describedBy={findingsFor(f).length ? [`catalog-${f}-findings`] : []}
                    after={findingList(f)}
                    className={WIDE.has(f) ? 'field-wide' : undefined}
                  >
                    {(p) => control(f, p)}
                  </Field>
                ),
              )}
            </div>
          </section>
        ))}
        {submitted && fieldErrorCount > 0 ? <Alert testId="catalog-errors">{t('detail.errorsSummary', { count: fieldErrorCount })}</Alert> : null}
        {saveError ? <Alert testId="catalog-save-error">{pick(saveError)}</Alert> : null}
        <div className="detail-actions">
          <button type="submit" className="btn btn-primary" data-testid="catalog-save" disabled={saving || !dirty} aria-busy={saving}>
            {saving ? t('profile.saving') : t('catalog.save')}
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            data-testid="catalog-revert"
            disabled={!dirty}
            onClick={() => {
              setValues(saved);
              setSubmitted(false);
            }}
          >
            {t('detail.revert')}
          </button>
          <button type="button" className="btn btn-danger" data-testid="catalog-remove" disabled={busy} onClick={() => setConfirmRemove(true)}>
            {t('catalog.remove')}
          </button>
          <Status testId="catalog-status" tone={savedAt ? 'success' : 'info'}>
            {savedAt ? t('profile.saved', { time: formatTime(lang, savedAt) }) : entry.updatedAt ? t('detail.updatedAt', { time: formatDateTime(lang, entry.updatedAt) }) : ''}
          </Status>
        </div>
      </form>
      {confirmRemove ? (
        <ConfirmDialog
          title={t('catalog.removeTitle')}
          body={t('catalog.removeBody', { name: entry.name || entry.dataId })}
          confirmLabel={t('catalog.removeConfirm')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void remove()}
          onCancel={() => setConfirmRemove(false)}
        />
      ) : null}
    </div>
  );
}
