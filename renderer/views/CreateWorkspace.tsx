/** Create a workspace: name, file location (suggested from the name), passphrase twice, role, operator. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { checkPassphrase, MIN_PASSPHRASE_LENGTH, WORKSPACE_EXTENSION, WORKSPACE_ROLES, type WorkspaceRole } from '../../main/domain/workspace';
import type { ErrorInfo } from '../../main/domain/errors';
import { useApi } from '../api/context';
import { useT, usePick, type MessageKey } from '../i18n/index';
import { ROLE_KEYS } from '../i18n/codes';
import { PageHeading } from '../components/PageHeading';
import { Field } from '../components/Field';
import { Alert } from '../components/Alert';
import { useSessionStore } from '../store/session';
import { useViewStore } from '../store/view';

const ROLE_HINT_KEYS: Record<WorkspaceRole, MessageKey> = { unit: 'create.roleUnitHint', bureau: 'create.roleBureauHint' };

/** `${dir}/<name>.dsw`, with the directory's own separator and characters Windows refuses replaced. */
export function suggestWorkspacePath(dir: string | undefined, name: string): string {
  const clean = [...name.trim()]
    .map((c) => (c.charCodeAt(0) < 32 || '<>:"/\\|?*'.includes(c) ? '_' : c))
    .join('')
    .replace(/[. ]+$/, '');
  if (!dir || !clean) return '';
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  const base = dir.endsWith('/') || dir.endsWith('\\') ? dir.slice(0, -1) : dir;
  return `${base}${sep}${clean}${WORKSPACE_EXTENSION}`;
}

type FieldName = 'name' | 'path' | 'passphrase' | 'confirm';
const FIELD_IDS: Record<FieldName, string> = {
  name: 'create-name',
  path: 'create-path',
  passphrase: 'create-passphrase',
  confirm: 'create-passphrase-confirm',
};

export function CreateWorkspace() {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const appInfo = useSessionStore((s) => s.appInfo);
  const loadAppInfo = useSessionStore((s) => s.loadAppInfo);
  const setStatus = useSessionStore((s) => s.setStatus);
  const showClosed = useViewStore((s) => s.showClosed);

  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  const [pathEdited, setPathEdited] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [role, setRole] = useState<WorkspaceRole>('unit');
  const [operator, setOperator] = useState('');
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!appInfo) void loadAppInfo();
  }, [appInfo, loadAppInfo]);

  const effectivePath = pathEdited ? path : suggestWorkspacePath(appInfo?.defaultWorkspaceDir, name);
  const problem = checkPassphrase(passphrase);
  const errors: Record<FieldName, string | undefined> = {
    name: name.trim() === '' ? t('create.nameRequired') : undefined,
    path: effectivePath.trim() === '' ? t('create.pathRequired') : undefined,
    passphrase: problem ? pick(problem) : undefined,
    confirm: confirm !== passphrase ? t('create.mismatch') : undefined,
  };
  const shown = (f: FieldName) => (submitted || touched.has(f) ? errors[f] : undefined);
  const touch = (f: FieldName) => setTouched((s) => (s.has(f) ? s : new Set(s).add(f)));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setSubmitted(true);
    const firstBad = (Object.keys(FIELD_IDS) as FieldName[]).find((f) => errors[f]);
    if (firstBad) {
      document.getElementById(FIELD_IDS[firstBad])?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const r = await client.invoke('workspace.create', {
      path: effectivePath.trim(),
      passphrase,
      role,
      name: name.trim(),
      operator: operator.trim(),
    });
    setBusy(false);
    if (r.ok) setStatus(r.value, { openArea: role === 'unit' ? 'profile' : 'home' });
    else setError(r.error);
  };

  const errorCount = (Object.keys(FIELD_IDS) as FieldName[]).filter((f) => errors[f]).length;

  return (
    <div className="form-page" data-testid="create-page">
      <PageHeading>{t('create.heading')}</PageHeading>
      <p className="lead">{t('create.intro')}</p>
      <form ref={formRef} className="card form" noValidate onSubmit={(e) => void onSubmit(e)} aria-describedby="create-required-hint" data-testid="create-form">
        <p id="create-required-hint" className="muted">
          {t('common.requiredHint')}
        </p>
        <Field id="create-name" label={t('create.name')} required hint={t('create.nameHint')} errors={shown('name') ? [shown('name')!] : []}>
          {(p) => <input {...p} type="text" value={name} maxLength={200} autoComplete="off" onChange={(e) => setName(e.target.value)} onBlur={() => touch('name')} />}
        </Field>
        <Field id="create-path" label={t('create.path')} required hint={t('create.pathHint')} errors={shown('path') ? [shown('path')!] : []}>
          {(p) => (
            <input
              {...p}
              type="text"
              className="mono"
              value={effectivePath}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => {
                setPath(e.target.value);
                setPathEdited(true);
              }}
              onBlur={() => touch('path')}
            />
          )}
        </Field>
        <div className="notice notice-warning" id="create-passphrase-warning" data-testid="create-passphrase-warning">
          {t('create.passphraseWarning')}
        </div>
        <Field
          id="create-passphrase"
          label={t('create.passphrase')}
          required
          hint={t('create.passphraseHint', { min: MIN_PASSPHRASE_LENGTH })}
          errors={shown('passphrase') ? [shown('passphrase')!] : []}
          describedBy={['create-passphrase-warning']}
        >
          {(p) => <input {...p} type="password" value={passphrase} autoComplete="new-password" onChange={(e) => setPassphrase(e.target.value)} onBlur={() => touch('passphrase')} />}
        </Field>
        <Field id="create-passphrase-confirm" label={t('create.confirm')} required errors={shown('confirm') ? [shown('confirm')!] : []}>
          {(p) => <input {...p} type="password" value={confirm} autoComplete="new-password" onChange={(e) => setConfirm(e.target.value)} onBlur={() => touch('confirm')} />}
        </Field>
        <fieldset className="field radio-group" data-testid="create-role">
          <legend className="field-label">{t('create.role')}</legend>
          {WORKSPACE_ROLES.map((r) => (
            <div key={r} className="radio-option">
              <input
                type="radio"
                id={`create-role-${r}`}
                name="create-role"
                value={r}
                checked={role === r}
                onChange={() => setRole(r)}
                aria-describedby={`create-role-${r}-hint`}
              />
              <label htmlFor={`create-role-${r}`}>{t(ROLE_KEYS[r])}</label>
              <p id={`create-role-${r}-hint`} className="field-hint">
                {t(ROLE_HINT_KEYS[r])}
              </p>
            </div>
          ))}
        </fieldset>
        <Field id="create-operator" label={t('create.operator')} hint={t('create.operatorHint')}>
          {(p) => <input {...p} type="text" value={operator} maxLength={100} autoComplete="name" onChange={(e) => setOperator(e.target.value)} />}
        </Field>
        {submitted && errorCount > 0 ? (
          <Alert testId="create-invalid">{t('form.fixErrors', { count: errorCount })}</Alert>
        ) : null}
        {error ? <Alert testId="create-error">{pick(error)}</Alert> : null}
        <div className="actions">
          <button type="submit" className="btn btn-primary" data-testid="create-submit" disabled={busy} aria-busy={busy}>
            {busy ? t('create.submitting') : t('create.submit')}
          </button>
          <button type="button" className="btn btn-secondary" data-testid="create-cancel" onClick={() => showClosed('welcome')}>
            {t('common.back')}
          </button>
        </div>
      </form>
    </div>
  );
}
