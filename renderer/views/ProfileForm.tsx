/**
 * Unit profile (sheet 1 of the filing template). Validation is the domain's `checkProfile`, the same
 * function the backend runs: errors show after a field is left or after a save attempt; warnings
 * in a softer style; missing required values only once the field was touched or a save tried.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  checkProfile,
  EMPTY_PROFILE,
  FILING_KINDS,
  PROFILE_FIELDS,
  UNIT_TYPES,
  type FieldIssue,
  type ProfileField,
  type ProfileFieldDef,
  type ProfileView,
  type UnitProfile,
} from '../../main/domain/profile';
import type { ErrorInfo } from '../../main/domain/errors';
import type { Client } from '../../main/api/client';
import { useApi } from '../api/context';
import { formatDateTime, formatTime, useLang, usePick, useT, type MessageKey } from '../i18n/index';
import { FIELD_HINT_KEYS, FIELD_LABEL_KEYS, FILING_KIND_KEYS, UNIT_TYPE_KEYS } from '../i18n/codes';
import { PageHeading } from '../components/PageHeading';
import { Field, type ControlProps } from '../components/Field';
import { Alert, Status } from '../components/Alert';
import { useSessionStore } from '../store/session';
import { useViewStore } from '../store/view';

const FIELD_KEYS = new Set<string>(PROFILE_FIELDS.map((f) => f.key));
export const profileInputId = (key: ProfileField) => `profile-${key}`;

/** Unsaved edits survive a lock (idle or manual) of the same workspace, in memory only. */
let draftAcrossLock: { path: string | undefined; values: UnitProfile } | null = null;

/** The issues a PROFILE_INVALID answer carries in details.issues, checked for shape. */
export function issuesFromDetails(details: unknown): FieldIssue[] {
  const list = (details as { issues?: unknown } | null | undefined)?.issues;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (i): i is FieldIssue =>
      typeof i === 'object' &&
      i !== null &&
      typeof (i as FieldIssue).field === 'string' &&
      FIELD_KEYS.has((i as FieldIssue).field) &&
      typeof (i as FieldIssue).message_zh === 'string' &&
      typeof (i as FieldIssue).message_en === 'string',
  );
}

const sameProfile = (a: UnitProfile, b: UnitProfile) => PROFILE_FIELDS.every((f) => a[f.key] === b[f.key]);
const SEVERITY_ORDER = { error: 0, incomplete: 1, warning: 2 } as const;

