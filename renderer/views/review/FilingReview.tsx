/**
 * The review of one received filing: who filed what and when (unit, kind, sequence, digest,
 * received at), then three tabs — changes (the diff against the unit's previous filing), flags
 * (the keyboard worklist of flagged entries, each accepted or returned with a comment) and quality findings
 * (the unit's quality findings) — and the decision on the whole filing, after which the signed
 * receipt (receipt) is saved for the unit.
 */
import { useCallback, useEffect, useState } from 'react';
import { FILING_DECISIONS, type BureauFinding, type FilingDecision, type ReceiptBuildResult, type ReviewOverview } from '../../../main/domain/bureau';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { useInvokeEffect } from '../../api/use-invoke';
import { formatDateTime, useLang, usePick, useT, type MessageKey } from '../../i18n/index';
import { DIMENSION_KEYS, SEVERITY_KEYS } from '../../i18n/codes';
import { PageHeading } from '../../components/PageHeading';
import { Tabs, tabPanelProps } from '../../components/Tabs';
import { Alert, Status } from '../../components/Alert';
import { Pager } from '../../components/Pager';
import { PathField } from '../../components/FileChooser';
import { REVIEW_TABS, useReviewStore, type ReviewTab } from '../../store/review';
import { DiffView } from './DiffView';
import { Worklist } from './Worklist';
import { fieldLabel, proposedPath, useReviewLabels } from './labels';
import { useSessionStore } from '../../store/session';

const TAB_KEYS: Record<ReviewTab, MessageKey> = { changes: 'review.tab.changes', flags: 'review.tab.flags', quality: 'review.tab.quality' };
const DECISION_KEYS: Record<FilingDecision, MessageKey> = {
  accepted: 'review.decide.accepted',
  returned: 'review.decide.returned',
  accepted_with_remarks: 'review.decide.remarks',
};

/** How many things a tab holds: changed rows, flags, quality findings. */
function tabCount(o: ReviewOverview, k: ReviewTab): number {
  const d = o.diff;
  if (k === 'changes') return d.added.items + d.added.resources + d.removed.items + d.removed.resources + d.changed.items + d.changed.resources;
  if (k === 'flags') return o.flags.reduce((a, b) => a + b.count, 0);
  return o.quality.errors + o.quality.warnings;
}

