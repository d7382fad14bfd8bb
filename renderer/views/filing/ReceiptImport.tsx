/**
 * Unit side of receipts (receipt): import a receipt file from the bureau (verified by the backend
 * against the bureau key this unit confirmed) and see its outcome — the decision on the filing,
 * the bureau's comment, how many entries were accepted and returned, and the returned entries
 * with their comments, each a way to its row in the inventory. `EntryReceiptNote` shows the bureau's
 * word on one entry inside the inventory detail panel.
 */
import { useCallback, useEffect, useState } from 'react';
import type { EntryReceiptStatus, UnitFilingOutcome, UnitReceipt } from '../../../main/domain/bureau';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { formatDateTime, useLang, usePick, useT } from '../../i18n/index';
import { Alert, Status } from '../../components/Alert';
import { PathField } from '../../components/FileChooser';
import { useReviewLabels } from '../review/labels';
import { openEntryInInventory } from '../jump';

const RETURNED_PAGE = 200;

export function ReceiptImport({ onImported }: { onImported?: (r: UnitReceipt) => void }) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const labels = useReviewLabels(t);
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [result, setResult] = useState<UnitReceipt | null>(null);
  const [outcomes, setOutcomes] = useState<UnitFilingOutcome[]>([]);
  const [returned, setReturned] = useState<{ total: number; rows: EntryReceiptStatus[] } | null>(null);

  const load = useCallback(async () => {
    const [l, s] = await Promise.all([client.invoke('receipt.list', {}), client.invoke('receipt.entryStatuses', { decision: 'return', offset: 0, limit: RETURNED_PAGE })]);
    if (l.ok) setOutcomes(l.value);
    if (s.ok) setReturned(s.value);
  }, [client]);
  useEffect(() => {
    void load();
  }, [load]);

  const importReceipt = async () => {
    if (!path.trim()) return;
    setBusy(true);
    setError(null);
    const r = await client.invoke('receipt.import', { path: path.trim() });
    setBusy(false);
    if (r.ok) {
      setResult(r.value);
      onImported?.(r.value);
      void load();
    } else setError(r.error);
  };

  const openEntry = async (dataId: string) => {
    const q = await client.invoke('inventory.query', { filter: { search: dataId }, sort: 'dataId', desc: false, offset: 0, limit: 20 });
    if (!q.ok) {
      setError(q.error);
      return;
    }
    const hit = q.value.rows.find((e) => e.dataId === dataId);
    if (!hit) return;
    const err = await openEntryInInventory(client, hit.id, null);
    if (err) setError(err);
  };

  const latest = outcomes[0] ?? null;
  return (
    <section className="card" aria-labelledby="receipt-import-heading" data-testid="receipt-import">
      <h2 id="receipt-import-heading">{t('receipt.heading')}</h2>
      <p className="muted">{t('receipt.intro')}</p>
      <PathField id="receipt-import-path" label={t('receipt.path')} value={path} onChange={setPath} mode="open" extensions={['dsp']} />
      <div className="actions rv-left">
        <button type="button" className="btn btn-primary" data-testid="receipt-import-submit" disabled={busy || !path.trim()} onClick={() => void importReceipt()}>
          {t('receipt.import')}
        </button>
      </div>
      {error ? <Alert testId="receipt-import-error">{pick(error)}</Alert> : null}
      {result ? (
        <Status testId="receipt-import-status" tone="success">
          {t('receipt.imported', { sequence: result.filingSequence, status: labels.status(result.decision), accepted: result.accepted, returned: result.returned })}
        </Status>
      ) : null}
      {latest ? (
        <div className="rv-outcome-box" data-testid="receipt-latest" data-status={latest.status} data-sequence={latest.sequence}>
          <p>
            {t('receipt.latest', { sequence: latest.sequence, kind: labels.kind(latest.kind) })}{' '}
            <span className={`rv-status rv-status-${latest.status === 'awaiting' ? 'pending' : latest.status}`} data-testid="receipt-latest-status">
              {labels.status(latest.status)}
            </span>
          </p>
          {latest.receipt ? (
            <p className="muted">
              {t('receipt.decidedAt', { time: formatDateTime(lang, latest.receipt.decidedAt) })}
              {latest.receipt.comment ? (
                <>
                  {' '}
                  <span data-testid="receipt-latest-comment">{t('receipt.comment', { text: latest.receipt.comment })}</span>
                </>
              ) : null}
            </p>
          ) : null}
        </div>
      ) : null}
      {outcomes.length > 1 ? (
        <div className="table-wrap">
          <table className="data-table" data-testid="receipt-outcomes">
            <caption>{t('receipt.outcomes')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('review.col.sequence')}</th>
                <th scope="col">{t('review.col.kind')}</th>
                <th scope="col">{t('review.col.status')}</th>
                <th scope="col">{t('receipt.col.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {outcomes.map((o) => (
                <tr key={o.digest} data-testid="receipt-outcome" data-sequence={o.sequence} data-status={o.status}>
                  <td>{o.sequence}</td>
                  <td>{labels.kind(o.kind)}</td>
                  <td>
                    <span className={`rv-status rv-status-${o.status === 'awaiting' ? 'pending' : o.status}`}>{labels.status(o.status)}</span>
                  </td>
                  <td>{o.receipt?.comment || t('common.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {returned && returned.total > 0 ? (
        <div data-testid="receipt-returned">
          <h3>{t('receipt.returned', { count: returned.total })}</h3>
          <ul className="rv-results">
            {returned.rows.map((r) => (
              <li key={r.dataId} data-testid="receipt-returned-entry" data-data-id={r.dataId}>
                <span className="mono">{r.dataId}</span> <span className="rv-decision rv-decision-return">{labels.decision(r.decision)}</span> <span data-testid="receipt-returned-comment">{r.comment}</span>{' '}
                <button type="button" className="link-button" data-testid="receipt-open-entry" onClick={() => void openEntry(r.dataId)}>
                  {t('receipt.openEntry')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

/** The bureau's decision and comment on one entry, from the latest receipt that names it (nothing when none does). */
export function EntryReceiptNote({ dataId }: { dataId: string }) {
  const client = useApi();
  const t = useT();
  const labels = useReviewLabels(t);
  const [status, setStatus] = useState<EntryReceiptStatus | null>(null);
  useEffect(() => {
    let live = true;
    setStatus(null);
    void client.invoke('receipt.entryStatuses', { dataIds: [dataId], offset: 0, limit: 1 }).then((r) => {
      if (live && r.ok) setStatus(r.value.rows[0] ?? null);
    });
    return () => {
      live = false;
    };
  }, [client, dataId]);
  if (!status) return null;
  return (
    <div className={`rv-entry-note rv-entry-note-${status.decision}`} data-testid="entry-receipt-status" data-decision={status.decision} data-sequence={status.filingSequence}>
      <span className={`rv-decision rv-decision-${status.decision}`}>{labels.decision(status.decision)}</span>{' '}
      <span className="muted">{t('receipt.entryFrom', { sequence: status.filingSequence })}</span>
      {status.comment ? (
        <p className="rv-entry-comment" data-testid="entry-receipt-comment">
          {status.comment}
        </p>
      ) : null}
    </div>
  );
}
