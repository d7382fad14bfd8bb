/** Received filings, newest first, filtered by status; each opens its review. */
import { useState } from 'react';
import { FILING_STATUSES, type BureauFiling, type FilingStatus } from '../../../main/domain/bureau';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useInvokeEffect } from '../../api/use-invoke';
import { formatDateTime, useLang, usePick, useT } from '../../i18n/index';
import { PageHeading } from '../../components/PageHeading';
import { Alert } from '../../components/Alert';
import { Pager } from '../../components/Pager';
import { useReviewStore } from '../../store/review';
import { useReviewLabels } from './labels';

export const FILINGS_PAGE_SIZE = 50;

export function FilingList() {
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const labels = useReviewLabels(t);
  const status = useReviewStore((s) => s.statusFilter);
  const offset = useReviewStore((s) => s.filingsOffset);
  const setStatus = useReviewStore((s) => s.setStatusFilter);
  const setOffset = useReviewStore((s) => s.setFilingsOffset);
  const openFiling = useReviewStore((s) => s.openFiling);
  const setPage = useReviewStore((s) => s.setPage);
  const [data, setData] = useState<{ total: number; rows: BureauFiling[] } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useInvokeEffect(
    'bureau.filings',
    { offset, limit: FILINGS_PAGE_SIZE, ...(status ? { status } : {}) },
    (r) => {
      if (r.ok) setData(r.value);
      else setError(r.error);
    },
    [offset, status],
  );

  return (
    <section data-testid="review-filings">
      <div className="page-head">
        <PageHeading>{t('review.filings.heading')}</PageHeading>
        <button type="button" className="btn btn-primary btn-small" data-testid="review-go-intake" onClick={() => setPage('intake')}>
          {t('review.filings.intake')}
        </button>
      </div>
      <p className="muted">{t('review.filings.intro')}</p>
      <div className="quality-filters" role="group" aria-label={t('review.filings.filters')}>
        <label className="inline-field">
          <span>{t('review.filings.status')}</span>
          <select data-testid="review-filings-status" value={status ?? ''} onChange={(e) => setStatus((e.target.value || undefined) as FilingStatus | undefined)}>
            <option value="">{t('filter.any')}</option>
            {FILING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {labels.status(s)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" data-testid="review-filings-total" aria-live="polite">
          {data ? t('review.filings.total', { count: data.total }) : t('common.loading')}
        </span>
      </div>
      {error ? <Alert testId="review-filings-error">{pick(error)}</Alert> : null}
      {data && data.rows.length === 0 ? (
        <p className="muted" data-testid="review-filings-empty">
          {t('review.filings.empty')}
        </p>
      ) : null}
      {data && data.rows.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('review.col.unit')}</th>
                <th scope="col">{t('review.col.kind')}</th>
                <th scope="col" className="num">
                  {t('review.col.sequence')}
                </th>
                <th scope="col">{t('review.col.receivedAt')}</th>
                <th scope="col">{t('review.col.status')}</th>
                <th scope="col" className="num">
                  {t('review.col.flags')}
                </th>
                <th scope="col" className="num">
                  {t('review.col.quality')}
                </th>
                <th scope="col">
                  <span className="sr-only">{t('review.col.action')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((f) => (
                <tr key={f.id} data-testid="review-filing-row" data-filing-id={f.id} data-uscc={f.uscc} data-sequence={f.sequence} data-status={f.status}>
                  <td>
                    {f.unitName}
                    <div className="muted mono">{f.uscc}</div>
                  </td>
                  <td>{labels.kind(f.kind)}</td>
                  <td className="num">{f.sequence}</td>
                  <td className="nowrap">{formatDateTime(lang, f.receivedAt)}</td>
                  <td>
                    <span className={`rv-status rv-status-${f.status}`}>{labels.status(f.status)}</span>
                    {f.receiptIssuedAt ? <div className="muted">{t('review.filings.receiptIssued')}</div> : null}
                  </td>
                  <td className="num">{f.flags}</td>
                  <td className="num">{t('review.filings.qualityCounts', { errors: f.qualityErrors, warnings: f.qualityWarnings })}</td>
                  <td className="nowrap">
                    <button
                      type="button"
                      className="btn btn-secondary btn-small"
                      data-testid="review-filing-open"
                      aria-label={t('review.filings.openLabel', { unit: f.unitName, sequence: f.sequence })}
                      onClick={() => openFiling(f.id)}
                    >
                      {t('review.filings.open')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data ? <Pager offset={offset} limit={FILINGS_PAGE_SIZE} total={data.total} label={t('review.filings.pagination')} testId="review-filings-pager" onOffset={setOffset} /> : null}
    </section>
  );
}