export function FilingReview({ filingId }: { filingId: number }) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const labels = useReviewLabels(t);
  const tab = useReviewStore((s) => s.tab);
  const setTab = useReviewStore((s) => s.setTab);
  const openFiling = useReviewStore((s) => s.openFiling);
  const [overview, setOverview] = useState<ReviewOverview | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const load = useCallback(async () => {
    const r = await client.invoke('bureau.review', { filingId });
    if (r.ok) {
      setOverview(r.value);
      setError(null);
    } else setError(r.error);
  }, [client, filingId]);
  useEffect(() => {
    void load();
  }, [load]);

  const f = overview?.filing;
  const editable = Boolean(f && !f.receiptIssuedAt);
  return (
    <section className="rv-review" data-testid="filing-review" data-filing-id={filingId} data-status={f?.status ?? ''}>
      <div className="page-head">
        <button type="button" className="btn btn-ghost btn-small" data-testid="review-back" onClick={() => openFiling(null)}>
          {t('review.backToList')}
        </button>
      </div>
      <PageHeading>{f ? t('review.heading', { unit: f.unitName, sequence: f.sequence }) : t('common.loading')}</PageHeading>
      {error ? <Alert testId="review-error">{pick(error)}</Alert> : null}
      {f && overview ? (
        <>
          <dl className="facts rv-header" data-testid="review-header">
            <dt>{t('review.col.unit')}</dt>
            <dd>
              {f.unitName} <span className="mono muted">{f.uscc}</span>
            </dd>
            <dt>{t('review.col.kind')}</dt>
            <dd data-testid="review-kind" data-kind={f.kind}>
              {labels.kind(f.kind)}
            </dd>
            <dt>{t('review.col.sequence')}</dt>
            <dd data-testid="review-sequence">{f.sequence}</dd>
            <dt>{t('review.col.digest')}</dt>
            <dd className="mono rv-digest" data-testid="review-digest">
              {f.digest}
            </dd>
            <dt>{t('review.col.receivedAt')}</dt>
            <dd>{t('review.receivedBy', { time: formatDateTime(lang, f.receivedAt), who: f.receivedBy })}</dd>
            <dt>{t('review.col.base')}</dt>
            <dd data-testid="review-base">{overview.base ? t('review.baseFiling', { sequence: overview.base.sequence, status: labels.status(overview.base.status) }) : t('review.noBase')}</dd>
            <dt>{t('review.col.status')}</dt>
            <dd>
              <span className={`rv-status rv-status-${f.status}`} data-testid="review-status" data-status={f.status}>
                {labels.status(f.status)}
              </span>
            </dd>
            <dt>{t('review.col.counts')}</dt>
            <dd>{t('review.countsText', { systems: f.counts.systems, resources: f.counts.resources, items: f.counts.items, catalog: f.counts.catalogEntries })}</dd>
          </dl>
          <p className="muted" data-testid="review-progress" data-returned={overview.decisions.returned} data-accepted={overview.decisions.accepted} data-undecided={overview.decisions.flaggedUndecided}>
            {t('review.progress', { accepted: overview.decisions.accepted, returned: overview.decisions.returned, undecided: overview.decisions.flaggedUndecided })}
          </p>
          <Tabs
            tabs={REVIEW_TABS.map((k) => ({ key: k, label: t('review.tabCount', { tab: t(TAB_KEYS[k]), count: tabCount(overview, k) }) }))}
            selected={tab}
            onSelect={setTab}
            label={t('review.tabs')}
            idPrefix="filing"
            small
          />
          <div {...tabPanelProps('filing', tab)} className="rv-tabpanel">
            {tab === 'changes' ? <DiffView filingId={filingId} testId="diff" /> : null}
            {tab === 'flags' ? (
              <>
                {overview.flags.length > 0 ? (
                  <p className="rv-flag-summary">
                    {overview.flags.map((x) => (
                      <span key={x.code} className="rv-flag-count" data-testid={`flag-count-${x.code}`} data-count={x.count}>
                        {labels.flag(x.code)} <strong>{x.count}</strong>
                      </span>
                    ))}
                  </p>
                ) : null}
                <Worklist filingId={filingId} editable={editable} onDecided={() => void load()} />
              </>
            ) : null}
            {tab === 'quality' ? <Findings filingId={filingId} /> : null}
          </div>
          <Decision overview={overview} onChanged={() => void load()} />
        </>
      ) : null}
    </section>
  );
}

const FINDINGS_PAGE = 50;

