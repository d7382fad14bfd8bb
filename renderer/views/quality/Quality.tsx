/**
 * Quality check before filing: a score per dimension (completeness, consistency, conformity,
 * timeliness) and overall, the counts of errors and warnings, the rules that fired with their
 * counts (a click filters the findings), the findings page by page, each one a way to its row and
 * field (a sheet-2 finding opens the inventory with the entry and field focused, a sheet-3 finding
 * the catalog row), and the resources worst first. The check runs when the page opens and on
 * demand; the findings and filters stay while the officer fixes a row and comes back.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QualitySummary, ResourceScore } from '../../../main/api/contract/quality';
import { QUALITY_DIMENSIONS, type Finding, type QualityDimension, type Severity } from '../../../main/domain/quality';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { formatDateTime, useLang, usePick, useT } from '../../i18n/index';
import { DIMENSION_KEYS, SEVERITY_KEYS } from '../../i18n/codes';
import { PageHeading } from '../../components/PageHeading';
import { Alert, Status } from '../../components/Alert';
import { Pager } from '../../components/Pager';
import { useWorkspaceScopedStore } from '../../store/workspace-scoped';
import { FINDINGS_PAGE_SIZE, RESOURCES_PAGE_SIZE, useQualityStore, type FindingFilters } from '../../store/quality';
import { openCatalogRow, openEntryInInventory, openIdentify } from '../jump';
import { isCatalogField } from '../catalog/catalog-form';
import { findingFieldLabel, ruleLabel } from './labels';

type ScoreKey = QualityDimension | 'overall';
const SCORE_KEYS: readonly ScoreKey[] = ['overall', ...QUALITY_DIMENSIONS];

const tone = (score: number) => (score >= 90 ? 'good' : score >= 70 ? 'fair' : 'poor');
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export function Quality() {
  return useWorkspaceScopedStore(useQualityStore) ? <QualityPage /> : null;
}

/** What the API is sent for the filters (the label stays here). */
function apiFilters(f: FindingFilters) {
  const out: { dimension?: QualityDimension; severity?: Severity; code?: string; resourceId?: number } = {};
  if (f.dimension) out.dimension = f.dimension;
  if (f.severity) out.severity = f.severity;
  if (f.code) out.code = f.code;
  if (f.resourceId) out.resourceId = f.resourceId;
  return out;
}

