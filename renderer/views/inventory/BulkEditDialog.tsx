/**
 * Bulk edit: set chosen fields on every selected entry (ids, or all matching the filter) with one
 * `inventory.bulkUpdate`, undoable as one step. A field is changed only when its box is ticked
 * (typing in it ticks it), so a field can also be emptied on purpose.
 */
import { useState, type FormEvent } from 'react';
import type { Selection } from '../../../main/api/contract/inventory';
import type { ErrorInfo } from '../../../main/domain/errors';
import type { EditableField } from '../../../main/domain/inventory';
import { useApi } from '../../api/context';
import { usePick, useT } from '../../i18n/index';
import { codeLabel, ENTRY_CODE_LISTS, ENTRY_FIELD_LABEL_KEYS } from '../../i18n/codes';
import { Dialog } from '../../components/Dialog';
import { Alert } from '../../components/Alert';
import { checkForm, fieldErrorsFromError, pickChanges, type EntryForm, type FieldMessage } from './entry-form';
import { categoryFields, type Schemes } from './schemes';

export const BULK_DIALOG_FIELDS = [
  'industry',
  'category1',
  'category2',
  'category3',
  'category4',
  'categoryCode',
  'level',
  'rationale',
  'isPersonalInfo',
  'isSensitivePersonalInfo',
  'ownerDepartment',
  'ownerPerson',
  'reviewedAt',
] as const satisfies readonly EditableField[];
type BulkDialogField = (typeof BULK_DIALOG_FIELDS)[number];

interface Props {
  selection: Selection;
  count: number;
  schemes: Schemes;
  onDone(count: number): void;
  onCancel(): void;
}

export function BulkEditDialog({ selection, count, schemes, onDone, onCancel }: Props) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [values, setValues] = useState<Partial<EntryForm>>({});
  const [on, setOn] = useState<ReadonlySet<BulkDialogField>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldMessage[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const scheme = schemes.forEntry(undefined);

  const problems = checkForm(values, 'bulk', on);
  const set = (f: BulkDialogField, v: string) => {
    setValues((cur) => ({ ...cur, [f]: v }));
    setOn((s) => (s.has(f) ? s : new Set(s).add(f)));
    setFieldErrors((s) => s.filter((e) => e.field !== f));
  };
  const toggle = (f: BulkDialogField, checked: boolean) =>
    setOn((s) => {
      const n = new Set(s);
      if (checked) n.add(f);
      else n.delete(f);
      return n;
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || on.size === 0) return;
    setSubmitted(true);
    const bad = BULK_DIALOG_FIELDS.find((f) => on.has(f) && problems[f]);
    if (bad) {
      document.getElementById(`bulk-${bad}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const r = await client.invoke('inventory.bulkUpdate', { selection, changes: pickChanges(values, on) });
    setBusy(false);
    if (r.ok) onDone(r.value.count);
    else {
      const fe = fieldErrorsFromError(r.error);
      setFieldErrors(fe);
      if (fe[0]) {
        if (!on.has(fe[0].field as BulkDialogField)) toggle(fe[0].field as BulkDialogField, true);
        document.getElementById(`bulk-${fe[0].field}`)?.focus();
      } else setError(r.error);
    }
  };

  const control = (f: BulkDialogField, describedBy: string | undefined, invalid: boolean) => {
    const list = ENTRY_CODE_LISTS[f];
    const common = {
      id: `bulk-${f}`,
      value: values[f] ?? '',
      'data-testid': `bulk-field-${f}`,
      'aria-invalid': invalid,
      'aria-describedby': describedBy,
    };
    if (list)
      return (
        <select {...common} onChange={(e) => set(f, e.target.value)}>
          <option value="">{t(f === 'level' ? 'entry.noLevel' : 'entry.empty')}</option>
          {list.values.map((v) => (
            <option key={v} value={v}>
              {codeLabel(t, list.keys, v)}
            </option>
          ))}
        </select>
      );
    if (f === 'rationale') return <textarea {...common} rows={2} onChange={(e) => set(f, e.target.value)} />;
    if (f === 'reviewedAt') return <input {...common} type="date" onChange={(e) => set(f, e.target.value)} />;
    return <input {...common} type="text" autoComplete="off" onChange={(e) => set(f, e.target.value)} />;
  };

  return (
    <Dialog title={t('bulk.dialogTitle', { count })} testId="bulk-dialog" onCancel={onCancel} wide initialFocus="#bulk-set-industry">
      <form noValidate onSubmit={(e) => void submit(e)} data-testid="bulk-form">
        <p className="muted">{t('bulk.dialogIntro')}</p>
        {scheme && scheme.categories.length > 0 ? (
          <div className="bulk-pick">
            <label htmlFor="bulk-categoryPick" className="field-label">
              {t('detail.categoryPick', { scheme: scheme.name })}
            </label>
            <select
              id="bulk-categoryPick"
              data-testid="bulk-category-pick"
              defaultValue=""
              onChange={(e) => {
                const c = scheme.categories.find((x) => x.code === e.target.value);
                if (c) for (const [k, v] of Object.entries(categoryFields(scheme, c))) set(k as BulkDialogField, v);
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
        <div className="bulk-fields" role="group" aria-label={t('bulk.fieldsLabel')}>
          {BULK_DIALOG_FIELDS.map((f) => {
            const label = t(ENTRY_FIELD_LABEL_KEYS[f]);
            const errs = [
              ...(on.has(f) && problems[f] && submitted ? [t(problems[f]!)] : []),
              ...fieldErrors.filter((e) => e.field === f).map(pick),
            ];
            const errId = errs.length ? `bulk-${f}-error` : undefined;
            return (
              <div key={f} className={`bulk-row${on.has(f) ? ' bulk-row-on' : ''}${errs.length ? ' field-invalid' : ''}`}>
                <input
                  type="checkbox"
                  id={`bulk-set-${f}`}
                  checked={on.has(f)}
                  aria-label={t('bulk.setField', { field: label })}
                  data-testid={`bulk-set-${f}`}
                  onChange={(e) => toggle(f, e.target.checked)}
                />
                <label htmlFor={`bulk-${f}`} className="bulk-label">
                  {label}
                </label>
                <div className="bulk-control">
                  {control(f, errId, errs.length > 0)}
                  {errs.length ? (
                    <p id={errId} className="field-error" data-testid={`bulk-error-${f}`}>
                      {errs.join(' ')}
                    </p>
                  ) : null}
                </div>
              </div>
            );
          })}
        </div>
        {error ? <Alert testId="bulk-error">{pick(error)}</Alert> : null}
        <div className="actions">
          <button type="button" className="btn btn-secondary" data-testid="bulk-cancel" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="bulk-apply" disabled={busy || on.size === 0} aria-busy={busy}>
            {busy ? t('bulk.applying') : t('bulk.apply', { count })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
