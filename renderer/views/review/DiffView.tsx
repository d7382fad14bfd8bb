/**
 * What changed between two filings of a unit: counts (a click filters), then the rows page by page
 * — added, removed, changed field by field — with level raises and lowerings shown side by side
 * with the rationale before and after. Used by the review of a filing (against its base) and by the
 * versions page (any two).
 */
import { useState } from 'react';
import type { DiffChange, DiffRow, DiffSummary } from '../../../main/domain/bureau';
import type { ErrorInfo } from '../../../main/domain/errors';
import { isLevel } from '../../../main/domain/levels';
import { useInvokeEffect } from '../../api/use-invoke';
import { usePick, useT, type MessageKey } from '../../i18n/index';
import { LevelBadge } from '../../components/LevelBadge';
import { Alert } from '../../components/Alert';
import { Pager } from '../../components/Pager';
import { fieldLabel, valueText } from './labels';

export const DIFF_PAGE_SIZE = 50;

interface DiffFilter {
  section?: 'entry' | 'catalog' | undefined;
  change?: DiffChange | undefined;
  kind?: 'resource' | 'item' | undefined;
  levelChange?: 'raised' | 'lowered' | undefined;
}

const CHANGE_KEYS: Record<DiffChange, MessageKey> = { added: 'review.diff.added', removed: 'review.diff.removed', changed: 'review.diff.changed' };

interface Props {
  filingId: number;
  /** Compare against this filing (default: the filing's base). */
  against?: number | undefined;
  testId?: string;
}

