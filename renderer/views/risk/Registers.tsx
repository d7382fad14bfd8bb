/**
 * The assessment's registers, one tab each: processing activities, security measures (and how
 * effective they were found), provision / entrustment / joint processing, cross-border transfers,
 * incidents, and risk sources. Each is a table with add, edit and delete, every record linked to
 * resources of the project's scope. The fields of each register are described once (REGISTER_SPECS).
 */
import { useState } from 'react';
import type { ChannelInput } from '../../../main/api/contract';
import type { RegisterRecord } from '../../../main/api/contract/risk';
import {
  ACTIVITY_KINDS, CROSS_BORDER_BASES, EFFECTIVENESS, INCIDENT_SEVERITIES, INCIDENT_STATUSES, MEASURE_KINDS, PROVISION_MODES, REGISTER_KINDS, SOURCE_KINDS, YES_NO, registerFieldSchemas,
  type RegisterKind,
} from '../../../main/domain/risk';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { usePick, useT, type MessageKey } from '../../i18n/index';
import { Alert, Status } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Tabs, tabPanelProps } from '../../components/Tabs';
import { useRiskStore } from '../../store/risk';
import type { ProjectContext } from './Risk';
import { Picker } from './Picker';
import { useValueLabel } from './labels';

interface FieldSpec {
  key: string;
  label: MessageKey;
  type: 'text' | 'textarea' | 'select' | 'date';
  options?: readonly string[];
  required?: boolean;
  max: number;
}

interface RegisterSpec {
  title: MessageKey;
  /** The field that names a record (in the table and in labels). */
  nameKey: string;
  columns: string[];
  fields: FieldSpec[];
}

const text = (key: string, label: MessageKey, max = 1000, required = false): FieldSpec => ({ key, label, type: 'text', max, required });
const area = (key: string, label: MessageKey, max = 2000): FieldSpec => ({ key, label, type: 'textarea', max });
const select = (key: string, label: MessageKey, options: readonly string[]): FieldSpec => ({ key, label, type: 'select', options, max: 100 });

export const REGISTER_SPECS: Record<RegisterKind, RegisterSpec> = {
  activity: {
    title: 'risk.reg.activity',
    nameKey: 'activity',
    columns: ['activity', 'purpose', 'systems', 'parties'],
    fields: [
      select('activity', 'risk.f.activity', ACTIVITY_KINDS),
      area('purpose', 'risk.f.purpose', 1000),
      area('scope', 'risk.f.scope', 1000),
      text('systems', 'risk.f.systems', 500),
      text('parties', 'risk.f.parties', 500),
      area('notes', 'risk.f.notes'),
    ],
  },
  measure: {
    title: 'risk.reg.measure',
    nameKey: 'measure',
    columns: ['measure', 'effectiveness', 'description'],
    fields: [
      select('measure', 'risk.f.measure', MEASURE_KINDS),
      area('description', 'risk.f.measureDescription'),
      select('effectiveness', 'risk.f.effectiveness', EFFECTIVENESS),
      area('notes', 'risk.f.notes'),
    ],
  },
  provision: {
    title: 'risk.reg.provision',
    nameKey: 'recipient',
    columns: ['mode', 'recipient', 'purpose', 'assessed'],
    fields: [
      select('mode', 'risk.f.mode', PROVISION_MODES),
      text('recipient', 'risk.f.recipient', 300, true),
      area('purpose', 'risk.f.purpose', 1000),
      text('agreement', 'risk.f.agreement', 1000),
      select('assessed', 'risk.f.assessed', YES_NO),
      area('assessmentNotes', 'risk.f.assessmentNotes'),
    ],
  },
  crossBorder: {
    title: 'risk.reg.crossBorder',
    nameKey: 'recipient',
    columns: ['recipient', 'country', 'basis', 'volume'],
    fields: [
      text('recipient', 'risk.f.recipient', 300, true),
      text('country', 'risk.f.country', 100),
      area('purpose', 'risk.f.purpose', 1000),
      text('volume', 'risk.f.volume', 200),
      select('basis', 'risk.f.basis', CROSS_BORDER_BASES),
      text('reference', 'risk.f.reference', 300),
      area('notes', 'risk.f.notes'),
    ],
  },
  incident: {
    title: 'risk.reg.incident',
    nameKey: 'title',
    columns: ['title', 'occurredAt', 'severity', 'status'],
    fields: [
      text('title', 'risk.f.incidentTitle', 300, true),
      { key: 'occurredAt', label: 'risk.f.occurredAt', type: 'date', max: 10 },
      select('severity', 'risk.f.severity', INCIDENT_SEVERITIES),
      area('description', 'risk.f.description'),
      area('handling', 'risk.f.handling'),
      select('reported', 'risk.f.reported', YES_NO),
      select('status', 'risk.f.incidentStatus', INCIDENT_STATUSES),
    ],
  },
  source: {
    title: 'risk.reg.source',
    nameKey: 'name',
    columns: ['name', 'kind', 'description'],
    fields: [text('name', 'risk.f.sourceName', 300, true), select('kind', 'risk.f.sourceKind', SOURCE_KINDS), area('description', 'risk.f.description')],
  },
};

