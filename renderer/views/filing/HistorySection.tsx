/** The filing history: every package made (and those marked as not sent), newest first; mark the latest as not sent. */
import { useState, type FormEvent } from 'react';
import { FILING_KIND_LABELS, type FilingHistoryRow } from '../../../main/domain/package/index';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { formatDateTime, useLang, usePick, useT } from '../../i18n/index';
import { FILING_KIND_KEYS } from '../../i18n/codes';
import { Alert, Status } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { shortFingerprint } from './Fingerprint';

interface Props {
  rows: FilingHistoryRow[];
  onChanged(): Promise<void>;
}

export function HistorySection({ rows, onChanged }: Props) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const [withdrawing, setWithdrawing] = useState<FilingHistoryRow | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [message, setMessage] = useState('');
  const latestFiled = rows.find((r) => r.status === 'filed');

  const withdraw = async (e: FormEvent) => {
    e.preventDefault();
    if (!withdrawing) return;
    const seq = withdrawing.sequence;
    setError(null);
    const r = await client.invoke('package.withdraw', { sequence: seq, ...(reason.trim() ? { reason } : {}) });
    setWithdrawing(null);
    setReason('');
    if (!r.ok) return setError(r.error);
    setMessage(t('filing.history.withdrawn.done', { sequence: seq }));
    await onChanged();
  };

  return (
    <section className="filing-section" aria-labelledby="filing-history-heading" data-testid="filing-history-section">
      <h2 id="filing-history-heading">{t('filing.history.heading')}</h2>
      {error ? <Alert testId="filing-history-error">{pick(error)}</Alert> : null}
      {message ? (
        <Status tone="success" testId="filing-history-status">
          {message}
        </Status>
      ) : null}
      {rows.length === 0 ? (
        <p data-testid="filing-history-empty">{t('filing.history.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table filing-table" data-testid="filing-history">
            <caption className="sr-only">{t('filing.history.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('filing.history.colSequence')}</th>
                <th scope="col">{t('filing.history.colKind')}</th>
                <th scope="col">{t('filing.history.colDigest')}</th>
                <th scope="col">{t('filing.history.colTime')}</th>
                <th scope="col">{t('filing.history.colCounts')}</th>
                <th scope="col">{t('filing.history.colSealed')}</th>
                <th scope="col">{t('filing.history.colStatus')}</th>
                <th scope="col">{t('filing.history.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.digest} data-testid="filing-history-row" data-sequence={r.sequence} data-status={r.status} data-digest={r.digest} className={r.status === 'withdrawn' ? 'filing-row-withdrawn' : undefined}>
                  <td>{r.sequence}</td>
                  <td>{t(FILING_KIND_KEYS[FILING_KIND_LABELS[r.kind].zh])}</td>
                  <td className="mono" title={r.digest}>
                    {r.digest.slice(0, 16)}…
                  </td>
                  <td>{formatDateTime(lang, r.createdAt)}</td>
                  <td>
                    {r.counts.systems} / {r.counts.resources} / {r.counts.items} / {r.counts.catalogEntries}
                  </td>
                  <td className="mono" title={r.sealedTo ?? undefined}>
                    {r.sealedTo ? shortFingerprint(r.sealedTo) : t('filing.build.notSealed')}
                  </td>
                  <td>
                    {r.status === 'withdrawn' ? (r.withdrawReason ? t('filing.history.withdrawnNote', { reason: r.withdrawReason }) : t('filing.history.withdrawn')) : t('filing.history.filed')}
                    {r.keyRotation ? <span className="badge filing-rotation-badge">{t('filing.history.rotation')}</span> : null}
                  </td>
                  <td>
                    {r === latestFiled ? (
                      <button type="button" className="btn btn-ghost btn-small" data-testid="filing-withdraw" aria-label={t('filing.history.withdrawLabel', { sequence: r.sequence })} onClick={() => setWithdrawing(r)}>
                        {t('filing.history.withdraw')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {withdrawing ? (
        <Dialog title={t('filing.history.withdrawTitle', { sequence: withdrawing.sequence })} testId="filing-withdraw-dialog" onCancel={() => setWithdrawing(null)}>
          <form onSubmit={(e) => void withdraw(e)}>
            <p>{t('filing.history.withdrawBody', { sequence: withdrawing.sequence })}</p>
            <div className="field">
              <label className="field-label" htmlFor="filing-withdraw-reason">
                {t('filing.history.withdrawReason')}
              </label>
              <input id="filing-withdraw-reason" data-testid="filing-withdraw-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
            </div>
            <div className="dialog-actions">
              <button type="button" className="btn btn-secondary" onClick={() => setWithdrawing(null)}>
                {t('filing.cancel')}
              </button>
              <button type="submit" className="btn btn-danger" data-testid="filing-withdraw-confirm">
                {t('filing.history.withdrawConfirm')}
              </button>
            </div>
          </form>
        </Dialog>
      ) : null}
    </section>
  );
}
