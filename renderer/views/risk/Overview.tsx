/**
 * A project's overview: the GB/T 45577 phases as a stepper (status and note per phase, saved at
 * once), the team, and the scope (the important and core resources by default; others can be
 * added, any can be removed), searchable and paged.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScopeResource } from '../../../main/api/contract/risk';
import { PHASE_STATUSES, type PhaseState, type PhaseStatus, type TeamMember } from '../../../main/domain/risk';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { usePick, useT } from '../../i18n/index';
import { Alert, Status } from '../../components/Alert';
import { Pager } from '../../components/Pager';
import { useViewStore } from '../../store/view';
import type { ProjectContext } from './Risk';
import { isLevel } from '../../../main/domain/levels';
import { LevelBadge } from '../../components/LevelBadge';
import { useValueLabel } from './labels';
import { MatrixEditor } from './MatrixEditor';

const SCOPE_PAGE = 50;

export function Overview({ ctx }: { ctx: ProjectContext }) {
  // Two forms on this page can hold unsaved edits: leaving asks when either does.
  const setDirty = useViewStore((s) => s.setDirty);
  const [teamDirty, setTeamDirty] = useState(false);
  const [matrixDirty, setMatrixDirty] = useState(false);
  useEffect(() => setDirty(teamDirty || matrixDirty), [teamDirty, matrixDirty, setDirty]);
  useEffect(() => () => setDirty(false), [setDirty]);
  const onTeamDirty = useCallback((d: boolean) => setTeamDirty(d), []);
  const onMatrixDirty = useCallback((d: boolean) => setMatrixDirty(d), []);
  return (
    <>
      <Phases ctx={ctx} />
      <Team ctx={ctx} onDirty={onTeamDirty} />
      <MatrixEditor ctx={ctx} onDirty={onMatrixDirty} />
      <Scope ctx={ctx} />
    </>
  );
}

function Phases({ ctx }: { ctx: ProjectContext }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const label = useValueLabel();
  const { project, setProject } = ctx;
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');

  const save = async (phases: PhaseState[]) => {
    setError(null);
    const r = await client.invoke('risk.project.update', { projectId: project.id, phases });
    if (r.ok) {
      setProject(r.value);
      setStatus(t('risk.phase.saved'));
    } else setError(r.error);
  };
  const change = (i: number, patch: Partial<PhaseState>) => void save(project.phases.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  return (
    <section className="card" aria-labelledby="risk-phases-heading" data-testid="risk-phases">
      <h2 id="risk-phases-heading">{t('risk.phases')}</h2>
      <ol className="risk-stepper">
        {project.phases.map((p, i) => (
          <li key={p.phase} className={`risk-step risk-step-${PHASE_STATUSES.indexOf(p.status)}`} data-testid="risk-phase" data-phase={p.phase} data-status={p.status}>
            <span className="risk-step-mark" aria-hidden="true">
              {p.status === PHASE_STATUSES[PHASE_STATUSES.length - 1] ? '\u2713' : i + 1}
            </span>
            <div className="risk-step-body">
              <span className="risk-step-name">{label(p.phase)}</span>
              <label className="sr-only" htmlFor={`risk-phase-status-${i}`}>
                {t('risk.phase.statusLabel', { phase: label(p.phase) })}
              </label>
              <select id={`risk-phase-status-${i}`} data-testid={`risk-phase-status-${i}`} value={p.status} onChange={(e) => change(i, { status: e.target.value as PhaseStatus })}>
                {PHASE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {label(s)}
                  </option>
                ))}
              </select>
              <PhaseNote value={p.note} label={t('risk.phase.noteLabel', { phase: label(p.phase) })} onSave={(note) => change(i, { note })} />
            </div>
          </li>
        ))}
      </ol>
      <Status testId="risk-phase-status">{status}</Status>
      {error ? <Alert testId="risk-phase-error">{pick(error)}</Alert> : null}
    </section>
  );
}

/** A phase's note, saved when the field is left (only when it changed). */
function PhaseNote({ value, label, onSave }: { value: string; label: string; onSave(v: string): void }) {
  const t = useT();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <input
      type="text"
      className="risk-step-note"
      aria-label={label}
      placeholder={t('risk.phase.notePlaceholder')}
      maxLength={1000}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => {
        if (text !== value) onSave(text);
      }}
    />
  );
}

