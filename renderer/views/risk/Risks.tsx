/**
 * Risks of the assessment: the heat map (likelihood × impact, counts per cell, coloured by the
 * matrix's level; a click on a cell filters the list), the list (highest level first; an open risk
 * past its remediation deadline is marked overdue), and the form: source, description, links to
 * checklist items, resources and processing activities, likelihood and impact with the level
 * computed live from the project's matrix, owner, remediation plan, deadline and status.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ChecklistItem, HeatMap, RegisterRecord, RiskRecord } from '../../../main/api/contract/risk';
import { RISK_STATUSES, rateRisk, riskFieldsSchema, type RiskFields, type RiskMatrix, type RiskStatus } from '../../../main/domain/risk';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { useLang, usePick, useT, type Lang } from '../../i18n/index';
import { Alert, Status } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useRiskStore } from '../../store/risk';
import type { ProjectContext } from './Risk';
import { Picker } from './Picker';
import { useValueLabel } from './labels';

/** Black or white text, whichever reads better on the level's colour. */
export function inkFor(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return lum > 0.4 ? '#1f2933' : '#ffffff';
}

const axisLabel = (lang: Lang, a: { label: string; labelEn: string }) => (lang === 'en' && a.labelEn ? a.labelEn : a.label);

export function LevelTag({ name, nameEn, color, testId }: { name: string; nameEn: string; color: string; testId?: string }) {
  const lang = useLang();
  return (
    <span className="risk-level" style={{ background: color, color: inkFor(color) }} data-level={name} data-testid={testId}>
      {lang === 'en' && nameEn ? nameEn : name}
    </span>
  );
}