export function DiffView({ filingId, against, testId = 'diff' }: Props) {
  const t = useT();
  const pick = usePick();
  const [filter, setFilter] = useState<DiffFilter>({});
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ total: number; summary: DiffSummary; rows: DiffRow[] } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const key = JSON.stringify(filter);
  const f = JSON.parse(key) as DiffFilter;
  useInvokeEffect(
    'bureau.diff',
    {
      filingId,
      offset,
      limit: DIFF_PAGE_SIZE,
      ...(against ? { against } : {}),
      ...(f.section ? { section: f.section } : {}),
      ...(f.change ? { change: f.change } : {}),
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.levelChange ? { levelChange: f.levelChange } : {}),
    },
    (r) => {
      if (r.ok) {
        setData(r.value);
        setError(null);
      } else setError(r.error);
    },
    [filingId, against, offset, key],
  );

  const toggle = (patch: DiffFilter) => {
    const on = Object.entries(patch).every(([k, v]) => filter[k as keyof DiffFilter] === v);
    setFilter(on ? {} : patch);
    setOffset(0);
  };
  const s = data?.summary;
  const none = t('common.none');

  const chip = (label: string, n: number, patch: DiffFilter, id: string) => {
    const pressed = Object.entries(patch).every(([k, v]) => filter[k as keyof DiffFilter] === v) && Object.keys(filter).length === Object.keys(patch).length;
    return (
      <button type="button" className={`rv-chip${pressed ? ' rv-chip-on' : ''}`} aria-pressed={pressed} data-testid={`${testId}-count-${id}`} data-count={n} onClick={() => toggle(patch)}>
        <span>{label}</span> <strong>{n}</strong>
      </button>
    );
  };

  return (
    <div className="rv-diff" data-testid={testId} data-total={data?.total ?? ''}>
      {error ? <Alert testId={`${testId}-error`}>{pick(error)}</Alert> : null}
      {s ? (
        <div className="rv-chips" role="group" aria-label={t('review.diff.counts')}>
          {s.baseFilingId === null && !against ? <p className="muted" data-testid={`${testId}-no-base`}>{t('review.diff.noBase')}</p> : null}
          {chip(t('review.diff.addedResources'), s.added.resources, { change: 'added', kind: 'resource', section: 'entry' }, 'added-resources')}
          {chip(t('review.diff.addedItems'), s.added.items, { change: 'added', kind: 'item', section: 'entry' }, 'added-items')}
          {chip(t('review.diff.removedResources'), s.removed.resources, { change: 'removed', kind: 'resource', section: 'entry' }, 'removed-resources')}
          {chip(t('review.diff.removedItems'), s.removed.items, { change: 'removed', kind: 'item', section: 'entry' }, 'removed-items')}
          {chip(t('review.diff.changedResources'), s.changed.resources, { change: 'changed', kind: 'resource', section: 'entry' }, 'changed-resources')}
          {chip(t('review.diff.changedItems'), s.changed.items, { change: 'changed', kind: 'item', section: 'entry' }, 'changed-items')}
          {chip(t('review.diff.catalogChanges'), s.added.catalog + s.removed.catalog + s.changed.catalog, { section: 'catalog' }, 'catalog')}
          {chip(t('review.diff.raised'), s.raised, { levelChange: 'raised' }, 'raised')}
          {chip(t('review.diff.lowered'), s.lowered, { levelChange: 'lowered' }, 'lowered')}
        </div>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
      {data && data.rows.length === 0 ? (
        <p className="muted" data-testid={`${testId}-empty`}>
          {Object.keys(filter).length ? t('review.diff.noneFiltered') : t('review.diff.none')}
        </p>
      ) : null}
      {data && data.rows.length > 0 ? (
        <ol className="rv-diff-rows">
          {data.rows.map((r, i) => (
            <li
              key={`${offset}-${i}`}
              className={`rv-diff-row rv-diff-${r.change}`}
              data-testid={`${testId}-row`}
              data-data-id={r.dataId}
              data-change={r.change}
              data-section={r.section}
              data-level-change={r.levelChange ?? ''}
              data-fields={r.fields.map((f) => f.field).join(',')}
            >
              <div className="rv-diff-head">
                <span className={`rv-change rv-change-${r.change}`}>{t(CHANGE_KEYS[r.change])}</span>
                {r.section === 'catalog' ? <span className="sheet-tag">{t('review.diff.catalogRow')}</span> : null}
                <span className="mono">{r.dataId}</span>
                <span>{r.kind === 'resource' ? r.resourceName : `${r.itemName}`}</span>
                {r.kind === 'item' ? <span className="muted">{t('review.work.itemOf', { resource: r.resourceName })}</span> : null}
                {r.levelChange ? (
                  <span className={`rv-level-change rv-level-${r.levelChange}`} data-testid={`${testId}-level-change`}>
                    {r.levelChange === 'raised' ? t('review.diff.raisedOne') : t('review.diff.loweredOne')}
                  </span>
                ) : null}
              </div>
              {r.levelChange || (r.change !== 'changed' && (r.levelBefore || r.levelAfter)) ? (
                <div className="rv-level-pair">
                  <div className="rv-side">
                    <div className="rv-side-label">{t('review.diff.before')}</div>
                    {r.change === 'added' ? <span className="muted">{none}</span> : <LevelBadge level={r.levelBefore && isLevel(r.levelBefore) ? r.levelBefore : ''} />}
                    {r.levelChange ? <p className="rv-rationale">{t('review.diff.rationale', { text: r.rationaleBefore || none })}</p> : null}
                  </div>
                  <div className="rv-side">
                    <div className="rv-side-label">{t('review.diff.after')}</div>
                    {r.change === 'removed' ? <span className="muted">{none}</span> : <LevelBadge level={r.levelAfter && isLevel(r.levelAfter) ? r.levelAfter : ''} />}
                    {r.levelChange ? (
                      <p className="rv-rationale" data-testid={`${testId}-rationale-after`}>
                        {t('review.diff.rationale', { text: r.rationaleAfter || none })}
                      </p>
                    ) : null}
                  </div>
                </div>
              ) : null}
              {r.fields.length > 0 ? (
                <table className="data-table rv-fields">
                  <thead>
                    <tr>
                      <th scope="col">{t('review.diff.field')}</th>
                      <th scope="col">{t('review.diff.before')}</th>
                      <th scope="col">{t('review.diff.after')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.fields.map((f) => (
                      <tr key={f.field} data-testid={`${testId}-field`} data-field={f.field}>
                        <th scope="row">{fieldLabel(t, r.section, f.field)}</th>
                        <td className="change-before">{valueText(f.before, none)}</td>
                        <td className="change-after">{valueText(f.after, none)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {data ? <Pager offset={offset} limit={DIFF_PAGE_SIZE} total={data.total} label={t('review.diff.pagination')} testId={`${testId}-pager`} onOffset={setOffset} /> : null}
    </div>
  );
}
