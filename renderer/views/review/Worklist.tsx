/**
 * The reviewer's worklist of one filing: its entries (flagged ones by default), virtualised (only
 * the rows in view exist, their pages fetched on demand), driven from the keyboard.
 *
 * Keyboard, on the list: j / ↓ next, k / ↑ previous, PageDown / PageUp, Home / End; a accepts the
 * entry (with the comment typed, if any) and moves on; r marks it for return and puts the focus
 * in the comment box, where Enter saves and moves on, Shift+Enter starts a new line and Escape goes
 * back to the list; u withdraws the decision. The row under the cursor is outlined and shown in
 * full beside the list.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactElement } from 'react';
import { REVIEW_FLAG_CODES, type EntryDecision, type ReviewEntry, type ReviewFlagCode } from '../../../main/domain/bureau';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { formatDateTime, useLang, usePick, useT } from '../../i18n/index';
import { LevelBadge } from '../../components/LevelBadge';
import { Alert, Status } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useReviewStore } from '../../store/review';
import { usePagedRows } from './paged-rows';
import { useReviewLabels } from './labels';

export const WORK_ROW_HEIGHT = 36;
const OVERSCAN = 8;
const DEFAULT_HEIGHT = 432;
const FETCH_DELAY_MS = 30;
const BULK_PAGE = 1000;
const BULK_CHUNK = 10_000;

const rowId = (i: number) => `worklist-row-${i}`;

interface Props {
  filingId: number;
  /** false once a receipt was issued: decisions are closed. */
  editable: boolean;
  onDecided(): void;
}