type Values = Record<string, string>;

/** A new record: the defaults of the register's schema (the domain's), else the first option of a select. */
function blank(kind: RegisterKind, spec: RegisterSpec): Values {
  const shape = registerFieldSchemas[kind].shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
  return Object.fromEntries(
    spec.fields.map((f) => {
      const d = shape[f.key]?.safeParse(undefined);
      return [f.key, d?.success && typeof d.data === 'string' ? d.data : f.type === 'select' ? (f.options?.[0] ?? '') : ''];
    }),
  );
}

/** A record's text fields (resourceIds apart). */
function valuesOf(spec: RegisterSpec, r: RegisterRecord): Values {
  const fields = r.fields as unknown as Record<string, unknown>;
  return Object.fromEntries(spec.fields.map((f) => [f.key, String(fields[f.key] ?? '')]));
}

export function Registers({ ctx }: { ctx: ProjectContext }) {
  const t = useT();
  const kind = useRiskStore((s) => s.registerKind);
  const setKind = useRiskStore((s) => s.setRegisterKind);
  return (
    <div className="risk-registers">
      <Tabs tabs={REGISTER_KINDS.map((k) => ({ key: k, label: t(REGISTER_SPECS[k].title) }))} selected={kind} onSelect={setKind} label={t('risk.reg.tabs')} idPrefix="risk-reg" small />
      <div {...tabPanelProps('risk-reg', kind)}>
        <Register key={kind} ctx={ctx} kind={kind} />
      </div>
    </div>
  );
}

