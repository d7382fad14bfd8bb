/**
 * One entry: every sheet-2 field editable (code-list fields as selects, impact objects as checkboxes
 * joined with the enumeration comma, numbers, dates), checked before sending and again by the backend; the level
 * explanation with its decisive contributions; confirm for a suggested level; the level history.
 * Unsaved edits are kept when the entry changes underneath (fields not touched take the new value)
 * and reported to the page, which asks before they are lost.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { EntryDetail } from '../../../main/api/contract/inventory';
import type { ErrorInfo } from '../../../main/domain/errors';
import { EDITABLE_FIELDS, type EditableField } from '../../../main/domain/inventory';
import { IMPACT_OBJECTS, isIn, joinMulti, splitMulti } from '../../../main/domain/code-lists';
import { isImportant, isLevel } from '../../../main/domain/levels';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { useSessionStore } from '../../store/session';
import { formatDateTime, useLang, usePick, useT } from '../../i18n/index';
import type { MessageKey } from '../../i18n/zh-CN';
import { codeLabel, ENTRY_CODE_LISTS, ENTRY_FIELD_LABEL_KEYS, IMPACT_OBJECT_KEYS, LEVEL_KEYS, LEVEL_SOURCE_KEYS, LEVEL_STATE_KEYS } from '../../i18n/codes';
import { Field, type ControlProps } from '../../components/Field';
import { Alert, Status } from '../../components/Alert';
import { LevelBadge } from '../../components/LevelBadge';
import { Explanation } from './Explanation';
import { RecognizerSection } from './RecognizerSection';
import { useInventoryStore } from '../../store/inventory';
import { openIdentify } from '../jump';
import { EntryReceiptNote } from '../filing/ReceiptImport';
import { categoryFields, type Schemes } from './schemes';
import { checkForm, fieldErrorsFromError, formChanges, isEditableField, loweringWithoutReason, mergeReload, sameForm, toForm, type EntryForm, type FieldMessage } from './entry-form';

export const entryInputId = (f: EditableField) => `entry-${f}`;

/** Unsaved edits survive a lock (idle or manual) of the same workspace, in memory only. */
let draftAcrossLock: { path: string | undefined; id: number; values: EntryForm } | null = null;

const SECTIONS: { title: MessageKey; fields: EditableField[] }[] = [
  { title: 'detail.section.basic', fields: ['dataId', 'itemName', 'itemCode', 'description'] },
  { title: 'detail.section.category', fields: ['industry', 'category1', 'category2', 'category3', 'category4', 'categoryCode', 'processingDegree'] },
  { title: 'detail.section.grading', fields: ['impactObjects', 'impactDegree', 'level', 'rationale'] },
  { title: 'detail.section.personal', fields: ['isPersonalInfo', 'isSensitivePersonalInfo', 'recordCount', 'personCount'] },
  { title: 'detail.section.management', fields: ['dataSource', 'storageLocation', 'sharing', 'openness', 'updateFrequency', 'ownerDepartment', 'ownerPerson', 'reviewedAt'] },
];
const ITEM_ONLY = new Set<EditableField>(['itemName', 'itemCode']);
const MONO = new Set<EditableField>(['dataId', 'itemCode', 'categoryCode']);
const WIDE = new Set<EditableField>(['description', 'rationale', 'impactObjects']);

export function focusEntryField(f: EditableField, prefix = 'entry') {
  const el = document.getElementById(f === 'impactObjects' ? `${prefix}-impactObjects-0` : `${prefix}-${f}`);
  el?.focus();
}

interface Props {
  id: number;
  revision: number;
  schemes: Schemes;
  /** Focus the first field once loaded (Enter in the grid). */
  focusOnLoad: boolean;
  onChanged(): void;
  onDirtyChange(dirty: boolean): void;
  onStatus(message: string): void;
}

