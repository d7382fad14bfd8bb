/**
 * The bureau's review area (review): received filings and the review of one, intake of packages,
 * the trust registry of units and keys, the district view, and versions per unit. A row of page
 * tabs at the top (arrow keys, Home and End move between them); each page keeps its state in the
 * review store.
 */
import { useT, type MessageKey } from '../../i18n/index';
import { useSessionStore } from '../../store/session';
import { useWorkspaceScopedStore } from '../../store/workspace-scoped';
import { REVIEW_PAGES, useReviewStore, type ReviewPage } from '../../store/review';
import { PageHeading } from '../../components/PageHeading';
import { Tabs, tabPanelProps } from '../../components/Tabs';
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

  if (role !== 'bureau')
    return (
      <div className="review-page" data-testid="review-page">
        <PageHeading>{t('nav.review')}</PageHeading>
        <p className="muted" data-testid="review-wrong-role">
          {t('review.bureauOnly')}
        </p>
      </div>
    );

  return (
    <div className="review-page" data-testid="review-page" data-page={page}>
      <Tabs tabs={REVIEW_PAGES.map((p) => ({ key: p, label: t(PAGE_KEYS[p]) }))} selected={page} onSelect={setPage} label={t('review.pages')} idPrefix="review" />
      <div {...tabPanelProps('review', page)} className="rv-panel">
        {page === 'filings' ? filingId ? <FilingReview key={filingId} filingId={filingId} /> : <FilingList /> : null}
        {page === 'intake' ? <Intake /> : null}
        {page === 'trust' ? <TrustRegistry /> : null}
        {page === 'district' ? <District /> : null}
        {page === 'versions' ? <Versions /> : null}
      </div>
    </div>
  );
}
