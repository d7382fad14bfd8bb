/**
 * The dry run's problems, grouped by sheet and then by code (each group a disclosure with its
 * count), filterable by severity, sheet and code. Each problem points at its cell as Excel writes
 * it ('Sheet2!F12') and speaks the interface language.
 */
import { useMemo, useState } from 'react';
import type { ImportProblem, ProblemSeverity } from '../../../main/domain/sheets/problems';
import { usePick, useT } from '../../i18n/index';
import { cellRef } from './format';

/** Problems listed per group before "show more". */
const GROUP_PAGE = 50;

interface Filters {
  severity: ProblemSeverity | '';
  sheet: string;
  code: string;
}

const NO_FILTERS: Filters = { severity: '', sheet: '', code: '' };

export function ProblemList({ problems, total, blocking, warnings }: { problems: readonly ImportProblem[]; total: number; blocking: number; warnings: number }) {
  const t = useT();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);

  const sheets = useMemo(() => [...new Set(problems.map((p) => p.sheet))], [problems]);
  const codes = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of problems) m.set(p.code, (m.get(p.code) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }, [problems]);

  const shown = useMemo(
    () => problems.filter((p) => (!filters.severity || p.severity === filters.severity) && (!filters.sheet || p.sheet === filters.sheet) && (!filters.code || p.code === filters.code)),
    [problems, filters],
  );
  const groups = useMemo(() => {
    const bySheet = new Map<string, Map<string, ImportProblem[]>>();
    for (const p of shown) {
      let byCode = bySheet.get(p.sheet);
      if (!byCode) bySheet.set(p.sheet, (byCode = new Map()));
      let list = byCode.get(p.code);
      if (!list) byCode.set(p.code, (list = []));
      list.push(p);
    }
    return bySheet;
  }, [shown]);

  const filtered = filters.severity !== '' || filters.sheet !== '' || filters.code !== '';

  return (
    <section className="card excel-problems" aria-labelledby="excel-problems-heading" data-testid="excel-problems">
      <h2 id="excel-problems-heading" tabIndex={-1}>
        {t('excel.problems.heading')}
      </h2>
      <p data-testid="excel-problems-summary" data-blocking={blocking} data-warnings={warnings}>
        {total === 0 ? t('excel.problems.none') : t('excel.problems.summary', { total, blocking, warnings })}
      </p>
      {total > problems.length ? <p className="hint">{t('excel.problems.truncated', { shown: problems.length, total })}</p> : null}
      {total > 0 ? (
        <>
          <div className="excel-filters" role="group" aria-label={t('excel.problems.filters')}>
            <label className="inline-field">
              <span>{t('excel.problems.filter.severity')}</span>
              <select data-testid="excel-filter-severity" value={filters.severity} onChange={(e) => setFilters({ ...filters, severity: e.target.value as Filters['severity'] })}>
                <option value="">{t('excel.problems.filter.any')}</option>
                <option value="blocking">
                  {t('excel.problems.severity.blocking')} ({problems.filter((p) => p.severity === 'blocking').length})
                </option>
                <option value="warning">
                  {t('excel.problems.severity.warning')} ({problems.filter((p) => p.severity === 'warning').length})
                </option>
              </select>
            </label>
            <label className="inline-field">
              <span>{t('excel.problems.filter.sheet')}</span>
              <select data-testid="excel-filter-sheet" value={filters.sheet} onChange={(e) => setFilters({ ...filters, sheet: e.target.value })}>
                <option value="">{t('excel.problems.filter.any')}</option>
                {sheets.map((s) => (
                  <option key={s} value={s}>
                    {s} ({problems.filter((p) => p.sheet === s).length})
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field">
              <span>{t('excel.problems.filter.code')}</span>
              <select data-testid="excel-filter-code" value={filters.code} onChange={(e) => setFilters({ ...filters, code: e.target.value })}>
                <option value="">{t('excel.problems.filter.any')}</option>
                {codes.map(([code, n]) => (
                  <option key={code} value={code}>
                    {code} ({n})
                  </option>
                ))}
              </select>
            </label>
            {filtered ? (
              <button type="button" className="btn btn-ghost btn-small" data-testid="excel-filter-clear" onClick={() => setFilters(NO_FILTERS)}>
                {t('excel.problems.filter.clear')}
              </button>
            ) : null}
            <span className="muted" role="status" data-testid="excel-problems-shown">
              {t('excel.problems.shown', { shown: shown.length, total: problems.length })}
            </span>
          </div>
          {[...groups].map(([sheet, byCode]) => (
            <div key={sheet} className="excel-problem-sheet" data-testid="excel-problem-sheet" data-sheet={sheet}>
              <h3>{sheet}</h3>
              {[...byCode].map(([code, list]) => (
                <ProblemGroup key={code} code={code} list={list} />
              ))}
            </div>
          ))}
        </>
      ) : null}
    </section>
  );
}

function ProblemGroup({ code, list }: { code: string; list: readonly ImportProblem[] }) {
  const t = useT();
  const pick = usePick();
  const [limit, setLimit] = useState(GROUP_PAGE);
  const blocking = list.some((p) => p.severity === 'blocking');
  return (
    <details className={`excel-problem-group${blocking ? ' excel-blocking' : ''}`} open={list.length <= 20} data-testid="excel-problem-group" data-code={code} data-count={list.length}>
      <summary>
        <span className={`badge ${blocking ? 'excel-badge-error' : 'excel-badge-warning'}`}>{t(blocking ? 'excel.problems.severity.blocking' : 'excel.problems.severity.warning')}</span>{' '}
        <code>{t('excel.problems.group', { code, count: list.length })}</code>
      </summary>
      <table className="excel-table">
        <thead>
          <tr>
            <th scope="col">{t('excel.problems.col.cell')}</th>
            <th scope="col">{t('excel.problems.col.column')}</th>
            <th scope="col">{t('excel.problems.col.dataId')}</th>
            <th scope="col">{t('excel.problems.col.severity')}</th>
            <th scope="col">{t('excel.problems.col.message')}</th>
          </tr>
        </thead>
        <tbody>
          {list.slice(0, limit).map((p, i) => (
            <tr key={i} data-testid="excel-problem" data-code={p.code} data-cell={cellRef(p)} data-severity={p.severity}>
              <td>
                <code className="excel-cell">{cellRef(p)}</code>
              </td>
              <td>{p.header || (p.row === 0 ? t('excel.problems.wholeSheet') : '')}</td>
              <td className="nowrap">{p.dataId ?? ''}</td>
              <td className="nowrap">{t(p.severity === 'blocking' ? 'excel.problems.severity.blocking' : 'excel.problems.severity.warning')}</td>
              <td>{pick(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.length > limit ? (
        <button type="button" className="btn btn-ghost btn-small" onClick={() => setLimit(limit + GROUP_PAGE * 4)}>
          {t('excel.import.showMore', { count: Math.min(GROUP_PAGE * 4, list.length - limit) })}
        </button>
      ) : null}
    </details>
  );
}