function Team({ ctx, onDirty }: { ctx: ProjectContext; onDirty(dirty: boolean): void }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const { project, setProject } = ctx;
  const [team, setTeam] = useState<TeamMember[]>(project.team);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [missing, setMissing] = useState(false);
  const dirty = JSON.stringify(team) !== JSON.stringify(project.team);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const lastName = useRef<HTMLInputElement | null>(null);
  const [focusNew, setFocusNew] = useState(false);
  useEffect(() => {
    if (focusNew) {
      lastName.current?.focus();
      setFocusNew(false);
    }
  }, [focusNew]);

  const set = (i: number, patch: Partial<TeamMember>) => setTeam((ts) => ts.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const save = async () => {
    const clean = team.map((m) => ({ name: m.name.trim(), role: m.role.trim(), organisation: m.organisation.trim() }));
    if (clean.some((m) => !m.name)) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setError(null);
    const r = await client.invoke('risk.project.update', { projectId: project.id, team: clean });
    if (r.ok) {
      setProject(r.value);
      setTeam(r.value.team);
      setStatus(t('risk.team.saved', { count: r.value.team.length }));
    } else setError(r.error);
  };

  return (
    <section className="card" aria-labelledby="risk-team-heading" data-testid="risk-team">
      <h2 id="risk-team-heading">{t('risk.team')}</h2>
      {team.length === 0 ? <p className="muted">{t('risk.team.empty')}</p> : null}
      {team.length > 0 ? (
        <table className="data-table risk-team-table">
          <thead>
            <tr>
              <th scope="col">{t('risk.team.name')}</th>
              <th scope="col">{t('risk.team.role')}</th>
              <th scope="col">{t('risk.team.org')}</th>
              <th scope="col">
                <span className="sr-only">{t('risk.col.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {team.map((m, i) => (
              <tr key={i} data-testid="risk-team-row">
                <td>
                  <input
                    type="text"
                    ref={i === team.length - 1 ? lastName : undefined}
                    aria-label={t('risk.team.nameOf', { n: i + 1 })}
                    aria-invalid={missing && !m.name.trim()}
                    data-testid={`risk-team-name-${i}`}
                    maxLength={100}
                    value={m.name}
                    onChange={(e) => set(i, { name: e.target.value })}
                  />
                </td>
                <td>
                  <input type="text" aria-label={t('risk.team.roleOf', { n: i + 1 })} data-testid={`risk-team-role-${i}`} maxLength={100} value={m.role} onChange={(e) => set(i, { role: e.target.value })} />
                </td>
                <td>
                  <input type="text" aria-label={t('risk.team.orgOf', { n: i + 1 })} data-testid={`risk-team-org-${i}`} maxLength={300} value={m.organisation} onChange={(e) => set(i, { organisation: e.target.value })} />
                </td>
                <td>
                  <button type="button" className="btn btn-ghost btn-small" aria-label={t('risk.team.removeLabel', { n: i + 1 })} onClick={() => setTeam((ts) => ts.filter((_, j) => j !== i))}>
                    {t('risk.team.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {missing ? (
        <p className="field-error" data-testid="risk-team-missing">
          {t('risk.team.nameRequired')}
        </p>
      ) : null}
      <div className="actions actions-start">
        <button
          type="button"
          className="btn btn-secondary btn-small"
          data-testid="risk-team-add"
          onClick={() => {
            setTeam((ts) => [...ts, { name: '', role: '', organisation: '' }]);
            setFocusNew(true);
          }}
        >
          {t('risk.team.add')}
        </button>
        <button type="button" className="btn btn-primary btn-small" data-testid="risk-team-save" disabled={!dirty} onClick={() => void save()}>
          {t('risk.team.save')}
        </button>
      </div>
      <Status testId="risk-team-status">{status}</Status>
      {error ? <Alert testId="risk-team-error">{pick(error)}</Alert> : null}
    </section>
  );
}

function Scope({ ctx }: { ctx: ProjectContext }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const { project, setProject, reloadScope } = ctx;
  const [inScopeOnly, setInScopeOnly] = useState(true);
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  const [rev, setRev] = useState(0);
  const [data, setData] = useState<{ total: number; rows: ScopeResource[] } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  useInvokeEffect(
    'risk.scope.list',
    { projectId: project.id, inScopeOnly, offset, limit: SCOPE_PAGE, ...(query ? { search: query } : {}) },
    (r) => {
      if (r.ok) setData(r.value);
      else setError(r.error);
    },
    [project.id, inScopeOnly, offset, query, rev],
  );

  const toggle = async (r: ScopeResource) => {
    setError(null);
    const res = await client.invoke('risk.scope.set', { projectId: project.id, add: r.inScope ? [] : [r.resourceId], remove: r.inScope ? [r.resourceId] : [] });
    if (!res.ok) {
      setError(res.error);
      return;
    }
    setStatus(t(r.inScope ? 'risk.scope.removed' : 'risk.scope.added', { name: r.name, count: res.value.scopeCount }));
    setProject({ ...project, scopeCount: res.value.scopeCount });
    reloadScope();
    setRev((n) => n + 1);
  };

  return (
    <section className="card" aria-labelledby="risk-scope-heading" data-testid="risk-scope">
      <h2 id="risk-scope-heading">{t('risk.scope')}</h2>
      <p className="muted">{t('risk.scope.intro')}</p>
      <div className="risk-toolbar" role="group" aria-label={t('risk.scope.filters')}>
        <label className="inline-field">
          <span>{t('risk.scope.search')}</span>
          <input
            type="search"
            data-testid="risk-scope-search"
            maxLength={100}
            value={search}
            onChange={(e) => {
              const v = e.target.value;
              setSearch(v);
              clearTimeout(timer.current);
              timer.current = setTimeout(() => {
                setQuery(v.trim());
                setOffset(0);
              }, 250);
            }}
          />
        </label>
        <label className="inline-field">
          <input
            type="checkbox"
            data-testid="risk-scope-only"
            checked={inScopeOnly}
            onChange={(e) => {
              setInScopeOnly(e.target.checked);
              setOffset(0);
            }}
          />
          <span>{t('risk.scope.inScopeOnly')}</span>
        </label>
        <span className="muted" data-testid="risk-scope-total" data-total={data?.total ?? ''} aria-live="polite">
          {data ? t('risk.scope.total', { count: data.total }) : t('common.loading')}
        </span>
      </div>
      <Status testId="risk-scope-status">{status}</Status>
      {error ? <Alert testId="risk-scope-error">{pick(error)}</Alert> : null}
      {data && data.rows.length === 0 ? (
        <p className="muted" data-testid="risk-scope-empty">
          {inScopeOnly && !query ? t('risk.scope.emptyScope') : t('risk.scope.none')}
        </p>
      ) : null}
      {data && data.rows.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table" data-testid="risk-scope-table">
            <thead>
              <tr>
                <th scope="col">{t('risk.scope.col.dataId')}</th>
                <th scope="col">{t('risk.scope.col.name')}</th>
                <th scope="col">{t('risk.scope.col.system')}</th>
                <th scope="col">{t('risk.scope.col.level')}</th>
                <th scope="col">{t('risk.scope.col.catalog')}</th>
                <th scope="col">{t('risk.scope.col.in')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.resourceId} data-testid="risk-scope-row" data-resource-id={r.resourceId} data-data-id={r.dataId} data-in-scope={r.inScope}>
                  <td className="mono nowrap">{r.dataId}</td>
                  <td>{r.name}</td>
                  <td>{r.systemName}</td>
                  <td className="nowrap">{isLevel(r.level) ? <LevelBadge level={r.level} /> : r.level || t('common.none')}</td>
                  <td className="nowrap">{isLevel(r.catalogLevel) ? <LevelBadge level={r.catalogLevel} /> : r.catalogLevel || t('common.none')}</td>
                  <td className="nowrap">
                    <button
                      type="button"
                      className={`btn btn-small ${r.inScope ? 'btn-ghost' : 'btn-secondary'}`}
                      data-testid="risk-scope-toggle"
                      aria-label={t(r.inScope ? 'risk.scope.removeLabel' : 'risk.scope.addLabel', { name: r.name })}
                      onClick={() => void toggle(r)}
                    >
                      {t(r.inScope ? 'risk.scope.remove' : 'risk.scope.add')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data ? <Pager offset={offset} limit={SCOPE_PAGE} total={data.total} label={t('risk.scope.pagination')} testId="risk-scope-pager" onOffset={setOffset} /> : null}
    </section>
  );
}
