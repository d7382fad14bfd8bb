/**
 * The bureau's review area (review): received filings and the review of one, intake of packages,
 * the trust registry of units and keys, the district view, and versions per unit. A row of page
 * tabs at the top (arrow keys move between them); each page keeps its state in the review store.
 */
import { useRef, type KeyboardEvent } from 'react';
import { useT, type MessageKey } from '../../i18n/index';
import { useSessionStore } from '../../store/session';
import { useWorkspaceScopedStore } from '../../store/workspace-scoped';
import { REVIEW_PAGES, useReviewStore, type ReviewPage } from '../../store/review';
import { PageHeading } from '../../components/PageHeading';
import { FilingList } from './FilingList';
import { FilingReview } from './FilingReview';
import { Intake } from './Intake';
import { TrustRegistry } from './TrustRegistry';
import { District } from './District';
import { Versions } from './Versions';

const PAGE_KEYS: Record<ReviewPage, MessageKey> = {
  filings: 'review.page.filings',
  intake: 'review.page.intake',
  trust: 'review.page.trust',
  district: 'review.page.district',
  versions: 'review.page.versions',
};

export function Review() {
  return useWorkspaceScopedStore(useReviewStore) ? <ReviewArea /> : null;
}

function ReviewArea() {
  const t = useT();
  const role = useSessionStore((s) => s.status?.role);
  const page = useReviewStore((s) => s.page);
  const filingId = useReviewStore((s) => s.filingId);
  const setPage = useReviewStore((s) => s.setPage);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  if (role !== 'bureau')
    return (
      <div className="review-page" data-testid="review-page">
        <PageHeading>{t('nav.review')}</PageHeading>
        <p className="muted" data-testid="review-wrong-role">
          {t('review.bureauOnly')}
        </p>
      </div>
    );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = REVIEW_PAGES.indexOf(page);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % REVIEW_PAGES.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + REVIEW_PAGES.length) % REVIEW_PAGES.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = REVIEW_PAGES.length - 1;
    if (next < 0) return;
    e.preventDefault();
    setPage(REVIEW_PAGES[next]!);
    tabs.current[next]?.focus();
  };

  return (
    <div className="review-page" data-testid="review-page" data-page={page}>
      <div role="tablist" aria-label={t('review.pages')} className="rv-tabs rv-pages" onKeyDown={onKeyDown}>
        {REVIEW_PAGES.map((p, i) => (
          <button
            key={p}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`review-tab-${p}`}
            aria-selected={p === page}
            aria-controls="review-panel"
            tabIndex={p === page ? 0 : -1}
            className={`rv-tab${p === page ? ' rv-tab-on' : ''}`}
            data-testid={`review-tab-${p}`}
            onClick={() => setPage(p)}
          >
            {t(PAGE_KEYS[p])}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="review-panel" aria-labelledby={`review-tab-${page}`} className="rv-panel">
        {page === 'filings' ? filingId ? <FilingReview key={filingId} filingId={filingId} /> : <FilingList /> : null}
        {page === 'intake' ? <Intake /> : null}
        {page === 'trust' ? <TrustRegistry /> : null}
        {page === 'district' ? <District /> : null}
        {page === 'versions' ? <Versions /> : null}
      </div>
    </div>
  );
}