export function Worklist({ filingId, editable, onDecided }: Props) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const labels = useReviewLabels(t);
  const filter = useReviewStore((s) => s.worklist);
  const setFilter = useReviewStore((s) => s.setWorklist);
  const cursor = useReviewStore((s) => s.cursor);
  const setCursor = useReviewStore((s) => s.setCursor);
  const [search, setSearch] = useState(filter.search ?? '');
  const listRef = useRef<HTMLDivElement>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: DEFAULT_HEIGHT });
  const [draft, setDraft] = useState('');
  const [mode, setMode] = useState<EntryDecision | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [commentError, setCommentError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const queryKey = JSON.stringify({ filingId, ...filter });
  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      client.invoke('bureau.entries', {
        filingId,
        flaggedOnly: filter.flaggedOnly,
        offset,
        limit,
        ...(filter.code ? { code: filter.code } : {}),
        ...(filter.decision ? { decision: filter.decision } : {}),
        ...(filter.search ? { search: filter.search } : {}),
      }),
    [client, filingId, filter],
  );
  const rows = usePagedRows<ReviewEntry>(fetchPage, queryKey);
  const count = rows.total ?? 0;
  const current = count > 0 ? rows.rowAt(Math.min(cursor, count - 1)) : undefined;

  // Measure the list.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const measure = () => setViewport((v) => ({ top: el.scrollTop, height: el.clientHeight > 0 ? el.clientHeight : v.height }));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(viewport.top / WORK_ROW_HEIGHT));
  const last = Math.min(count - 1, Math.ceil((viewport.top + viewport.height) / WORK_ROW_HEIGHT));
  const from = Math.max(0, first - OVERSCAN);
  const to = Math.min(count - 1, last + OVERSCAN);
  const { ensure } = rows;
  useEffect(() => {
    if (rows.total === null) return;
    const timer = window.setTimeout(() => ensure(from, Math.max(from, to)), FETCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [from, to, rows.total, ensure]);

  // The cursor stays inside the list, and in view.
  useEffect(() => {
    if (rows.total !== null && cursor > 0 && cursor >= rows.total) setCursor(Math.max(0, rows.total - 1));
  }, [rows.total, cursor, setCursor]);
  // (The window follows at once, not only when the scroll event arrives, so its rows are fetched.)
  const viewHeight = viewport.height;
  useEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const top = cursor * WORK_ROW_HEIGHT;
    let next = el.scrollTop;
    if (top < next) next = top;
    else if (top + WORK_ROW_HEIGHT > next + viewHeight) next = top + WORK_ROW_HEIGHT - viewHeight;
    if (next === el.scrollTop) return;
    el.scrollTop = next;
    setViewport((v) => (v.top === next ? v : { ...v, top: next }));
  }, [cursor, viewHeight]);

  // A new row under the cursor: its comment in the box, no pending decision.
  const currentKey = current ? `${current.dataId}|${current.decision?.decidedAt ?? ''}` : '';
  useEffect(() => {
    setDraft(current?.decision?.comment ?? '');
    setMode(null);
    setCommentError(null);
    // Only when the row changes, not on each render of the same row.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [currentKey]);

  const move = (to: number) => {
    if (count === 0) return;
    setCursor(Math.max(0, Math.min(count - 1, to)));
  };

  const decide = async (decision: EntryDecision | null, comment: string) => {
    if (!current || saving || !editable) return;
    const index = cursor;
    if (decision === 'return' && !comment.trim()) {
      setMode('return');
      setCommentError(t('review.work.commentNeeded'));
      commentRef.current?.focus();
      return;
    }
    setSaving(true);
    setError(null);
    const r = decision
      ? await client.invoke('bureau.decideEntries', { filingId, dataIds: [current.dataId], decision, comment: comment.trim() })
      : await client.invoke('bureau.clearDecisions', { filingId, dataIds: [current.dataId] });
    setSaving(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    rows.patch(index, { ...current, decision: decision ? { decision, comment: comment.trim(), decidedAt: new Date().toISOString(), decidedBy: '' } : null });
    setStatus(decision ? t('review.work.decidedStatus', { dataId: current.dataId, decision: labels.decision(decision) }) : t('review.work.clearedStatus', { dataId: current.dataId }));
    setMode(null);
    setCommentError(null);
    onDecided();
    if (decision) move(index + 1);
    listRef.current?.focus();
  };

  /** The filter of the list, for the calls that act on all of it. */
  const filterInput = () => ({
    filingId,
    flaggedOnly: filter.flaggedOnly,
    ...(filter.code ? { code: filter.code } : {}),
    ...(filter.search ? { search: filter.search } : {}),
  });

  // Accept, in one go, every entry of the list (as filtered) that has no decision yet.
  const [bulk, setBulk] = useState<number | null>(null);
  const askBulk = async () => {
    setError(null);
    const r = await client.invoke('bureau.entries', { ...filterInput(), decision: 'none', offset: 0, limit: 1 });
    if (!r.ok) return setError(r.error);
    if (r.value.total === 0) return setStatus(t('review.work.bulkNone'));
    setBulk(r.value.total);
  };
  const runBulk = async () => {
    setBulk(null);
    setSaving(true);
    const ids: string[] = [];
    for (let offset = 0; ; offset += BULK_PAGE) {
      const r = await client.invoke('bureau.entries', { ...filterInput(), decision: 'none', offset, limit: BULK_PAGE });
      if (!r.ok) {
        setSaving(false);
        return setError(r.error);
      }
      ids.push(...r.value.rows.map((e) => e.dataId));
      if (r.value.rows.length < BULK_PAGE) break;
    }
    let accepted = 0;
    for (let i = 0; i < ids.length; i += BULK_CHUNK) {
      const r = await client.invoke('bureau.decideEntries', { filingId, dataIds: ids.slice(i, i + BULK_CHUNK), decision: 'accept', comment: '' });
      if (!r.ok) {
        setSaving(false);
        setError(r.error);
        break;
      }
      accepted += r.value.decided;
    }
    setSaving(false);
    setStatus(t('review.work.bulkDone', { count: accepted }));
    rows.reload();
    onDecided();
  };

  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const page = Math.max(1, Math.floor(viewport.height / WORK_ROW_HEIGHT) - 1);
    const k = e.key;
    if (k === 'j' || k === 'ArrowDown') move(cursor + 1);
    else if (k === 'k' || k === 'ArrowUp') move(cursor - 1);
    else if (k === 'PageDown') move(cursor + page);
    else if (k === 'PageUp') move(cursor - page);
    else if (k === 'Home') move(0);
    else if (k === 'End') move(count - 1);
    else if (k === 'a' && editable) void decide('accept', draft);
    else if (k === 'r' && editable) {
      setMode('return');
      setCommentError(null);
      commentRef.current?.focus();
    } else if (k === 'u' && editable && current?.decision) void decide(null, '');
    else if (k === 'Enter' && editable) commentRef.current?.focus();
    else return;
    e.preventDefault();
  };

  const onCommentKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void decide(mode ?? current?.decision?.decision ?? 'return', draft);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setMode(null);
      setCommentError(null);
      listRef.current?.focus();
    }
  };

  const items: ReactElement[] = [];
  for (let i = from; i <= to && count > 0; i++) {
    const r = rows.rowAt(i);
    const on = i === cursor;
    items.push(
      <div
        key={i}
        id={rowId(i)}
        role="option"
        aria-selected={on}
        className={`rv-row${on ? ' rv-row-on' : ''}${r?.kind === 'resource' ? ' rv-row-resource' : ''}`}
        style={{ top: i * WORK_ROW_HEIGHT, height: WORK_ROW_HEIGHT }}
        data-testid="worklist-row"
        data-index={i}
        data-data-id={r?.dataId ?? ''}
        data-decision={r?.decision?.decision ?? ''}
        onMouseDown={(e) => {
          e.preventDefault();
          setCursor(i);
          listRef.current?.focus();
        }}
      >
        {r ? (
          <>
            <span className="rv-cell rv-cell-decision">
              {r.decision ? (
                <span className={`rv-decision rv-decision-${r.decision.decision}`} title={r.decision.comment || undefined}>
                  {labels.decision(r.decision.decision)}
                </span>
              ) : (
                <span className="muted">{t('review.work.undecided')}</span>
              )}
            </span>
            <span className="rv-cell rv-cell-id mono">{r.dataId}</span>
            <span className="rv-cell rv-cell-name">
              {r.kind === 'resource' ? r.resourceName : r.itemName}
              {r.decision?.comment ? <span className="rv-row-comment"> — {r.decision.comment}</span> : null}
            </span>
            <span className="rv-cell rv-cell-level">
              <LevelBadge level={r.level} compact />
            </span>
            <span className="rv-cell rv-cell-flags">
              {r.flags.length > 0 ? t('review.work.flagCount', { count: r.flags.length }) : ''}
            </span>
          </>
        ) : (
          <span className="muted">{t('common.loading')}</span>
        )}
      </div>,
    );
  }

  return (
    <div className="rv-worklist" data-testid="worklist-section">
      <div className="quality-filters" role="group" aria-label={t('review.work.filters')}>
        <label className="check-option">
          <input type="checkbox" data-testid="worklist-all" checked={!filter.flaggedOnly} onChange={(e) => setFilter({ flaggedOnly: !e.target.checked })} />
          {t('review.work.showAll')}
        </label>
        <label className="inline-field">
          <span>{t('review.work.flag')}</span>
          <select data-testid="worklist-code" value={filter.code ?? ''} onChange={(e) => setFilter({ code: (e.target.value || undefined) as ReviewFlagCode | undefined })}>
            <option value="">{t('filter.any')}</option>
            {REVIEW_FLAG_CODES.map((c) => (
              <option key={c} value={c}>
                {labels.flag(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('review.work.decision')}</span>
          <select data-testid="worklist-decision" value={filter.decision ?? ''} onChange={(e) => setFilter({ decision: (e.target.value || undefined) as 'accept' | 'return' | 'none' | undefined })}>
            <option value="">{t('filter.any')}</option>
            <option value="none">{t('review.work.undecided')}</option>
            <option value="accept">{labels.decision('accept')}</option>
            <option value="return">{labels.decision('return')}</option>
          </select>
        </label>
        <form
          className="inline-field"
          onSubmit={(e) => {
            e.preventDefault();
            setFilter({ search: search.trim() || undefined });
          }}
        >
          <label htmlFor="worklist-search">{t('review.work.search')}</label>
          <input id="worklist-search" data-testid="worklist-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </form>
        <span className="muted" data-testid="worklist-total" data-total={rows.total ?? ''} aria-live="polite">
          {rows.total === null ? t('common.loading') : t('review.work.total', { count: rows.total })}
        </span>
      </div>
      {editable ? (
        <div className="actions rv-left">
          <button type="button" className="btn btn-secondary btn-small" data-testid="worklist-accept-rest" disabled={saving} onClick={() => void askBulk()}>
            {t('review.work.bulk')}
          </button>
        </div>
      ) : null}
      {bulk !== null ? (
        <ConfirmDialog
          title={t('review.work.bulkTitle')}
          body={t('review.work.bulkBody', { count: bulk })}
          confirmLabel={t('review.work.bulkConfirm', { count: bulk })}
          cancelLabel={t('common.cancel')}
          onConfirm={() => void runBulk()}
          onCancel={() => setBulk(null)}
        />
      ) : null}
      <p className="rv-help" id="worklist-help" data-testid="worklist-help">
        {editable ? t('review.work.help') : t('review.work.helpClosed')}
      </p>
      {rows.error ? <Alert testId="worklist-load-error">{pick(rows.error)}</Alert> : null}
      <div className="rv-work-layout">
        <div
          ref={listRef}
          className="rv-list"
          role="listbox"
          tabIndex={0}
          aria-label={t('review.work.label')}
          aria-describedby="worklist-help"
          aria-activedescendant={count > 0 ? rowId(cursor) : undefined}
          data-testid="worklist"
          data-cursor={cursor}
          onKeyDown={onListKey}
          onScroll={(e) => {
            const top = e.currentTarget.scrollTop;
            setViewport((v) => (v.top === top ? v : { ...v, top }));
          }}
        >
          <div className="rv-list-body" style={{ height: count * WORK_ROW_HEIGHT }}>
            {items}
          </div>
          {rows.total === 0 ? (
            <p className="muted rv-list-empty" data-testid="worklist-empty">
              {filter.flaggedOnly ? t('review.work.noFlags') : t('review.work.empty')}
            </p>
          ) : null}
        </div>
        <div className="rv-entry card" data-testid="worklist-detail" data-data-id={current?.dataId ?? ''} aria-live="polite">
          {current ? (
            <>
              <h3 className="rv-entry-title">
                <span className="mono">{current.dataId}</span> {current.kind === 'resource' ? current.resourceName : current.itemName}
              </h3>
              <p className="muted">
                {current.kind === 'resource' ? t('review.work.resource') : t('review.work.itemOf', { resource: current.resourceName })} · {current.systemName}
                {current.category1 ? ` · ${current.category1}` : ''}
              </p>
              <dl className="facts rv-facts">
                <dt>{t('review.work.level')}</dt>
                <dd>
                  <LevelBadge level={current.level} testId="worklist-detail-level" />
                </dd>
                <dt>{t('review.work.suggested')}</dt>
                <dd>
                  <LevelBadge level={current.suggestedLevel} />
                </dd>
                <dt>{t('review.work.rationale')}</dt>
                <dd data-testid="worklist-detail-rationale">{current.rationale || t('common.none')}</dd>
                {current.isSensitivePersonalInfo ? (
                  <>
                    <dt>{t('review.work.spi')}</dt>
                    <dd>{current.isSensitivePersonalInfo}</dd>
                  </>
                ) : null}
              </dl>
              {current.flags.length > 0 ? (
                <ul className="rv-flags" data-testid="worklist-detail-flags">
                  {current.flags.map((f) => (
                    <li key={f.code} className="rv-flag" data-code={f.code}>
                      {pick(f)}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted">{t('review.work.noFlagsHere')}</p>
              )}
              {current.decision ? (
                <p data-testid="worklist-detail-decision" data-decision={current.decision.decision}>
                  <span className={`rv-decision rv-decision-${current.decision.decision}`}>{labels.decision(current.decision.decision)}</span>{' '}
                  {current.decision.decidedBy ? t('review.work.decidedBy', { who: current.decision.decidedBy, time: formatDateTime(lang, current.decision.decidedAt) }) : null}
                </p>
              ) : null}
              <div className={`field${commentError ? ' field-invalid' : ''}`}>
                <label htmlFor="review-comment" className="field-label">
                  {mode === 'return' ? t('review.work.commentReturn') : t('review.work.comment')}
                </label>
                <textarea
                  id="review-comment"
                  ref={commentRef}
                  data-testid="review-comment"
                  rows={3}
                  value={draft}
                  disabled={!editable}
                  aria-invalid={Boolean(commentError)}
                  aria-describedby={commentError ? 'review-comment-error' : 'review-comment-hint'}
                  onChange={(e) => {
                    setDraft(e.target.value);
                    setCommentError(null);
                  }}
                  onKeyDown={onCommentKey}
                />
                {commentError ? (
                  <p id="review-comment-error" className="field-error" data-testid="review-comment-error">
                    {commentError}
                  </p>
                ) : (
                  <p id="review-comment-hint" className="field-hint">
                    {t('review.work.commentHint')}
                  </p>
                )}
              </div>
              <div className="actions rv-entry-actions">
                <button type="button" className="btn btn-primary btn-small" data-testid="worklist-accept" disabled={!editable || saving} onClick={() => void decide('accept', draft)}>
                  {t('review.work.accept')}
                </button>
                <button type="button" className="btn btn-danger btn-small" data-testid="worklist-return" disabled={!editable || saving} onClick={() => void decide('return', draft)}>
                  {t('review.work.return')}
                </button>
                {current.decision ? (
                  <button type="button" className="btn btn-ghost btn-small" data-testid="worklist-clear" disabled={!editable || saving} onClick={() => void decide(null, '')}>
                    {t('review.work.clear')}
                  </button>
                ) : null}
              </div>
            </>
          ) : (
            <p className="muted">{rows.total === null ? t('common.loading') : t('review.work.nothing')}</p>
          )}
          {error ? <Alert testId="worklist-error">{pick(error)}</Alert> : null}
          <Status testId="worklist-status">{status}</Status>
        </div>
      </div>
    </div>
  );
}
