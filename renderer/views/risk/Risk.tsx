/**
 * The annual data security risk assessment (regulation art. 33, GB/T 45577): the projects by year,
 * a new one (optionally started from last year's), and the open project with its tabs: overview
 * (phases, team, scope), registers, checklist, risks with the heat map, and the report.
 */
import { useCallback, useEffect, useState } from 'react';
import type { RiskProject, RiskProjectSummary, ScopeResource } from '../../../main/api/contract/risk';
import { RISK_PHASES } from '../../../main/domain/risk';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { formatDateTime, useLang, usePick, useT, type MessageKey } from '../../i18n/index';
import { PageHeading } from '../../components/PageHeading';
import { Alert, Status } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Tabs, tabPanelProps } from '../../components/Tabs';
import { useWorkspaceScopedStore } from '../../store/workspace-scoped';
import { RISK_TABS, useRiskStore, type RiskTab } from '../../store/risk';
import { Overview } from './Overview';
import { Registers } from './Registers';
import { Checklist } from './Checklist';
import { Risks } from './Risks';
import { Report } from './Report';

export function Risk() {
  return useWorkspaceScopedStore(useRiskStore) ? <RiskPage /> : null;
}

function RiskPage() {
  const projectId = useRiskStore((s) => s.projectId);
  return projectId ? <ProjectView key={projectId} projectId={projectId} /> : <ProjectList />;
}

// ---------------------------------------------------------------- project list