export function Risks({ ctx }: { ctx: ProjectContext }) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const label = useValueLabel();
  const { project } = ctx;
  const cell = useRiskStore((s) => s.cell);
  const setCell = useRiskStore((s) => s.setCell);
  const [risks, setRisks] = useState<RiskRecord[] | null>(null);
  const [heat, setHeat] = useState<HeatMap | null>(null);
  const [rev, setRev] = useState(0);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [onlyOverdue, setOnlyOverdue] = useState(false);
  const [editing, setEditing] = useState<RiskRecord | 'new' | null>(null);
  const [removing, setRemoving] = useState<RiskRecord | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([client.invoke('risk.risk.list', { projectId: project.id }), client.invoke('risk.heatmap', { projectId: project.id })]).then(([r, h]) => {
      if (!live) return;
      if (r.ok) setRisks(r.value);
      else setError(r.error);
      if (h.ok) setHeat(h.value);
      else setError(h.error);
    });
    return () => {
      live = false;
    };
  }, [client, project.id, rev]);

  const shown = useMemo(
    () => (risks ?? []).filter((r) => (!cell || (r.likelihood === cell.likelihood && r.impact === cell.impact)) && (!onlyOverdue || r.overdue)),
    [risks, cell, onlyOverdue],
  );
  const m = project.matrix;
  const lAxis = (v: number) => (m.likelihood[v - 1] ? axisLabel(lang, m.likelihood[v - 1]!) : String(v));
  const iAxis = (v: number) => (m.impact[v - 1] ? axisLabel(lang, m.impact[v - 1]!) : String(v));

  const remove = async (r: RiskRecord) => {
    setRemoving(null);
    const res = await client.invoke('risk.risk.remove', { projectId: project.id, id: r.id });
    if (res.ok) {
      setStatus(t('risk.risk.deleted', { title: r.title }));
      setRev((n) => n + 1);
    } else setError(res.error);
  };

  return (
    <div className="risk-risks">
      <Status testId="risk-risk-status">{status}</Status>
      {error ? <Alert testId="risk-risk-error">{pick(error)}</Alert> : null}
      {heat ? <HeatMapView heat={heat} selected={cell} onSelect={setCell} /> : null}
      <section className="card" aria-labelledby="risk-list-heading" data-testid="risk-list">
        <div className="page-head">
          <h2 id="risk-list-heading">{t('risk.risk.list')}</h2>
          <button type="button" className="btn btn-primary btn-small" data-testid="risk-risk-add" onClick={() => setEditing('new')}>
            {t('risk.risk.add')}
          </button>
        </div>
        <div className="risk-toolbar">
          {cell ? (
            <span className="filter-chip" data-testid="risk-cell-filter" data-likelihood={cell.likelihood} data-impact={cell.impact}>
              {t('risk.heat.filterChip', { l: lAxis(cell.likelihood), i: iAxis(cell.impact) })}
              <button type="button" className="chip-clear" aria-label={t('risk.heat.clear')} data-testid="risk-cell-filter-clear" onClick={() => setCell(null)}>
                ×
              </button>
            </span>
          ) : null}
          <label className="inline-field">
            <input type="checkbox" data-testid="risk-only-overdue" checked={onlyOverdue} onChange={(e) => setOnlyOverdue(e.target.checked)} />
            <span>{t('risk.risk.onlyOverdue')}</span>
          </label>
          <span className="muted" data-testid="risk-risk-total" data-shown={shown.length} data-total={risks?.length ?? ''} aria-live="polite">
            {risks ? t('risk.risk.shown', { shown: shown.length, total: risks.length }) : t('common.loading')}
          </span>
        </div>
        {risks && shown.length === 0 ? (
          <p className="muted" data-testid="risk-risk-empty">
            {risks.length === 0 ? t('risk.risk.empty') : t('risk.risk.emptyFiltered')}
          </p>
        ) : null}
        {shown.length > 0 ? (
          <div className="table-wrap">
            <table className="data-table" data-testid="risk-risk-table">
              <thead>
                <tr>
                  <th scope="col">{t('risk.risk.col.level')}</th>
                  <th scope="col">{t('risk.risk.col.title')}</th>
                  <th scope="col">{t('risk.risk.col.rating')}</th>
                  <th scope="col">{t('risk.f.owner')}</th>
                  <th scope="col">{t('risk.f.deadline')}</th>
                  <th scope="col">{t('risk.f.riskStatus')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('risk.col.action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr
                    key={r.id}
                    className={r.overdue ? 'risk-row-overdue' : undefined}
                    data-testid="risk-risk-row"
                    data-id={r.id}
                    data-level={r.level}
                    data-overdue={r.overdue}
                    data-likelihood={r.likelihood}
                    data-impact={r.impact}
                  >
                    <td className="nowrap">
                      <LevelTag name={r.level} nameEn={r.levelEn} color={r.color} />
                    </td>
                    <td>
                      {r.title}
                      {r.description ? <div className="muted risk-cell-long">{r.description}</div> : null}
                    </td>
                    <td className="nowrap">{t('risk.risk.rating', { l: lAxis(r.likelihood), i: iAxis(r.impact) })}</td>
                    <td>{r.owner || t('common.none')}</td>
                    <td className="nowrap">
                      {r.deadline || t('common.none')}
                      {r.overdue ? (
                        <>
                          {' '}
                          <span className="risk-overdue-badge" data-testid="risk-overdue">
                            {t('risk.risk.overdue')}
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td className="nowrap">{label(r.status)}</td>
                    <td className="nowrap">
                      <button type="button" className="btn btn-secondary btn-small" data-testid="risk-risk-edit" aria-label={t('risk.reg.editLabel', { name: r.title })} onClick={() => setEditing(r)}>
                        {t('risk.reg.edit')}
                      </button>{' '}
                      <button type="button" className="btn btn-ghost btn-small" data-testid="risk-risk-delete" aria-label={t('risk.reg.deleteLabel', { name: r.title })} onClick={() => setRemoving(r)}>
                        {t('risk.reg.delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {editing ? (
        <RiskForm
          ctx={ctx}
          risk={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(r) => {
            setEditing(null);
            setStatus(t('risk.risk.saved', { title: r.title, level: lang === 'en' ? r.levelEn || r.level : r.level }));
            setRev((n) => n + 1);
          }}
        />
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={t('risk.reg.deleteTitle', { name: removing.title })}
          body={t('risk.risk.deleteBody')}
          confirmLabel={t('risk.reg.delete')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        />
      ) : null}
    </div>
  );
}

function HeatMapView({ heat, selected, onSelect }: { heat: HeatMap; selected: { likelihood: number; impact: number } | null; onSelect(c: { likelihood: number; impact: number } | null): void }) {
  const t = useT();
  const lang = useLang();
  // Highest likelihood at the top, as heat maps are read.
  const rows = [...heat.rows].reverse();
  return (
    <section className="card risk-heat" aria-labelledby="risk-heat-heading" data-testid="risk-heatmap" data-overdue={heat.overdue}>
      <h2 id="risk-heat-heading">{t('risk.heat.title')}</h2>
      {heat.overdue > 0 ? (
        <p className="risk-overdue-banner" data-testid="risk-overdue-banner">
          {t('risk.heat.overdue', { count: heat.overdue })}
        </p>
      ) : null}
      <div className="risk-heat-wrap">
        <span className="risk-heat-ylabel">{t('risk.heat.likelihood')}</span>
        <table className="risk-heat-grid">
          <caption className="sr-only">{t('risk.heat.caption')}</caption>
          <tbody>
            {rows.map((row) => {
              const l = heat.likelihood[row[0]!.likelihood - 1]!;
              return (
                <tr key={l.value}>
                  <th scope="row" className="risk-heat-axis">
                    {axisLabel(lang, l)}
                  </th>
                  {row.map((c) => {
                    const i = heat.impact[c.impact - 1]!;
                    const level = heat.levels[c.levelIndex]!;
                    const pressed = selected?.likelihood === c.likelihood && selected.impact === c.impact;
                    const levelName = lang === 'en' && level.nameEn ? level.nameEn : level.name;
                    return (
                      <td key={c.impact}>
                        <button
                          type="button"
                          className={`risk-heat-cell${pressed ? ' risk-heat-pressed' : ''}${c.riskIds.length === 0 ? ' risk-heat-empty' : ''}`}
                          style={{ background: c.color, color: inkFor(c.color) }}
                          aria-pressed={pressed}
                          aria-label={t('risk.heat.cellLabel', { l: axisLabel(lang, l), i: axisLabel(lang, i), count: c.riskIds.length, level: levelName })}
                          title={levelName}
                          data-testid="risk-heat-cell"
                          data-likelihood={c.likelihood}
                          data-impact={c.impact}
                          data-count={c.riskIds.length}
                          data-level={level.name}
                          onClick={() => onSelect(pressed ? null : { likelihood: c.likelihood, impact: c.impact })}
                        >
                          {c.riskIds.length > 0 ? c.riskIds.length : ''}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            <tr>
              <td />
              {heat.impact.map((i) => (
                <th key={i.value} scope="col" className="risk-heat-axis risk-heat-axis-x">
                  {axisLabel(lang, i)}
                </th>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <p className="risk-heat-xlabel">{t('risk.heat.impact')}</p>
      <ul className="risk-heat-legend" aria-label={t('risk.heat.legend')}>
        {[...heat.levels].reverse().map((l) => (
          <li key={l.name} data-testid="risk-heat-level" data-level={l.name} data-count={l.count}>
            <span className="risk-heat-swatch" style={{ background: l.color }} aria-hidden="true" />
            {lang === 'en' && l.nameEn ? l.nameEn : l.name} <span className="muted">{l.count}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

type FormValues = Omit<RiskFields, 'likelihood' | 'impact'> & { likelihood: number; impact: number };

function blankRisk(m: RiskMatrix): FormValues {
  return {
    title: '',
    description: '',
    weakness: '',
    sourceIds: [],
    itemIds: [],
    resourceIds: [],
    activityIds: [],
    likelihood: Math.ceil(m.likelihood.length / 2),
    impact: Math.ceil(m.impact.length / 2),
    owner: '',
    remediation: '',
    deadline: '',
    status: riskFieldsSchema.shape.status.parse(undefined),
  };
}

function RiskForm({ ctx, risk, onCancel, onSaved }: { ctx: ProjectContext; risk: RiskRecord | null; onCancel(): void; onSaved(r: RiskRecord): void }) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const label = useValueLabel();
  const m = ctx.project.matrix;
  const [v, setV] = useState<FormValues>(() => {
    if (!risk) return blankRisk(m);
    const { title, description, weakness, sourceIds, itemIds, resourceIds, activityIds, likelihood, impact, owner, remediation, deadline, status } = risk;
    return { title, description, weakness, sourceIds, itemIds, resourceIds, activityIds, likelihood, impact, owner, remediation, deadline, status };
  });
  const [sources, setSources] = useState<RegisterRecord[]>([]);
  const [activities, setActivities] = useState<RegisterRecord[]>([]);
  const [items, setItems] = useState<ChecklistItem[]>([]);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const projectId = ctx.project.id;
    void Promise.all([
      client.invoke('risk.register.list', { projectId, kind: 'source' }),
      client.invoke('risk.register.list', { projectId, kind: 'activity' }),
      client.invoke('risk.checklist.get', { projectId }),
    ]).then(([s, a, c]) => {
      if (!live) return;
      if (s.ok) setSources(s.value);
      if (a.ok) setActivities(a.value);
      if (c.ok) setItems(c.value.items);
      const failed = [s, a, c].find((x) => !x.ok);
      if (failed && !failed.ok) setError(failed.error);
    });
    return () => {
      live = false;
    };
  }, [client, ctx.project.id]);

  const rated = rateRisk(m, v.likelihood, v.impact);
  const set = <K extends keyof FormValues>(k: K, value: FormValues[K]) => setV((x) => ({ ...x, [k]: value }));

  const submit = async () => {
    if (!v.title.trim()) {
      setMissing(true);
      document.getElementById('risk-f-title')?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    const fields = { ...v, title: v.title.trim(), owner: v.owner.trim() };
    const r = await client.invoke('risk.risk.save', { projectId: ctx.project.id, ...(risk ? { id: risk.id } : {}), fields });
    setBusy(false);
    if (r.ok) onSaved(r.value);
    else setError(r.error);
  };

  const str = (k: 'title' | 'description' | 'weakness' | 'owner' | 'remediation' | 'deadline') => ({
    value: v[k],
    onChange: (e: { target: { value: string } }) => set(k, e.target.value),
  });

  return (
    <Dialog title={t(risk ? 'risk.risk.editTitle' : 'risk.risk.newTitle')} testId="risk-risk-form" onCancel={onCancel} wide>
      <form
        className="risk-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted">{t('common.requiredHint')}</p>
        <Field id="risk-f-title" label={t('risk.f.riskTitle')} required errors={missing ? [t('risk.f.required')] : []}>
          {(p) => <input {...p} type="text" data-testid="risk-f-title" maxLength={300} {...str('title')} />}
        </Field>
        <div className="risk-form-grid">
          <Field id="risk-f-description" label={t('risk.f.riskDescription')}>
            {(p) => <textarea {...p} data-testid="risk-f-description" rows={3} maxLength={2000} {...str('description')} />}
          </Field>
          <Field id="risk-f-weakness" label={t('risk.f.weakness')}>
            {(p) => <textarea {...p} data-testid="risk-f-weakness" rows={3} maxLength={2000} {...str('weakness')} />}
          </Field>
        </div>
        <div className="risk-rating" data-testid="risk-rating">
          <Field id="risk-f-likelihood" label={t('risk.f.likelihood')}>
            {(p) => (
              <select {...p} data-testid="risk-f-likelihood" value={v.likelihood} onChange={(e) => set('likelihood', Number(e.target.value))}>
                {m.likelihood.map((x, i) => (
                  <option key={i} value={i + 1}>
                    {`${i + 1} ${axisLabel(lang, x)}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="risk-f-impact" label={t('risk.f.impact')}>
            {(p) => (
              <select {...p} data-testid="risk-f-impact" value={v.impact} onChange={(e) => set('impact', Number(e.target.value))}>
                {m.impact.map((x, i) => (
                  <option key={i} value={i + 1}>
                    {`${i + 1} ${axisLabel(lang, x)}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="field">
            <span className="field-label" id="risk-f-level-label">
              {t('risk.f.level')}
            </span>
            <output aria-labelledby="risk-f-level-label" aria-live="polite" data-testid="risk-f-level" data-level={rated?.name ?? ''}>
              {rated ? <LevelTag name={rated.name} nameEn={rated.nameEn} color={rated.color} /> : t('common.none')}
            </output>
          </div>
        </div>
        <div className="risk-form-grid">
          <Picker
            label={t('risk.f.sources')}
            testId="risk-f-sources"
            options={sources.map((s) => ({ value: s.id, label: `${String((s.fields as { name?: string }).name ?? '')} (${label(String((s.fields as { kind?: string }).kind ?? ''))})` }))}
            selected={v.sourceIds}
            onChange={(x) => set('sourceIds', x)}
            empty={t('risk.pick.noSources')}
          />
          <Picker
            label={t('risk.f.activities')}
            testId="risk-f-activities"
            options={activities.map((a) => {
              const f = a.fields as { activity?: string; purpose?: string };
              return { value: a.id, label: `${label(f.activity ?? '')}${f.purpose ? ` ${f.purpose}` : ''}` };
            })}
            selected={v.activityIds}
            onChange={(x) => set('activityIds', x)}
            empty={t('risk.pick.noActivities')}
          />
          <Picker
            label={t('risk.f.items')}
            testId="risk-f-items"
            options={items.map((i) => ({ value: i.id, label: `${i.id} ${lang === 'en' ? i.titleEn : i.title}${i.conclusion ? ` (${label(i.conclusion)})` : ''}` }))}
            selected={v.itemIds}
            onChange={(x) => set('itemIds', x)}
            empty={t('common.loading')}
          />
          <Picker
            label={t('risk.f.resources')}
            testId="risk-f-resources"
            options={ctx.scope.map((s) => ({ value: s.resourceId, label: `${s.dataId} ${s.name}` }))}
            selected={v.resourceIds}
            onChange={(x) => set('resourceIds', x)}
            empty={t('risk.pick.noScope')}
          />
        </div>
        <div className="risk-form-grid">
          <Field id="risk-f-owner" label={t('risk.f.owner')}>
            {(p) => <input {...p} type="text" data-testid="risk-f-owner" maxLength={100} {...str('owner')} />}
          </Field>
          <Field id="risk-f-deadline" label={t('risk.f.deadline')}>
            {(p) => <input {...p} type="date" data-testid="risk-f-deadline" {...str('deadline')} />}
          </Field>
          <Field id="risk-f-status" label={t('risk.f.riskStatus')}>
            {(p) => (
              <select {...p} data-testid="risk-f-status" value={v.status} onChange={(e) => set('status', e.target.value as RiskStatus)}>
                {RISK_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {label(s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="risk-f-remediation" label={t('risk.f.remediation')} className="risk-span">
            {(p) => <textarea {...p} data-testid="risk-f-remediation" rows={3} maxLength={2000} {...str('remediation')} />}
          </Field>
        </div>
        {error ? <Alert testId="risk-risk-form-error">{pick(error)}</Alert> : null}
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="risk-risk-save" disabled={busy} aria-busy={busy}>
            {t('risk.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