function QualityPage() {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const summary = useQualityStore((s) => s.summary);
  const run = useQualityStore((s) => s.run);
  const filters = useQualityStore((s) => s.filters);
  const offset = useQualityStore((s) => s.offset);
  const resourceOffset = useQualityStore((s) => s.resourceOffset);
  const setSummary = useQualityStore((s) => s.setSummary);
  const setFilters = useQualityStore((s) => s.setFilters);
  const clearFilters = useQualityStore((s) => s.clearFilters);
  const setOffset = useQualityStore((s) => s.setOffset);
  const setResourceOffset = useQualityStore((s) => s.setResourceOffset);

  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [findings, setFindings] = useState<{ total: number; findings: Finding[] } | null>(null);
  const [resources, setResources] = useState<{ total: number; rows: ResourceScore[] } | null>(null);
  const [status, setStatus] = useState('');
  const runningRef = useRef(false);

  const recheck = useCallback(async () => {
    if (runningRef.current) return;
    runningRef.current = true;
    setRunning(true);
    setError(null);
    const r = await client.invoke('quality.summary', {});
    runningRef.current = false;
    setRunning(false);
    if (r.ok) {
      setSummary(r.value);
      setStatus(t('quality.checkedStatus', { errors: r.value.errors, warnings: r.value.warnings }));
    } else setError(r.error);
  }, [client, setSummary, t]);

  // Check again whenever the page opens: the officer may have fixed rows meanwhile.
  useEffect(() => {
    void recheck();
  }, [recheck]);

  const filterKey = JSON.stringify(apiFilters(filters));
  useInvokeEffect(
    'quality.findings',
    run === 0 ? null : { offset, limit: FINDINGS_PAGE_SIZE, ...(JSON.parse(filterKey) as object) },
    (r) => {
      if (r.ok) setFindings(r.value);
      else setError(r.error);
    },
    [run, offset, filterKey],
  );

  useInvokeEffect(
    'quality.byResource',
    run === 0 ? null : { offset: resourceOffset, limit: RESOURCES_PAGE_SIZE },
    (r) => {
      if (r.ok) setResources(r.value);
      else setError(r.error);
    },
    [run, resourceOffset],
  );

  const open = async (f: Finding) => {
    setError(null);
    if (f.code === 'CATALOG_ROW_MISSING' && f.resourceId) {
      openIdentify(f.resourceId);
      return;
    }
    if (f.sheet === 3 && f.resourceId) {
      openCatalogRow(f.resourceId, isCatalogField(f.field) ? f.field : null);
      return;
    }
    const id = f.entryId ?? f.resourceId;
    if (!id) return;
    const err = await openEntryInInventory(client, id, f.field ?? null);
    if (err) setError(err);
  };

  const toggle = (patch: Partial<FindingFilters>, on: boolean) => {
    setFilters(on ? patch : Object.fromEntries(Object.keys(patch).map((k) => [k, undefined])));
  };
  const showResource = (r: ResourceScore) => {
    setFilters({ resourceId: r.resourceId, resourceLabel: `${r.dataId} ${r.name}` });
    document.getElementById('quality-findings-heading')?.focus();
  };
  const hasFilters = Object.keys(apiFilters(filters)).length > 0;

  return (
    <div className="quality-page" data-testid="quality-page" aria-busy={running}>
      <div className="page-head">
        <PageHeading>{t('quality.heading')}</PageHeading>
        <button type="button" className="btn btn-primary btn-small" data-testid="quality-rerun" disabled={running} aria-busy={running} onClick={() => void recheck()}>
          {running ? t('quality.running') : t('quality.rerun')}
        </button>
      </div>
      <p className="muted">{t('quality.intro')}</p>
      <div className="quality-status">
        {summary ? (
          <span className="muted" data-testid="quality-checked-at" data-checked-at={summary.checkedAt}>
            {t('quality.checkedAt', {
              time: formatDateTime(lang, summary.checkedAt),
              ms: summary.ms,
              sheet2: summary.totals.sheet2Rows,
              sheet3: summary.totals.sheet3Rows,
            })}
          </span>
        ) : null}
        <Status testId="quality-status">{running ? t('quality.running') : status}</Status>
      </div>
      {error ? <Alert testId="quality-error">{pick(error)}</Alert> : null}
      {!summary ? (
        <p className="muted" data-testid="quality-loading">
          {t('common.loading')}
        </p>
      ) : (
        <Overview summary={summary} filters={filters} onToggle={toggle} />
      )}
      {summary ? (
        <section className="card" aria-labelledby="quality-findings-heading" data-testid="quality-findings">
          <h2 id="quality-findings-heading" tabIndex={-1}>
            {t('quality.findings')}
          </h2>
          <div className="quality-filters" role="group" aria-label={t('quality.filters')}>
            <label className="inline-field">
              <span>{t('quality.filter.dimension')}</span>
              <select
                data-testid="quality-filter-dimension"
                value={filters.dimension ?? ''}
                onChange={(e) => setFilters({ dimension: (e.target.value || undefined) as QualityDimension | undefined })}
              >
                <option value="">{t('filter.any')}</option>
                {QUALITY_DIMENSIONS.map((d) => (
                  <option key={d} value={d}>
                    {t(DIMENSION_KEYS[d])}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field">
              <span>{t('quality.filter.severity')}</span>
              <select
                data-testid="quality-filter-severity"
                value={filters.severity ?? ''}
                onChange={(e) => setFilters({ severity: (e.target.value || undefined) as Severity | undefined })}
              >
                <option value="">{t('filter.any')}</option>
                <option value="error">{t(SEVERITY_KEYS.error)}</option>
                <option value="warning">{t(SEVERITY_KEYS.warning)}</option>
              </select>
            </label>
            {filters.code ? (
              <span className="filter-chip" data-testid="quality-filter-code" data-code={filters.code}>
                {t('quality.filter.code', { code: filters.code })}
                <button type="button" className="chip-clear" aria-label={t('quality.filter.clearCode')} onClick={() => setFilters({ code: undefined })}>
                  ×
                </button>
              </span>
            ) : null}
            {filters.resourceId ? (
              <span className="filter-chip" data-testid="quality-filter-resource" data-resource-id={filters.resourceId}>
                {t('quality.filter.resource', { name: filters.resourceLabel ?? String(filters.resourceId) })}
                <button type="button" className="chip-clear" aria-label={t('quality.filter.clearResource')} onClick={() => setFilters({ resourceId: undefined, resourceLabel: undefined })}>
                  ×
                </button>
              </span>
            ) : null}
            {hasFilters ? (
              <button type="button" className="btn btn-ghost btn-small" data-testid="quality-filter-clear" onClick={clearFilters}>
                {t('filter.clear')}
              </button>
            ) : null}
            <span className="muted" data-testid="quality-findings-total" data-total={findings?.total ?? ''} aria-live="polite">
              {findings ? t('quality.findingsTotal', { count: findings.total }) : t('common.loading')}
            </span>
          </div>
          {findings && findings.findings.length === 0 ? (
            <p className="ok-text" data-testid="quality-no-findings">
              {hasFilters ? t('quality.noFindingsFiltered') : t('quality.noFindings')}
            </p>
          ) : (
            <div className="table-wrap">
              <table className="data-table findings-table">
                <thead>
                  <tr>
                    <th scope="col">{t('quality.col.severity')}</th>
                    <th scope="col">{t('quality.col.where')}</th>
                    <th scope="col">{t('quality.col.field')}</th>
                    <th scope="col">{t('quality.col.message')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('quality.col.action')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {(findings?.findings ?? []).map((f, i) => {
                    const field = findingFieldLabel(t, f);
                    const where = f.dataId ?? (f.resourceId ? `#${f.resourceId}` : t('common.none'));
                    return (
                      <tr
                        key={`${offset}-${i}`}
                        data-testid="finding-row"
                        data-code={f.code}
                        data-sheet={f.sheet}
                        data-entry-id={f.entryId ?? ''}
                        data-resource-id={f.resourceId ?? ''}
                        data-field={f.field ?? ''}
                        data-severity={f.severity}
                      >
                        <td className="nowrap">
                          <span className={`sev sev-${f.severity}`}>{t(SEVERITY_KEYS[f.severity])}</span>
                          <div className="muted">{t(DIMENSION_KEYS[f.dimension])}</div>
                        </td>
                        <td className="nowrap">
                          <span className="sheet-tag">{t(f.sheet === 3 ? 'quality.sheet3' : 'quality.sheet2')}</span> <span className="mono">{where}</span>
                        </td>
                        <td>{field || t('common.none')}</td>
                        <td>
                          {pick(f)}
                          <div className="muted mono finding-code">{f.code}</div>
                        </td>
                        <td className="nowrap">
                          <button
                            type="button"
                            className="btn btn-secondary btn-small"
                            data-testid="finding-open"
                            aria-label={field ? t('quality.openFieldLabel', { where, field }) : t('quality.openLabel', { where })}
                            onClick={() => void open(f)}
                          >
                            {f.code === 'CATALOG_ROW_MISSING' ? t('quality.openIdentify') : t('quality.open')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {findings ? <Pager offset={offset} limit={FINDINGS_PAGE_SIZE} total={findings.total} label={t('quality.findingsPagination')} testId="quality-findings-pager" onOffset={setOffset} /> : null}
        </section>
      ) : null}
      {summary && resources ? (
        <section className="card" aria-labelledby="quality-resources-heading" data-testid="quality-resources">
          <h2 id="quality-resources-heading">{t('quality.byResource')}</h2>
          {resources.rows.length === 0 ? (
            <p className="muted">{t('quality.noResources')}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table resource-scores">
                <caption>{t('quality.byResourceCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('catalog.col.dataId')}</th>
                    <th scope="col">{t('quality.col.resource')}</th>
                    {SCORE_KEYS.map((k) => (
                      <th key={k} scope="col" className="num">
                        {t(DIMENSION_KEYS[k])}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      {t('quality.col.findings')}
                    </th>
                    <th scope="col">
                      <span className="sr-only">{t('quality.col.action')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {resources.rows.map((r) => (
                    <tr key={r.resourceId} data-testid="quality-resource-row" data-resource-id={r.resourceId} data-overall={r.scores.overall}>
                      <td className="mono nowrap">{r.dataId}</td>
                      <td>
                        {r.name}
                        <div className="muted">{r.systemName}</div>
                      </td>
                      {SCORE_KEYS.map((k) => (
                        <td key={k} className={`num score-cell score-${tone(r.scores[k])}`}>
                          {fmt(r.scores[k])}
                        </td>
                      ))}
                      <td className="num">{r.findings}</td>
                      <td className="nowrap">
                        <button
                          type="button"
                          className="btn btn-ghost btn-small"
                          data-testid="quality-resource-filter"
                          disabled={r.findings === 0}
                          aria-label={t('quality.showResourceLabel', { name: r.name })}
                          onClick={() => showResource(r)}
                        >
                          {t('quality.showResource')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            offset={resourceOffset}
            limit={RESOURCES_PAGE_SIZE}
            total={resources.total}
            label={t('quality.resourcesPagination')}
            testId="quality-resources-pager"
            onOffset={setResourceOffset}
          />
        </section>
      ) : null}
    </div>
  );
}

function Overview({ summary, filters, onToggle }: { summary: QualitySummary; filters: FindingFilters; onToggle(patch: Partial<FindingFilters>, on: boolean): void }) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <section aria-labelledby="quality-scores-heading" className="quality-scores-section">
        <h2 id="quality-scores-heading" className="sr-only">
          {t('quality.scores')}
        </h2>
        <ul className="score-cards">
          {SCORE_KEYS.map((k) => {
            const score = summary.scores[k];
            const pressed = k !== 'overall' && filters.dimension === k;
            const body = (
              <>
                <span className="score-name">{t(DIMENSION_KEYS[k])}</span>
                <span className="score-value" data-testid={`quality-score-${k}-value`}>
                  {fmt(score)}
                </span>
                <span className="score-bar" aria-hidden="true">
                  <span className={`score-fill score-${tone(score)}`} style={{ width: `${Math.max(0, Math.min(100, score))}%` }} />
                </span>
              </>
            );
            return (
              <li key={k} className={`score-card${k === 'overall' ? ' score-overall' : ''}${pressed ? ' score-pressed' : ''}`} data-testid={`quality-score-${k}`} data-score={score}>
                {k === 'overall' ? (
                  <div className="score-body">{body}</div>
                ) : (
                  <button
                    type="button"
                    className="score-body score-button"
                    aria-pressed={pressed}
                    title={t('quality.filterDimension', { dimension: t(DIMENSION_KEYS[k]) })}
                    onClick={() => onToggle({ dimension: k }, !pressed)}
                  >
                    {body}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        <p className="quality-counts">
          <span className="sev sev-error" data-testid="quality-errors" data-count={summary.errors}>
            {t('quality.errors', { count: summary.errors })}
          </span>
          <span className="sev sev-warning" data-testid="quality-warnings" data-count={summary.warnings}>
            {t('quality.warnings', { count: summary.warnings })}
          </span>
        </p>
      </section>
      <section className="card" aria-labelledby="quality-codes-heading" data-testid="quality-codes">
        <h2 id="quality-codes-heading">{t('quality.codes')}</h2>
        {summary.byCode.length === 0 ? (
          <p className="ok-text" data-testid="quality-clean">
            {t('quality.clean')}
          </p>
        ) : (
          <ul className="code-list">
            {summary.byCode.map((c) => {
              const pressed = filters.code === c.code;
              return (
                <li key={c.code}>
                  <button
                    type="button"
                    className={`code-button${pressed ? ' code-pressed' : ''}`}
                    data-testid={`quality-code-${c.code}`}
                    data-count={c.count}
                    aria-pressed={pressed}
                    onClick={() => onToggle({ code: c.code }, !pressed)}
                  >
                    <span className={`sev sev-${c.severity}`}>{t(SEVERITY_KEYS[c.severity])}</span>
                    <span className="code-label">{ruleLabel(lang, c.code)}</span>
                    <span className="code-dim muted">{t(DIMENSION_KEYS[c.dimension])}</span>
                    <span className="code-id mono muted">{c.code}</span>
                    <span className="code-count">{t('quality.count', { count: c.count })}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