function Register({ ctx, kind }: { ctx: ProjectContext; kind: RegisterKind }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const label = useValueLabel();
  const spec = REGISTER_SPECS[kind];
  const { project, scope } = ctx;
  const [records, setRecords] = useState<RegisterRecord[] | null>(null);
  const [rev, setRev] = useState(0);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<RegisterRecord | 'new' | null>(null);
  const [removing, setRemoving] = useState<RegisterRecord | null>(null);

  useInvokeEffect(
    'risk.register.list',
    { projectId: project.id, kind },
    (r) => {
      if (r.ok) setRecords(r.value);
      else setError(r.error);
    },
    [project.id, kind, rev],
  );

  const resourceName = (id: number) => {
    const r = scope.find((s) => s.resourceId === id);
    return r ? r.name : `#${id}`;
  };
  const nameOf = (r: RegisterRecord) => {
    const v = String((r.fields as unknown as Record<string, unknown>)[spec.nameKey] ?? '');
    return spec.fields.find((f) => f.key === spec.nameKey)?.type === 'select' ? label(v) : v;
  };

  const remove = async (r: RegisterRecord) => {
    setRemoving(null);
    const res = await client.invoke('risk.register.remove', { projectId: project.id, id: r.id });
    if (res.ok) {
      setStatus(t('risk.reg.deleted', { name: nameOf(r) }));
      setRev((n) => n + 1);
    } else setError(res.error);
  };

  const fieldSpec = (key: string) => spec.fields.find((f) => f.key === key)!;

  return (
    <section className="card" aria-labelledby="risk-reg-heading" data-testid={`risk-register-${kind}`}>
      <div className="page-head">
        <h2 id="risk-reg-heading">{t(spec.title)}</h2>
        <button type="button" className="btn btn-primary btn-small" data-testid="risk-reg-add" onClick={() => setEditing('new')}>
          {t('risk.reg.add')}
        </button>
      </div>
      <Status testId="risk-reg-status">{status}</Status>
      {error ? <Alert testId="risk-reg-error">{pick(error)}</Alert> : null}
      {records === null ? <p className="muted">{t('common.loading')}</p> : null}
      {records && records.length === 0 ? (
        <p className="muted" data-testid="risk-reg-empty">
          {t('risk.reg.empty')}
        </p>
      ) : null}
      {records && records.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table" data-testid="risk-reg-table" data-count={records.length}>
            <thead>
              <tr>
                {spec.columns.map((c) => (
                  <th key={c} scope="col">
                    {t(fieldSpec(c).label)}
                  </th>
                ))}
                <th scope="col">{t('risk.f.resources')}</th>
                <th scope="col">
                  <span className="sr-only">{t('risk.col.action')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => {
                const v = valuesOf(spec, r);
                return (
                  <tr key={r.id} data-testid="risk-reg-row" data-id={r.id}>
                    {spec.columns.map((c) => (
                      <td key={c} className={fieldSpec(c).type === 'textarea' ? 'risk-cell-long' : undefined}>
                        {v[c] ? (fieldSpec(c).type === 'select' ? label(v[c]) : v[c]) : t('common.none')}
                      </td>
                    ))}
                    <td>{r.fields.resourceIds.length ? r.fields.resourceIds.map(resourceName).join(t('common.listSep')) : t('common.none')}</td>
                    <td className="nowrap">
                      <button type="button" className="btn btn-secondary btn-small" data-testid="risk-reg-edit" aria-label={t('risk.reg.editLabel', { name: nameOf(r) })} onClick={() => setEditing(r)}>
                        {t('risk.reg.edit')}
                      </button>{' '}
                      <button type="button" className="btn btn-ghost btn-small" data-testid="risk-reg-delete" aria-label={t('risk.reg.deleteLabel', { name: nameOf(r) })} onClick={() => setRemoving(r)}>
                        {t('risk.reg.delete')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing ? (
        <RegisterForm
          ctx={ctx}
          kind={kind}
          record={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(r) => {
            setEditing(null);
            setStatus(t('risk.reg.saved', { name: nameOf(r) }));
            setRev((n) => n + 1);
          }}
        />
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={t('risk.reg.deleteTitle', { name: nameOf(removing) })}
          body={t('risk.reg.deleteBody')}
          confirmLabel={t('risk.reg.delete')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        />
      ) : null}
    </section>
  );
}

function RegisterForm({ ctx, kind, record, onCancel, onSaved }: { ctx: ProjectContext; kind: RegisterKind; record: RegisterRecord | null; onCancel(): void; onSaved(r: RegisterRecord): void }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const label = useValueLabel();
  const spec = REGISTER_SPECS[kind];
  const [values, setValues] = useState<Values>(() => (record ? valuesOf(spec, record) : blank(kind, spec)));
  const [resourceIds, setResourceIds] = useState<number[]>(() => (record ? [...record.fields.resourceIds] : []));
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const miss = spec.fields.filter((f) => f.required && !values[f.key]?.trim()).map((f) => f.key);
    setMissing(miss);
    if (miss.length > 0) {
      document.getElementById(`risk-reg-f-${miss[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const fields = { ...Object.fromEntries(spec.fields.map((f) => [f.key, f.type === 'select' ? values[f.key] : (values[f.key] ?? '').trim()])), resourceIds };
    const input = { projectId: ctx.project.id, kind, ...(record ? { id: record.id } : {}), fields } as unknown as ChannelInput<'risk.register.save'>;
    const r = await client.invoke('risk.register.save', input);
    setBusy(false);
    if (r.ok) onSaved(r.value);
    else setError(r.error);
  };

  return (
    <Dialog title={t(record ? 'risk.reg.editTitle' : 'risk.reg.newTitle', { kind: t(spec.title) })} testId="risk-reg-form" onCancel={onCancel} wide>
      <form
        className="risk-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted">{t('common.requiredHint')}</p>
        <div className="risk-form-grid">
          {spec.fields.map((f) => (
            <Field key={f.key} id={`risk-reg-f-${f.key}`} label={t(f.label)} required={f.required} errors={missing.includes(f.key) ? [t('risk.f.required')] : []} className={f.type === 'textarea' ? 'risk-span' : undefined}>
              {(p) =>
                f.type === 'select' ? (
                  <select {...p} data-testid={`risk-reg-f-${f.key}`} value={values[f.key]} onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}>
                    {(f.options ?? []).map((o) => (
                      <option key={o} value={o}>
                        {label(o)}
                      </option>
                    ))}
                  </select>
                ) : f.type === 'textarea' ? (
                  <textarea {...p} data-testid={`risk-reg-f-${f.key}`} rows={3} maxLength={f.max} value={values[f.key]} onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))} />
                ) : (
                  <input
                    {...p}
                    type={f.type === 'date' ? 'date' : 'text'}
                    data-testid={`risk-reg-f-${f.key}`}
                    maxLength={f.max}
                    value={values[f.key]}
                    onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
                  />
                )
              }
            </Field>
          ))}
        </div>
        <Picker
          label={t('risk.f.resources')}
          testId="risk-reg-resources"
          options={ctx.scope.map((s) => ({ value: s.resourceId, label: `${s.dataId} ${s.name}` }))}
          selected={resourceIds}
          onChange={setResourceIds}
          empty={t('risk.pick.noScope')}
        />
        {error ? <Alert testId="risk-reg-form-error">{pick(error)}</Alert> : null}
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="risk-reg-save" disabled={busy} aria-busy={busy}>
            {t('risk.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