function Findings({ filingId }: { filingId: number }) {
  const t = useT();
  const pick = usePick();
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ total: number; rows: BureauFinding[] } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useInvokeEffect(
    'bureau.findings',
    { filingId, offset, limit: FINDINGS_PAGE },
    (r) => {
      if (r.ok) setData(r.value);
      else setError(r.error);
    },
    [filingId, offset],
  );
  if (error) return <Alert testId="findings-error">{pick(error)}</Alert>;
  if (!data) return <p className="muted">{t('common.loading')}</p>;
  if (data.total === 0)
    return (
      <p className="ok-text" data-testid="findings-none">
        {t('review.findings.none')}
      </p>
    );
  return (
    <div data-testid="findings">
      <div className="table-wrap">
        <table className="data-table findings-table">
          <thead>
            <tr>
              <th scope="col">{t('quality.col.severity')}</th>
              <th scope="col">{t('quality.col.where')}</th>
              <th scope="col">{t('quality.col.field')}</th>
              <th scope="col">{t('quality.col.message')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((f, i) => (
              <tr key={`${offset}-${i}`} data-testid="review-finding" data-code={f.code} data-data-id={f.dataId}>
                <td className="nowrap">
                  <span className={`sev sev-${f.severity}`}>{t(SEVERITY_KEYS[f.severity])}</span>
                  <div className="muted">{t(DIMENSION_KEYS[f.dimension])}</div>
                </td>
                <td className="nowrap">
                  <span className="sheet-tag">{t(f.sheet === 3 ? 'quality.sheet3' : 'quality.sheet2')}</span> <span className="mono">{f.dataId || t('common.none')}</span>
                </td>
                <td>{f.field ? fieldLabel(t, f.sheet === 3 ? 'catalog' : 'entry', f.field) : t('common.none')}</td>
                <td>
                  {pick(f)}
                  <div className="muted mono finding-code">{f.code}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager offset={offset} limit={FINDINGS_PAGE} total={data.total} label={t('review.findings.pagination')} testId="findings-pager" onOffset={setOffset} />
    </div>
  );
}

function Decision({ overview, onChanged }: { overview: ReviewOverview; onChanged(): void }) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const labels = useReviewLabels(t);
  const f = overview.filing;
  const decided = f.status !== 'pending';
  const [decision, setDecision] = useState<FilingDecision | ''>(decided ? (f.status as FilingDecision) : '');
  const [comment, setComment] = useState(f.decisionComment);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [status, setStatus] = useState('');
  const workspacePath = useSessionStore((s) => s.status?.path);
  const [outPath, setOutPath] = useState(() => proposedPath(workspacePath, t('review.receipt.defaultName', { uscc: f.uscc, sequence: f.sequence })));
  const [receipt, setReceipt] = useState<ReceiptBuildResult | null>(null);
  const closed = Boolean(f.receiptIssuedAt);

  const save = async () => {
    if (!decision) return;
    setBusy(true);
    setError(null);
    const r = await client.invoke('bureau.decideFiling', { filingId: f.id, decision, comment: comment.trim() });
    setBusy(false);
    if (r.ok) {
      setStatus(t('review.decide.saved', { status: labels.status(r.value.status) }));
      onChanged();
    } else setError(r.error);
  };

  const issue = async () => {
    if (!outPath.trim()) return;
    setBusy(true);
    setError(null);
    const r = await client.invoke('bureau.receipt', { filingId: f.id, outPath: outPath.trim(), overwrite: true });
    setBusy(false);
    if (r.ok) {
      setReceipt(r.value);
      setStatus(t('review.receipt.written', { path: r.value.path }));
      onChanged();
    } else setError(r.error);
  };

  return (
    <section className="card rv-decision-card" aria-labelledby="review-decision-heading" data-testid="review-decision">
      <h2 id="review-decision-heading">{t('review.decide.heading')}</h2>
      {closed ? (
        <p data-testid="review-closed">{t('review.decide.closed', { time: formatDateTime(lang, f.receiptIssuedAt ?? ''), status: labels.status(f.status) })}</p>
      ) : (
        <>
          <fieldset className="rv-decisions">
            <legend className="field-label">{t('review.decide.legend')}</legend>
            {FILING_DECISIONS.map((d) => (
              <label key={d} className="radio-option">
                <input type="radio" name="filing-decision" value={d} data-testid={`decide-${d}`} checked={decision === d} onChange={() => setDecision(d)} />
                {t(DECISION_KEYS[d])}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="decide-comment" className="field-label">
              {t('review.decide.comment')}
            </label>
            <textarea id="decide-comment" data-testid="decide-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} aria-describedby="decide-comment-hint" />
            <p id="decide-comment-hint" className="field-hint">
              {t('review.decide.commentHint')}
            </p>
          </div>
          <div className="actions">
            <button type="button" className="btn btn-primary" data-testid="decide-save" disabled={!decision || busy} onClick={() => void save()}>
              {t('review.decide.save')}
            </button>
          </div>
        </>
      )}
      {decided ? (
        <div className="rv-receipt" data-testid="review-receipt">
          <h3>{t('review.receipt.heading')}</h3>
          <p className="muted">{t('review.receipt.intro')}</p>
          <PathField
            id="receipt-path"
            label={t('review.receipt.path')}
            value={outPath}
            onChange={setOutPath}
            mode="save"
            extensions={['dsp']}
            defaultName={t('review.receipt.defaultName', { uscc: f.uscc, sequence: f.sequence })}
          />
          <div className="actions">
            <button type="button" className="btn btn-primary" data-testid="receipt-issue" disabled={!outPath.trim() || busy} onClick={() => void issue()}>
              {t('review.receipt.issue')}
            </button>
          </div>
          {receipt ? (
            <p data-testid="receipt-result" data-path={receipt.path} data-digest={receipt.digest}>
              {t('review.receipt.result', { entries: receipt.entries, digest: receipt.digest.slice(0, 16) })}
            </p>
          ) : null}
        </div>
      ) : null}
      {error ? <Alert testId="decide-error">{pick(error)}</Alert> : null}
      <Status testId="decide-status">{status}</Status>
    </section>
  );
}
