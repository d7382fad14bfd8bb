/**
 * The district view (district view): counts of resources and items by unit, category, level and status
 * over each unit's latest filing, the trend against one year before, bar charts a reviewer can
 * save as PNG for a briefing, the consolidated important-data catalog (filter, export as xlsx in
 * the sheet-3 layout with a unit column), and the units whose annual filing is overdue.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { FILING_STATUSES, type DistrictCatalogRow, type DistrictSummary, type FilingStatus, type OverdueUnit } from '../../../main/domain/bureau';
import { CATALOG_LEVELS } from '../../../main/domain/code-lists';
import type { ErrorInfo } from '../../../main/domain/errors';
import { isLevel } from '../../../main/domain/levels';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { formatDateTime, useLang, usePick, useT } from '../../i18n/index';
import { LEVEL_KEYS } from '../../i18n/codes';
import { PageHeading } from '../../components/PageHeading';
import { Alert, Status } from '../../components/Alert';
import { Pager } from '../../components/Pager';
import { PathField } from '../../components/FileChooser';
import { BarChart, svgToPng } from './charts';
import { proposedPath, useReviewLabels } from './labels';
import { useSessionStore } from '../../store/session';

const CATALOG_PAGE = 50;

export function District() {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [summary, setSummary] = useState<DistrictSummary | null>(null);
  const [overdue, setOverdue] = useState<OverdueUnit[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([client.invoke('bureau.district', {}), client.invoke('bureau.overdue', {})]).then(([d, o]) => {
      if (!live) return;
      if (d.ok) setSummary(d.value);
      else setError(d.error);
      if (o.ok) setOverdue(o.value);
      else setError(o.error);
    });
    return () => {
      live = false;
    };
  }, [client]);

  return (
    <section data-testid="review-district">
      <PageHeading>{t('review.district.heading')}</PageHeading>
      {error ? <Alert testId="district-error">{pick(error)}</Alert> : null}
      {!summary ? <p className="muted">{t('common.loading')}</p> : <Summary summary={summary} />}
      <CatalogSection units={summary?.byUnit.map((u) => ({ uscc: u.uscc, name: u.unitName })) ?? []} />
      <section className="card" aria-labelledby="district-overdue-heading" data-testid="district-overdue">
        <h2 id="district-overdue-heading">{t('review.district.overdue')}</h2>
        {overdue === null ? <p className="muted">{t('common.loading')}</p> : null}
        {overdue && overdue.length === 0 ? <p className="ok-text">{t('review.district.noOverdue')}</p> : null}
        {overdue && overdue.length > 0 ? <OverdueTable rows={overdue} /> : null}
      </section>
    </section>
  );
}

function Summary({ summary }: { summary: DistrictSummary }) {
  const t = useT();
  const lang = useLang();
  const labels = useReviewLabels(t);
  const levelChart = useRef<SVGSVGElement>(null);
  const unitChart = useRef<SVGSVGElement>(null);
  const client = useApi();
  const pick = usePick();
  const workspacePath = useSessionStore((s) => s.status?.path);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const date = summary.asOf.slice(0, 10);
  const [levelsPath, setLevelsPath] = useState(() => proposedPath(workspacePath, t('review.district.pngLevels', { date })));
  const [unitsPath, setUnitsPath] = useState(() => proposedPath(workspacePath, t('review.district.pngUnits', { date })));
  const levelName = (l: string) => (isLevel(l) ? t(LEVEL_KEYS[l]) : l || t('common.none'));

  const savePng = async (svg: SVGSVGElement | null, outPath: string) => {
    if (!svg || !outPath.trim()) return;
    setProblem('');
    setStatus('');
    let pngBase64: string;
    try {
      pngBase64 = (await svgToPng(svg)).replace(/^data:image\/png;base64,/, '');
    } catch {
      return setProblem(t('review.district.pngFailed'));
    }
    // Written by the backend in both hosts (the desktop window cancels page downloads).
    const r = await client.invoke('files.saveImage', { path: outPath.trim(), pngBase64, overwrite: true });
    if (r.ok) setStatus(t('review.district.pngSaved', { name: r.value.path }));
    else setProblem(pick(r.error));
  };

  return (
    <>
      <p className="muted" data-testid="district-asof">
        {t('review.district.asOf', { time: formatDateTime(lang, summary.asOf), ms: summary.ms })}
      </p>
      <ul className="score-cards rv-totals">
        {(
          [
            ['units', 'review.district.units', summary.units],
            ['resources', 'review.district.resources', summary.resources],
            ['items', 'review.district.items', summary.items],
          ] as const
        ).map(([k, label, n]) => (
          <li key={k} className="score-card" data-testid={`district-${k}`} data-count={n}>
            <div className="score-body">
              <span className="score-name">{t(label)}</span>
              <span className="score-value">{n}</span>
            </div>
          </li>
        ))}
      </ul>
      <section className="card" aria-labelledby="district-charts-heading">
        <h2 id="district-charts-heading">{t('review.district.charts')}</h2>
        <div className="rv-chart-box">
          <BarChart
            ref={levelChart}
            testId="chart-levels"
            title={t('review.district.chartLevels', { date })}
            categories={summary.trend.map((r) => levelName(r.level))}
            series={[
              { label: t('review.district.itemsThisYear'), color: '#1f65ad', values: summary.trend.map((r) => r.items) },
              { label: t('review.district.itemsLastYear'), color: '#9aa5b1', values: summary.trend.map((r) => r.itemsLastYear) },
            ]}
          />
          <div className="rv-chart-save">
            <PathField id="chart-levels-path" label={t('review.district.pngPath')} value={levelsPath} onChange={setLevelsPath} mode="save" extensions={['png']} defaultName={t('review.district.pngLevels', { date })} />
            <button type="button" className="btn btn-secondary btn-small" data-testid="chart-levels-png" disabled={!levelsPath.trim()} onClick={() => void savePng(levelChart.current, levelsPath)}>
              {t('review.district.png')}
            </button>
          </div>
        </div>
        <div className="rv-chart-box">
          <BarChart
            ref={unitChart}
            testId="chart-units"
            title={t('review.district.chartUnits', { date })}
            categories={summary.byUnit.map((u) => u.unitName)}
            series={[
              { label: t('review.district.resources'), color: '#1a5490', values: summary.byUnit.map((u) => u.resources) },
              { label: t('review.district.items'), color: '#f0c36d', values: summary.byUnit.map((u) => u.items) },
              { label: t('review.district.importantCore'), color: '#a61b1b', values: summary.byUnit.map((u) => u.important + u.core) },
            ]}
          />
          <div className="rv-chart-save">
            <PathField id="chart-units-path" label={t('review.district.pngPath')} value={unitsPath} onChange={setUnitsPath} mode="save" extensions={['png']} defaultName={t('review.district.pngUnits', { date })} />
            <button type="button" className="btn btn-secondary btn-small" data-testid="chart-units-png" disabled={!unitsPath.trim()} onClick={() => void savePng(unitChart.current, unitsPath)}>
              {t('review.district.png')}
            </button>
          </div>
        </div>
        <Status testId="district-png-status">{status}</Status>
        {problem ? <Alert testId="district-png-error">{problem}</Alert> : null}
      </section>
      <section className="card" aria-labelledby="district-tables-heading">
        <h2 id="district-tables-heading">{t('review.district.tables')}</h2>
        <div className="rv-tables">
          <CountTable
            testId="district-by-level"
            caption={t('review.district.byLevel')}
            head={[t('review.district.level'), t('review.district.resources'), t('review.district.items'), t('review.district.lastYear')]}
            rows={summary.trend.map((r) => ({ key: r.level, head: levelName(r.level), cells: [r.resources, r.items, t('review.district.lastYearText', { resources: r.resourcesLastYear, items: r.itemsLastYear })] }))}
          />
          <CountTable
            testId="district-by-status"
            caption={t('review.district.byStatus')}
            head={[t('review.col.status'), t('review.district.units'), t('review.district.resources'), t('review.district.items')]}
            rows={summary.byStatus.map((r) => ({ key: r.key, head: isFilingStatus(r.key) ? labels.status(r.key) : r.key, cells: [r.units, r.resources, r.items] }))}
          />
          <CountTable
            testId="district-by-category"
            caption={t('review.district.byCategory')}
            head={[t('review.district.category'), t('review.district.resources'), t('review.district.items')]}
            rows={summary.byCategory.map((r) => ({ key: r.key, head: r.key || t('review.district.noCategory'), cells: [r.resources, r.items] }))}
          />
          <CountTable
            testId="district-by-unit"
            caption={t('review.district.byUnit')}
            head={[t('review.col.unit'), t('review.district.resources'), t('review.district.items'), t('review.district.importantCore')]}
            rows={summary.byUnit.map((u) => ({
              key: u.uscc,
              head: (
                <>
                  {u.unitName}
                  <div className="muted">
                    {t('review.district.sequenceText', { sequence: u.sequence })} · {labels.status(u.status)}
                  </div>
                </>
              ),
              cells: [u.resources, u.items, u.important + u.core],
            }))}
          />
        </div>
      </section>
    </>
  );
}

const isFilingStatus = (k: string): k is FilingStatus => (FILING_STATUSES as readonly string[]).includes(k);

/** A small count table: a caption, a row header and numbers (right-aligned). */
function CountTable({ testId, caption, head, rows }: { testId: string; caption: string; head: string[]; rows: { key: string; head: ReactNode; cells: ReactNode[] }[] }) {
  return (
    <table className="data-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i} scope="col" className={i > 0 ? 'num' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row">{r.head}</th>
            {r.cells.map((c, i) => (
              <td key={i} className="num">
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CatalogSection({ units }: { units: { uscc: string; name: string }[] }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const [uscc, setUscc] = useState('');
  const [level, setLevel] = useState('');
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ total: number; rows: DistrictCatalogRow[] } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const workspacePath = useSessionStore((s) => s.status?.path);
  const [outPath, setOutPath] = useState(() => proposedPath(workspacePath, t('review.catalog.defaultName')));
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const filter = () => ({
    ...(uscc ? { uscc } : {}),
    ...(level ? { level: level as (typeof CATALOG_LEVELS)[number] } : {}),
    ...(applied ? { search: applied } : {}),
  });
  const key = JSON.stringify(filter());
  useInvokeEffect(
    'bureau.catalog',
    { ...(JSON.parse(key) as object), offset, limit: CATALOG_PAGE },
    (r) => {
      if (r.ok) setData(r.value);
      else setError(r.error);
    },
    [key, offset],
  );

  const exportXlsx = async () => {
    if (!outPath.trim()) return;
    setBusy(true);
    setError(null);
    const r = await client.invoke('bureau.catalogExport', { ...filter(), outPath: outPath.trim(), overwrite: true });
    setBusy(false);
    if (r.ok) setStatus(t('review.catalog.exported', { rows: r.value.rows, path: r.value.path }));
    else setError(r.error);
  };

  return (
    <section className="card" aria-labelledby="district-catalog-heading" data-testid="district-catalog">
      <h2 id="district-catalog-heading">{t('review.catalog.heading')}</h2>
      <form
        className="quality-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(search.trim());
          setOffset(0);
        }}
      >
        <label className="inline-field">
          <span>{t('review.col.unit')}</span>
          <select
            data-testid="catalog-unit"
            value={uscc}
            onChange={(e) => {
              setUscc(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">{t('filter.any')}</option>
            {units.map((u) => (
              <option key={u.uscc} value={u.uscc}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('review.district.level')}</span>
          <select
            data-testid="catalog-level"
            value={level}
            onChange={(e) => {
              setLevel(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">{t('filter.any')}</option>
            {CATALOG_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(LEVEL_KEYS[l])}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('review.catalog.search')}</span>
          <input type="search" data-testid="catalog-search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-secondary btn-small">
          {t('review.catalog.apply')}
        </button>
        <span className="muted" data-testid="catalog-total" data-total={data?.total ?? ''} aria-live="polite">
          {data ? t('review.catalog.total', { count: data.total }) : t('common.loading')}
        </span>
      </form>
      {error ? <Alert testId="catalog-error">{pick(error)}</Alert> : null}
      {data && data.rows.length === 0 ? <p className="muted">{t('review.catalog.empty')}</p> : null}
      {data && data.rows.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('review.col.unit')}</th>
                <th scope="col">{t('catalog.col.dataId')}</th>
                <th scope="col">{t('review.catalog.name')}</th>
                <th scope="col">{t('review.district.level')}</th>
                <th scope="col">{t('review.catalog.category')}</th>
                <th scope="col">{t('review.catalog.measures')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r, i) => (
                <tr key={`${r.filingId}-${r.dataId}-${i}`} data-testid="catalog-row" data-data-id={r.dataId} data-uscc={r.uscc}>
                  <td>{r.unitName}</td>
                  <td className="mono nowrap">{r.dataId}</td>
                  <td>{r.name}</td>
                  <td>{r.level}</td>
                  <td>{r.category}</td>
                  <td>{r.securityMeasures || t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data ? <Pager offset={offset} limit={CATALOG_PAGE} total={data.total} label={t('review.catalog.pagination')} testId="catalog-pager" onOffset={setOffset} /> : null}
      <div className="rv-export">
        <PathField id="catalog-export-path" label={t('review.catalog.exportPath')} value={outPath} onChange={setOutPath} mode="save" extensions={['xlsx']} defaultName={t('review.catalog.defaultName')} />
        <button type="button" className="btn btn-secondary" data-testid="catalog-export" disabled={busy || !outPath.trim()} onClick={() => void exportXlsx()}>
          {t('review.catalog.export')}
        </button>
        <Status testId="catalog-export-status">{status}</Status>
      </div>
    </section>
  );
}

function OverdueTable({ rows }: { rows: OverdueUnit[] }) {
  const t = useT();
  const lang = useLang();
  const labels = useReviewLabels(t);
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('review.col.unit')}</th>
            <th scope="col">{t('review.district.lastFiling')}</th>
            <th scope="col">{t('review.district.dueAt')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.uscc} data-testid="overdue-unit" data-uscc={u.uscc}>
              <td>
                {u.unitName}
                <div className="mono muted">{u.uscc}</div>
              </td>
              <td>{u.lastFilingAt ? `${formatDateTime(lang, u.lastFilingAt)}${u.lastFilingKind ? ` · ${labels.kind(u.lastFilingKind)}` : ''}` : t('review.district.never')}</td>
              <td>{formatDateTime(lang, u.dueAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