export function ProfileForm({ client: clientProp }: { client?: Client } = {}) {
  const ctxClient = useApi();
  const client = clientProp ?? ctxClient;
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const workspacePath = useSessionStore((s) => s.status?.path);
  const setDirty = useViewStore((s) => s.setDirty);

  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<ErrorInfo | null>(null);
  const [values, setValues] = useState<UnitProfile>(EMPTY_PROFILE);
  const [saved, setSaved] = useState<UnitProfile>(EMPTY_PROFILE);
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<ProfileField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [saveError, setSaveError] = useState<ErrorInfo | null>(null);
  const [errorCount, setErrorCount] = useState<number | null>(null);
  const [missing, setMissing] = useState<ProfileField[]>([]);

  const latest = useRef({ values, dirty: false, workspacePath });
  const check = useMemo(() => checkProfile(values), [values]);
  const dirty = loaded && !sameProfile(values, saved);

  const applyView = useCallback((v: ProfileView) => {
    setSaved(v.profile);
    setUpdatedAt(v.updatedAt);
    setMissing(v.updatedAt ? v.issues.filter((i) => i.severity === 'incomplete').map((i) => i.field) : []);
  }, []);

  useEffect(() => {
    let live = true;
    void client.invoke('profile.get', {}).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setLoadError(r.error);
        return;
      }
      applyView(r.value);
      const draft = draftAcrossLock;
      draftAcrossLock = null;
      setValues(draft && draft.path === latest.current.workspacePath ? draft.values : r.value.profile);
      setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [client, applyView]);

  // Tell the shell about unsaved changes; keep them across a lock.
  useEffect(() => setDirty(dirty), [dirty, setDirty]);
  useEffect(() => {
    latest.current = { values, dirty, workspacePath };
  }, [values, dirty, workspacePath]);
  useEffect(
    () => () => {
      setDirty(false);
      const { values: v, dirty: d, workspacePath: p } = latest.current;
      if (d && useSessionStore.getState().status?.state === 'locked') draftAcrossLock = { path: p, values: v };
    },
    [setDirty],
  );

  const save = useCallback(async () => {
    if (saving || !loaded) return;
    setSubmitted(true);
    setSaveError(null);
    const snapshot = values;
    const errors = checkProfile(snapshot).issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      setErrorCount(errors.length);
      document.getElementById(profileInputId(errors[0]!.field))?.focus();
      return;
    }
    setErrorCount(null);
    setSaving(true);
    const r = await client.invoke('profile.save', { profile: snapshot });
    setSaving(false);
    if (r.ok) {
      applyView(r.value);
      setMissing(r.value.complete ? [] : r.value.issues.filter((i) => i.severity === 'incomplete').map((i) => i.field));
      setValues((cur) => (cur === snapshot ? r.value.profile : cur));
      setServerIssues([]);
      setSavedAt(new Date());
    } else if (r.error.code === 'PROFILE_INVALID') {
      const issues = issuesFromDetails(r.error.details);
      setServerIssues(issues);
      setErrorCount(issues.length || null);
      setSaveError(r.error);
      if (issues[0]) document.getElementById(profileInputId(issues[0].field))?.focus();
    } else {
      setSaveError(r.error);
    }
  }, [saving, loaded, values, client, applyView]);

  // Ctrl+S (⌘S) saves.
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

  const change = (key: ProfileField, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setServerIssues((s) => (s.some((i) => i.field === key) ? s.filter((i) => i.field !== key) : s));
  };
  const touch = (key: ProfileField) => setTouched((s) => (s.has(key) ? s : new Set(s).add(key)));

  const issuesFor = (key: ProfileField) => {
    const visible = submitted || touched.has(key);
    const local = check.issues.filter((i) => i.field === key).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    const server = serverIssues.filter((i) => i.field === key && !local.some((l) => l.code === i.code));
    const shownErrors = [...(visible ? local.filter((i) => i.severity !== 'warning') : []), ...server];
    const tone: 'error' | 'incomplete' = shownErrors.some((i) => i.severity !== 'incomplete') ? 'error' : 'incomplete';
    const showWarnings = visible || values[key] === saved[key];
    const warnings = showWarnings ? local.filter((i) => i.severity === 'warning').map(pick) : [];
    return { errors: shownErrors.map(pick), warnings, tone };
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  const renderControl = (def: ProfileFieldDef, p: ControlProps) => {
    const value = values[def.key];
    const common = { ...p, value, onChange: (e: { target: { value: string } }) => change(def.key, e.target.value), onBlur: () => touch(def.key) };
    if (def.kind === 'unitType' || def.kind === 'filingKind') {
      const codes: readonly string[] = def.kind === 'unitType' ? UNIT_TYPES : FILING_KINDS;
      const keys: Record<string, MessageKey> = def.kind === 'unitType' ? UNIT_TYPE_KEYS : FILING_KIND_KEYS;
      return (
        <select {...common}>
          <option value="">{t('profile.selectEmpty')}</option>
          {codes.map((c) => (
            <option key={c} value={c}>
              {t(keys[c]!)}
            </option>
          ))}
          {value && !codes.includes(value) ? <option value={value}>{value}</option> : null}
        </select>
      );
    }
    if (def.kind === 'date') return <input {...common} type="date" />;
    if (def.kind === 'phone') return <input {...common} type="tel" inputMode="tel" autoComplete="off" />;
    if (def.kind === 'email') return <input {...common} type="text" inputMode="email" autoComplete="off" spellCheck={false} />;
    if (def.kind === 'uscc') return <input {...common} type="text" className="mono" autoComplete="off" spellCheck={false} />;
    return <input {...common} type="text" autoComplete="off" />;
  };

  return (
    <div className="profile-page" data-testid="profile-page">
      <div className="page-head">
        <PageHeading>{t('profile.heading')}</PageHeading>
        {dirty ? (
          <span className="badge badge-dirty" data-testid="profile-dirty">
            {t('profile.dirty')}
          </span>
        ) : null}
      </div>
      <p className="lead">{t('profile.intro')}</p>
      {loadError ? <Alert testId="profile-load-error">{pick(loadError)}</Alert> : null}
      {!loaded && !loadError ? <p className="muted">{t('common.loading')}</p> : null}
      {loaded ? (
        <form className="card form profile-form" noValidate onSubmit={onSubmit} data-testid="profile-form" aria-describedby="profile-required-hint">
          <p id="profile-required-hint" className="muted">
            {t('common.requiredHint')} {t('profile.shortcut')}
          </p>
          {missing.length > 0 ? (
            <div className="notice notice-warning" role="status" data-testid="profile-incomplete">
              {t('profile.incomplete', { fields: missing.map((f) => t(FIELD_LABEL_KEYS[f])).join(t('common.listSep')) })}
            </div>
          ) : null}
          <div className="field-grid">
            {PROFILE_FIELDS.map((def) => {
              const { errors, warnings, tone } = issuesFor(def.key);
              const hintKey = FIELD_HINT_KEYS[def.key];
              return (
                <Field
                  key={def.key}
                  id={profileInputId(def.key)}
                  testKey={def.key}
                  label={t(FIELD_LABEL_KEYS[def.key])}
                  required={def.required}
                  hint={hintKey ? t(hintKey) : undefined}
                  errors={errors}
                  warnings={warnings}
                  errorTone={tone}
                >
                  {(p) => renderControl(def, p)}
                </Field>
              );
            })}
          </div>
          {errorCount !== null && errorCount > 0 ? (
            <Alert testId="profile-errors">{t('profile.errorsSummary', { count: errorCount })}</Alert>
          ) : null}
          {saveError && saveError.code !== 'PROFILE_INVALID' ? <Alert testId="profile-save-error">{pick(saveError)}</Alert> : null}
          <div className="actions form-footer">
            <button type="submit" className="btn btn-primary" data-testid="profile-save" disabled={saving} aria-busy={saving}>
              {saving ? t('profile.saving') : t('profile.save')}
            </button>
            <Status testId="profile-status" tone={savedAt ? 'success' : 'info'}>
              {savedAt
                ? t('profile.saved', { time: formatTime(lang, savedAt) })
                : updatedAt
                  ? t('profile.lastSaved', { time: formatDateTime(lang, updatedAt) })
                  : t('profile.neverSaved')}
            </Status>
          </div>
        </form>
      ) : null}
    </div>
  );
}