export function DetailPanel({ id, revision, schemes, focusOnLoad, onChanged, onDirtyChange, onStatus }: Props) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const [detail, setDetail] = useState<EntryDetail | null>(null);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [values, setValues] = useState<EntryForm | null>(null);
  const [saved, setSaved] = useState<EntryForm | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<EditableField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldMessage[]>([]);
  const [saving, setSaving] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<ErrorInfo | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const savedRef = useRef<EntryForm | null>(null);
  const focused = useRef(false);

  const workspacePath = useSessionStore((s) => s.status?.path);
  const isUnit = useSessionStore((s) => s.status?.role) === 'unit';
  const apply = useCallback(
    (d: EntryDetail) => {
      const next = toForm(d.entry);
      const old = savedRef.current;
      savedRef.current = next;
      setDetail(d);
      setSaved(next);
      setValues((v) => {
        if (v && old) return mergeReload(v, old, next);
        const draft = draftAcrossLock;
        if (draft && draft.id === d.entry.id && draft.path === workspacePath) {
          draftAcrossLock = null;
          return draft.values;
        }
        return next;
      });
    },
    [workspacePath],
  );

  useInvokeEffect(
    'inventory.get',
    { id },
    (r) => {
      if (r.ok) {
        setLoadError(null);
        apply(r.value);
      } else setLoadError(r.error);
    },
    [id, revision, apply],
  );

  useEffect(() => {
    if (detail && focusOnLoad && !focused.current) {
      focused.current = true;
      focusEntryField('dataId');
    }
  }, [detail, focusOnLoad]);

  // A jump from another area (a quality finding): focus the field it is about once loaded.
  const focusRequest = useInventoryStore((s) => s.focusField);
  useEffect(() => {
    if (!detail || !focusRequest || detail.entry.id !== id) return;
    useInventoryStore.getState().clearFocusField();
    if (isEditableField(focusRequest) && document.getElementById(focusRequest === 'impactObjects' ? 'entry-impactObjects-0' : entryInputId(focusRequest))) focusEntryField(focusRequest);
    else document.getElementById('detail-heading')?.focus();
  }, [detail, focusRequest, id]);

  const dirty = values !== null && saved !== null && !sameForm(values, saved);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  const latest = useRef({ values, dirty, workspacePath });
  useEffect(() => {
    latest.current = { values, dirty, workspacePath };
  }, [values, dirty, workspacePath]);
  useEffect(
    () => () => {
      onDirtyChange(false);
      const { values: v, dirty: d, workspacePath: p } = latest.current;
      if (d && v && useSessionStore.getState().status?.state === 'locked') draftAcrossLock = { path: p, id, values: v };
    },
    [onDirtyChange, id],
  );

  const entry = detail?.entry;
  const kind = entry?.kind ?? 'item';
  const problems = useMemo(() => (values ? checkForm(values, kind) : {}), [values, kind]);
  const readOnly = entry?.deleted ?? false;

  const save = useCallback(async () => {
    if (!entry || !values || !saved || saving) return;
    setSubmitted(true);
    setSaveError(null);
    const bad = EDITABLE_FIELDS.find((f) => problems[f]);
    if (bad) {
      focusEntryField(bad);
      return;
    }
    const changes = formChanges(values, saved);
    if (Object.keys(changes).length === 0) return;
    setSaving(true);
    const r = await client.invoke('inventory.update', { id: entry.id, changes });
    setSaving(false);
    if (r.ok) {
      apply(r.value);
      setValues(toForm(r.value.entry));
      setServerErrors([]);
      setSubmitted(false);
      setTouched(new Set());
      setSavedAt(new Date());
      onStatus(t('detail.savedStatus', { dataId: r.value.entry.dataId }));
      onChanged();
    } else {
      const fe = fieldErrorsFromError(r.error);
      if (fe.length > 0) {
        setServerErrors(fe);
        focusEntryField(fe[0]!.field);
      } else setSaveError(r.error);
    }
  }, [entry, values, saved, saving, problems, client, apply, onChanged, onStatus, t]);

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

  const change = (f: EditableField, v: string) => {
    setValues((cur) => (cur ? { ...cur, [f]: v } : cur));
    setServerErrors((s) => (s.some((e) => e.field === f) ? s.filter((e) => e.field !== f) : s));
  };
  const touch = (f: EditableField) => setTouched((s) => (s.has(f) ? s : new Set(s).add(f)));

  const confirmLevel = async () => {
    if (!entry) return;
    setBusy(true);
    setSaveError(null);
    const r = await client.invoke('inventory.confirmLevels', { selection: { ids: [entry.id] } });
    setBusy(false);
    if (r.ok) {
      onStatus(t('detail.confirmedStatus', { dataId: entry.dataId }));
      onChanged();
    } else setSaveError(r.error);
  };

  const restore = async () => {
    if (!entry) return;
    setBusy(true);
    const r = await client.invoke('inventory.restore', { selection: { ids: [entry.id] } });
    setBusy(false);
    if (r.ok) {
      onStatus(t('detail.restoredStatus', { dataId: entry.dataId }));
      onChanged();
    } else setSaveError(r.error);
  };

  if (loadError)
    return (
      <div className="detail-panel" data-testid="detail-panel">
        <Alert testId="detail-load-error">{pick(loadError)}</Alert>
      </div>
    );
  if (!detail || !entry || !values || !saved)
    return (
      <div className="detail-panel" data-testid="detail-panel" aria-busy="true">
        <p className="muted">{t('common.loading')}</p>
      </div>
    );

  const scheme = schemes.forEntry(entry.schemeId || undefined);
  const lowering = loweringWithoutReason(values, entry.suggestedLevel);

  const errorsFor = (f: EditableField): string[] => {
    const out: string[] = [];
    const p = problems[f];
    if (p && (submitted || touched.has(f))) out.push(t(p));
    for (const e of serverErrors) if (e.field === f) out.push(pick(e));
    return out;
  };
  const warningsFor = (f: EditableField): string[] => {
    if (f !== 'rationale' || values.rationale.trim()) return [];
    if (lowering && entry.suggestedLevel) return [t('entry.warn.lowering', { suggested: t(LEVEL_KEYS[entry.suggestedLevel]) })];
    if (isLevel(values.level) && isImportant(values.level)) return [t('entry.warn.importantNeedsReason')];
    return [];
  };

  const control = (f: EditableField, p: ControlProps) => {
    const list = ENTRY_CODE_LISTS[f];
    const value = values[f];
    const common = {
      ...p,
      value,
      disabled: readOnly,
      'data-testid': `detail-field-${f}`,
      onBlur: () => touch(f),
    };
    if (list)
      return (
        <select {...common} onChange={(e) => change(f, e.target.value)}>
          <option value="">{t(f === 'level' ? 'entry.noLevel' : 'entry.select')}</option>
          {list.values.map((v) => (
            <option key={v} value={v}>
              {codeLabel(t, list.keys, v)}
            </option>
          ))}
          {value && !list.values.includes(value) ? <option value={value}>{value}</option> : null}
        </select>
      );
    if (f === 'description' || f === 'rationale') return <textarea {...common} rows={f === 'rationale' ? 3 : 2} onChange={(e) => change(f, e.target.value)} />;
    if (f === 'reviewedAt') return <input {...common} type="date" onChange={(e) => change(f, e.target.value)} />;
    if (f === 'recordCount' || f === 'personCount')
      return <input {...common} type="text" inputMode="numeric" autoComplete="off" className="num-input" onChange={(e) => change(f, e.target.value)} />;
    return <input {...common} type="text" autoComplete="off" spellCheck={false} className={MONO.has(f) ? 'mono' : undefined} onChange={(e) => change(f, e.target.value)} />;
  };

  const impactObjects = () => {
    const chosen = new Set(splitMulti(values.impactObjects));
    const errs = errorsFor('impactObjects');
    const set = (o: string, on: boolean) => {
      const next = new Set(chosen);
      if (on) next.add(o);
      else next.delete(o);
      // Template order, then anything unknown that was there.
      const ordered = [...IMPACT_OBJECTS.filter((x) => next.has(x)), ...[...next].filter((x) => !isIn(IMPACT_OBJECTS, x))];
      change('impactObjects', joinMulti(ordered));
      touch('impactObjects');
    };
    return (
      <fieldset
        key="impactObjects"
        id={entryInputId('impactObjects')}
        className={`field field-wide checks${errs.length ? ' field-invalid' : ''}`}
        data-testid="detail-field-impactObjects"
        data-value={values.impactObjects}
        disabled={readOnly}
        aria-describedby={errs.length ? 'entry-impactObjects-error' : undefined}
      >
        <legend className="field-label">{t(ENTRY_FIELD_LABEL_KEYS.impactObjects)}</legend>
        <div className="check-list">
          {IMPACT_OBJECTS.map((o, i) => (
            <label key={o} className="check-option">
              <input type="checkbox" id={`entry-impactObjects-${i}`} checked={chosen.has(o)} data-testid={`detail-impact-${o}`} onChange={(e) => set(o, e.target.checked)} />
              {codeLabel(t, IMPACT_OBJECT_KEYS, o)}
            </label>
          ))}
        </div>
        {errs.length ? (
          <p id="entry-impactObjects-error" className="field-error" data-testid="detail-error-impactObjects">
            {errs.join(' ')}
          </p>
        ) : null}
      </fieldset>
    );
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  const title = entry.kind === 'resource' ? entry.resourceName : entry.itemName;
  const fieldErrorCount = EDITABLE_FIELDS.filter((f) => errorsFor(f).length > 0).length;

  return (
    <div className="detail-panel" data-testid="detail-panel" data-id={entry.id} data-data-id={entry.dataId}>
      <header className="detail-head">
        <h2 id="detail-heading" tabIndex={-1}>
          {title || entry.dataId}
        </h2>
        <div className="detail-sub">
          <span className="mono">{entry.dataId}</span>
          <span className={`kind kind-${entry.kind}`}>{t(entry.kind === 'resource' ? 'detail.kindResource' : 'detail.kindItem')}</span>
          {dirty ? (
            <span className="badge badge-dirty" data-testid="detail-dirty">
              {t('profile.dirty')}
            </span>
          ) : null}
        </div>
      </header>
      {entry.deleted ? (
        <div className="notice notice-warning" data-testid="detail-deleted">
          {t('detail.deleted')}{' '}
          <button type="button" className="btn btn-secondary btn-small" data-testid="detail-restore" disabled={busy} onClick={() => void restore()}>
            {t('bulk.restore')}
          </button>
        </div>
      ) : null}
      <dl className="facts detail-facts">
        <div>
          <dt>{t(ENTRY_FIELD_LABEL_KEYS.systemName)}</dt>
          <dd>{entry.systemName}</dd>
        </div>
        <div>
          <dt>{t(ENTRY_FIELD_LABEL_KEYS.resourceName)}</dt>
          <dd>{entry.resourceName}</dd>
        </div>
        <div>
          <dt>{t('detail.suggestedLevel')}</dt>
          <dd>
            <LevelBadge level={entry.suggestedLevel} testId="detail-suggested-level" />
          </dd>
        </div>
        <div>
          <dt>{t(ENTRY_FIELD_LABEL_KEYS.level)}</dt>
          <dd className="detail-level">
            <LevelBadge level={entry.level} testId="detail-level" />
            {entry.levelSource ? (
              <span className="provenance" data-testid="detail-level-source" data-source={entry.levelSource}>
                {t('detail.source', { source: t(LEVEL_SOURCE_KEYS[entry.levelSource]) })}
              </span>
            ) : null}
            {entry.levelState ? (
              <span className={`state state-${entry.levelState}`} data-testid="detail-level-state" data-state={entry.levelState}>
                {t(LEVEL_STATE_KEYS[entry.levelState])}
              </span>
            ) : null}
          </dd>
        </div>
      </dl>
      {isUnit ? <EntryReceiptNote dataId={entry.dataId} /> : null}
      {entry.levelState === 'suggested' && !entry.deleted ? (
        <div className="detail-confirm">
          <button type="button" className="btn btn-primary btn-small" data-testid="confirm-level" disabled={busy || dirty} onClick={() => void confirmLevel()}>
            {t('detail.confirmLevel')}
          </button>
          <span className="muted">{dirty ? t('detail.confirmSaveFirst') : t('detail.confirmHint')}</span>
        </div>
      ) : null}
      {entry.kind === 'resource' && !entry.deleted ? (
        <div className="detail-confirm">
          <button type="button" className="btn btn-secondary btn-small" data-testid="identify-resource" disabled={dirty} onClick={() => openIdentify(entry.resourceId)}>
            {t('detail.identify')}
          </button>
          <span className="muted">{dirty ? t('detail.confirmSaveFirst') : t('detail.identifyHint')}</span>
        </div>
      ) : null}
      <Explanation detail={detail} />
      <form className="detail-form" noValidate onSubmit={onSubmit} data-testid="detail-form" aria-labelledby="detail-heading">
        {SECTIONS.map((s) => (
          <section key={s.title} className="detail-section" aria-labelledby={`detail-${s.title}`}>
            <h3 id={`detail-${s.title}`}>{t(s.title)}</h3>
            {s.title === 'detail.section.category' && scheme && scheme.categories.length > 0 && !readOnly ? (
              <div className="field field-wide">
                <label className="field-label" htmlFor="entry-categoryPick">
                  {t('detail.categoryPick', { scheme: scheme.name })}
                </label>
                <select
                  id="entry-categoryPick"
                  data-testid="detail-category-pick"
                  value={scheme.categories.find((c) => c.code === values.categoryCode)?.code ?? ''}
                  onChange={(e) => {
                    const c = scheme.categories.find((x) => x.code === e.target.value);
                    if (c) for (const [k, v] of Object.entries(categoryFields(scheme, c))) change(k as EditableField, v);
                  }}
                >
                  <option value="">{t('entry.select')}</option>
                  {scheme.categories.map((c) => (
                    <option key={c.code} value={c.code}>
                      {`${c.code} ${c.path.join('/')}`}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div className="detail-fields">
              {s.fields
                .filter((f) => entry.kind === 'item' || !ITEM_ONLY.has(f))
                .map((f) =>
                  f === 'impactObjects' ? (
                    impactObjects()
                  ) : (
                    <Field
                      key={f}
                      id={entryInputId(f)}
                      testKey={f}
                      testIdPrefix="detail"
                      label={t(ENTRY_FIELD_LABEL_KEYS[f])}
                      required={f === 'dataId' || (f === 'itemName' && entry.kind === 'item')}
                      hint={f === 'level' && entry.suggestedLevel ? t('detail.levelHint', { suggested: t(LEVEL_KEYS[entry.suggestedLevel]) }) : undefined}
                      errors={errorsFor(f)}
                      warnings={warningsFor(f)}
                      className={WIDE.has(f) ? 'field-wide' : undefined}
                    >
                      {(p) => control(f, p)}
                    </Field>
                  ),
                )}
            </div>
          </section>
        ))}
        {submitted && fieldErrorCount > 0 ? <Alert testId="detail-errors">{t('detail.errorsSummary', { count: fieldErrorCount })}</Alert> : null}
        {saveError ? <Alert testId="detail-save-error">{pick(saveError)}</Alert> : null}
        <div className="detail-actions">
          <button type="submit" className="btn btn-primary" data-testid="detail-save" disabled={saving || !dirty || readOnly} aria-busy={saving}>
            {saving ? t('profile.saving') : t('detail.save')}
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            data-testid="detail-revert"
            disabled={!dirty}
            onClick={() => {
              setValues(saved);
              setServerErrors([]);
              setSubmitted(false);
            }}
          >
            {t('detail.revert')}
          </button>
          <Status testId="detail-status" tone={savedAt ? 'success' : 'info'}>
            {savedAt ? t('profile.saved', { time: savedAt.toLocaleTimeString(lang === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }) }) : t('detail.updatedAt', { time: formatDateTime(lang, entry.updatedAt) })}
          </Status>
        </div>
      </form>
      <RecognizerSection detail={detail} revision={revision} readOnly={readOnly} dirty={dirty} onChanged={onChanged} onStatus={onStatus} />
      <section className="detail-section" aria-labelledby="detail-history">
        <h3 id="detail-history">{t('detail.history')}</h3>
        {detail.history.length === 0 ? (
          <p className="muted" data-testid="history-empty">
            {t('detail.historyEmpty')}
          </p>
        ) : (
          <table className="data-table history-table">
            <thead>
              <tr>
                <th scope="col">{t('detail.history.when')}</th>
                <th scope="col">{t('detail.history.who')}</th>
                <th scope="col">{t('detail.history.change')}</th>
                <th scope="col">{t('detail.history.source')}</th>
              </tr>
            </thead>
            <tbody>
              {detail.history.map((h, i) => (
                <tr key={i} data-testid="history-row" data-source={h.source}>
                  <td className="nowrap">
                    <time dateTime={h.at}>{formatDateTime(lang, h.at)}</time>
                  </td>
                  <td>{h.actor}</td>
                  <td>
                    <span className="change-before">{isLevel(h.from) ? t(LEVEL_KEYS[h.from]) : h.from || t('common.none')}</span>
                    <span aria-hidden="true">{' → '}</span>
                    <span className="sr-only">{t('explain.gives')}</span>
                    <span className="change-after">{isLevel(h.to) ? t(LEVEL_KEYS[h.to]) : h.to || t('common.none')}</span>
                    {h.reason ? <div className="history-reason">{t('detail.history.reason', { reason: h.reason })}</div> : null}
                  </td>
                  <td>
                    {t(LEVEL_SOURCE_KEYS[h.source])}
                    <div className="muted">{t(LEVEL_STATE_KEYS[h.state])}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