function ProjectList() {
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const openProject = useRiskStore((s) => s.openProject);
  const notice = useRiskStore((s) => s.notice);
  const clearNotice = useRiskStore((s) => s.clearNotice);
  const [projects, setProjects] = useState<RiskProjectSummary[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState('');

  useEffect(() => {
    if (notice) {
      setStatus(notice);
      clearNotice();
    }
  }, [notice, clearNotice]);

  useInvokeEffect(
    'risk.project.list',
    {},
    (r) => {
      if (r.ok) setProjects(r.value);
      else setError(r.error);
    },
    [],
  );

  return (
    <div className="risk-page" data-testid="risk-page">
      <div className="page-head">
        <PageHeading>{t('risk.heading')}</PageHeading>
        <button type="button" className="btn btn-primary btn-small" data-testid="risk-new" onClick={() => setCreating(true)}>
          {t('risk.new')}
        </button>
      </div>
      <p className="muted">{t('risk.intro')}</p>
      <Status testId="risk-status">{status}</Status>
      {error ? <Alert testId="risk-error">{pick(error)}</Alert> : null}
      <section className="card" aria-labelledby="risk-projects-heading">
        <h2 id="risk-projects-heading">{t('risk.projects')}</h2>
        {projects === null ? (
          <p className="muted">{t('common.loading')}</p>
        ) : projects.length === 0 ? (
          <p className="muted" data-testid="risk-no-projects">
            {t('risk.noProjects')}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data-table" data-testid="risk-projects">
              <thead>
                <tr>
                  <th scope="col">{t('risk.col.year')}</th>
                  <th scope="col">{t('risk.col.title')}</th>
                  <th scope="col" className="num">
                    {t('risk.col.scope')}
                  </th>
                  <th scope="col">{t('risk.col.risks')}</th>
                  <th scope="col">{t('risk.col.phases')}</th>
                  <th scope="col">{t('risk.col.updated')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('risk.col.action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {projects.map((p) => (
                  <tr key={p.id} data-testid="risk-project-row" data-year={p.year} data-project-id={p.id}>
                    <td className="num">{p.year}</td>
                    <td>{p.title}</td>
                    <td className="num">{p.scopeCount}</td>
                    <td>
                      {t('risk.risksCount', { count: p.risks, open: p.openRisks })}
                      {p.overdue > 0 ? (
                        <>
                          {' '}
                          <span className="risk-overdue-badge">{t('risk.overdueCount', { count: p.overdue })}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{t('risk.phasesDone', { done: p.phasesDone, total: RISK_PHASES.length })}</td>
                    <td className="nowrap">{formatDateTime(lang, p.updatedAt)}</td>
                    <td className="nowrap">
                      <button type="button" className="btn btn-secondary btn-small" data-testid="risk-project-open" aria-label={t('risk.openLabel', { title: p.title })} onClick={() => openProject(p.id)}>
                        {t('risk.open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {creating && projects ? (
        <CreateDialog
          projects={projects}
          onCancel={() => setCreating(false)}
          onCreated={(p) => {
            setCreating(false);
            openProject(p.id, t('risk.created', { year: p.year, count: p.scopeCount }));
          }}
        />
      ) : null}
    </div>
  );
}

function CreateDialog({ projects, onCancel, onCreated }: { projects: RiskProjectSummary[]; onCancel(): void; onCreated(p: RiskProject): void }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const taken = new Set(projects.map((p) => p.year));
  const last = projects[0];
  let suggested = new Date().getFullYear();
  while (taken.has(suggested)) suggested++;
  const [year, setYear] = useState(String(suggested));
  const [title, setTitle] = useState('');
  const [from, setFrom] = useState(last ? String(last.id) : '');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [yearError, setYearError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const y = Number(year);
    if (!Number.isInteger(y) || y < 2000 || y > 2100) {
      setYearError(t('risk.create.yearInvalid'));
      return;
    }
    if (taken.has(y)) {
      setYearError(t('risk.create.yearTaken', { year: y }));
      return;
    }
    setYearError('');
    setBusy(true);
    const r = await client.invoke('risk.project.create', { year: y, ...(title.trim() ? { title: title.trim() } : {}), ...(from ? { fromProjectId: Number(from) } : {}) });
    setBusy(false);
    if (r.ok) onCreated(r.value);
    else setError(r.error);
  };

  return (
    <Dialog title={t('risk.create.title')} testId="risk-create-dialog" onCancel={onCancel}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field id="risk-create-year" label={t('risk.create.year')} required errors={yearError ? [yearError] : []}>
          {(p) => <input {...p} type="number" min={2000} max={2100} data-testid="risk-create-year" value={year} onChange={(e) => setYear(e.target.value)} />}
        </Field>
        <Field id="risk-create-title" label={t('risk.create.titleField')} hint={t('risk.create.titleHint', { year: year || '…' })}>
          {(p) => <input {...p} type="text" data-testid="risk-create-title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field id="risk-create-from" label={t('risk.create.from')} hint={t('risk.create.fromHint')}>
          {(p) => (
            <select {...p} data-testid="risk-create-from" value={from} onChange={(e) => setFrom(e.target.value)}>
              <option value="">{t('risk.create.fromNone')}</option>
              {projects.map((x) => (
                <option key={x.id} value={x.id}>
                  {t('risk.create.fromOption', { year: x.year, title: x.title })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="muted">{t('risk.create.scopeHint')}</p>
        {error ? <Alert testId="risk-create-error">{pick(error)}</Alert> : null}
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="risk-create-submit" disabled={busy} aria-busy={busy}>
            {t('risk.create.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

// ---------------------------------------------------------------- one project

const TAB_KEYS: Record<RiskTab, MessageKey> = {
  overview: 'risk.tab.overview',
  registers: 'risk.tab.registers',
  checklist: 'risk.tab.checklist',
  risks: 'risk.tab.risks',
  report: 'risk.tab.report',
};

/** What the tabs share: the project, its scope (for the resource pickers), and ways to refresh them. */
export interface ProjectContext {
  project: RiskProject;
  scope: ScopeResource[];
  setProject(p: RiskProject): void;
  reloadScope(): void;
}

function ProjectView({ projectId }: { projectId: number }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const tab = useRiskStore((s) => s.tab);
  const setTab = useRiskStore((s) => s.setTab);
  const closeProject = useRiskStore((s) => s.closeProject);
  const notice = useRiskStore((s) => s.notice);
  const clearNotice = useRiskStore((s) => s.clearNotice);
  const [project, setProject] = useState<RiskProject | null>(null);
  const [scope, setScope] = useState<ScopeResource[]>([]);
  const [scopeRev, setScopeRev] = useState(0);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const [removing, setRemoving] = useState(false);

  useEffect(() => {
    if (notice) {
      setStatus(notice);
      clearNotice();
    }
  }, [notice, clearNotice]);

  useInvokeEffect(
    'risk.project.get',
    { projectId },
    (r) => {
      if (r.ok) setProject(r.value);
      else setError(r.error);
    },
    [projectId],
  );

  // The scope's resources, for the pickers of the registers and risks (at most 500 shown there).
  useInvokeEffect(
    'risk.scope.list',
    { projectId, inScopeOnly: true, offset: 0, limit: 500 },
    (r) => {
      if (r.ok) setScope(r.value.rows);
      else setError(r.error);
    },
    [projectId, scopeRev],
  );

  const reloadScope = useCallback(() => setScopeRev((n) => n + 1), []);

  const remove = async () => {
    setRemoving(false);
    const r = await client.invoke('risk.project.remove', { projectId });
    if (r.ok) closeProject(t('risk.removed', { title: project?.title ?? '' }));
    else setError(r.error);
  };

  if (!project)
    return (
      <div className="risk-page" data-testid="risk-project">
        <button type="button" className="btn btn-ghost btn-small" onClick={() => closeProject()}>
          {t('risk.back')}
        </button>
        {error ? <Alert testId="risk-error">{pick(error)}</Alert> : <p className="muted">{t('common.loading')}</p>}
      </div>
    );

  const ctx: ProjectContext = { project, scope, setProject, reloadScope };

  return (
    <div className="risk-page" data-testid="risk-project" data-project-id={project.id} data-year={project.year}>
      <button type="button" className="btn btn-ghost btn-small risk-back" data-testid="risk-back" onClick={() => closeProject()}>
        {t('risk.back')}
      </button>
      <div className="page-head">
        <PageHeading>{project.title}</PageHeading>
        <span className="muted" data-testid="risk-scope-count" data-count={project.scopeCount}>
          {t('risk.scopeCount', { count: project.scopeCount })}
        </span>
        <button type="button" className="btn btn-ghost btn-small risk-remove" data-testid="risk-project-remove" onClick={() => setRemoving(true)}>
          {t('risk.remove')}
        </button>
      </div>
      {project.copiedFrom ? <p className="muted">{t('risk.copiedFrom')}</p> : null}
      <Status testId="risk-status">{status}</Status>
      {error ? <Alert testId="risk-error">{pick(error)}</Alert> : null}
      <Tabs
        tabs={RISK_TABS.map((k) => ({ key: k, label: t(TAB_KEYS[k]) }))}
        selected={tab}
        onSelect={(k) => {
          setTab(k);
          setStatus('');
        }}
        label={t('risk.tabs')}
        idPrefix="risk"
      />
      <div {...tabPanelProps('risk', tab)} className="risk-panel" data-testid={`risk-panel-${tab}`}>
        {tab === 'overview' ? <Overview ctx={ctx} /> : null}
        {tab === 'registers' ? <Registers ctx={ctx} /> : null}
        {tab === 'checklist' ? <Checklist ctx={ctx} /> : null}
        {tab === 'risks' ? <Risks ctx={ctx} /> : null}
        {tab === 'report' ? <Report ctx={ctx} /> : null}
      </div>
      {removing ? (
        <ConfirmDialog
          title={t('risk.removeTitle', { title: project.title })}
          body={t('risk.removeBody')}
          confirmLabel={t('risk.removeConfirm')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void remove()}
          onCancel={() => setRemoving(false)}
        />
      ) : null}
    </div>
  );
}
