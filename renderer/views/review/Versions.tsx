/**
 * Versions (versions): every filing a unit sent is kept; the reviewer picks a unit and any two of its
 * filings and sees what changed from the first to the second, field by field.
 */
import { useEffect, useState } from 'react';
import type { BureauFiling, BureauUnit } from '../../../main/domain/bureau';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { formatDateTime, useLang, usePick, useT } from '../../i18n/index';
import { PageHeading } from '../../components/PageHeading';
import { Alert } from '../../components/Alert';
import { DiffView } from './DiffView';
import { useReviewLabels } from './labels';

export function Versions() {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const labels = useReviewLabels(t);
  const [units, setUnits] = useState<BureauUnit[] | null>(null);
  const [uscc, setUscc] = useState('');
  const [filings, setFilings] = useState<BureauFiling[] | null>(null);
  const [from, setFrom] = useState<number | ''>('');
  const [to, setTo] = useState<number | ''>('');
  const [error, setError] = useState<ErrorInfo | null>(null);

  useEffect(() => {
    void client.invoke('bureau.units', {}).then((r) => {
      if (r.ok) {
        setUnits(r.value);
        if (r.value.length === 1) setUscc(r.value[0]!.uscc);
      } else setError(r.error);
    });
  }, [client]);

  useEffect(() => {
    setFilings(null);
    setFrom('');
    setTo('');
    if (!uscc) return;
    let live = true;
    void client.invoke('bureau.filings', { uscc, offset: 0, limit: 1000 }).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setError(r.error);
        return;
      }
      const rows = [...r.value.rows].sort((a, b) => a.sequence - b.sequence);
      setFilings(rows);
      // The two latest, older first.
      if (rows.length >= 2) {
        setFrom(rows[rows.length - 2]!.id);
        setTo(rows[rows.length - 1]!.id);
      }
    });
    return () => {
      live = false;
    };
  }, [client, uscc]);

  const option = (f: BureauFiling) => (
    <option key={f.id} value={f.id}>
      {t('review.versions.option', { sequence: f.sequence, kind: labels.kind(f.kind), time: formatDateTime(lang, f.receivedAt), status: labels.status(f.status) })}
    </option>
  );

  return (
    <section data-testid="review-versions">
      <PageHeading>{t('review.versions.heading')}</PageHeading>
      <p className="muted">{t('review.versions.intro')}</p>
      {error ? <Alert testId="versions-error">{pick(error)}</Alert> : null}
      <div className="quality-filters" role="group" aria-label={t('review.versions.pick')}>
        <label className="inline-field">
          <span>{t('review.col.unit')}</span>
          <select data-testid="versions-unit" value={uscc} onChange={(e) => setUscc(e.target.value)}>
            <option value="">{t('review.versions.chooseUnit')}</option>
            {(units ?? []).map((u) => (
              <option key={u.uscc} value={u.uscc}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        {filings && filings.length > 0 ? (
          <>
            <label className="inline-field">
              <span>{t('review.versions.from')}</span>
              <select data-testid="versions-from" value={from} onChange={(e) => setFrom(e.target.value ? Number(e.target.value) : '')}>
                <option value="">{t('review.versions.choose')}</option>
                {filings.map(option)}
              </select>
            </label>
            <label className="inline-field">
              <span>{t('review.versions.to')}</span>
              <select data-testid="versions-to" value={to} onChange={(e) => setTo(e.target.value ? Number(e.target.value) : '')}>
                <option value="">{t('review.versions.choose')}</option>
                {filings.map(option)}
              </select>
            </label>
          </>
        ) : null}
      </div>
      {filings && filings.length < 2 ? <p className="muted" data-testid="versions-too-few">{t('review.versions.tooFew', { count: filings.length })}</p> : null}
      {from && to && from === to ? <p className="muted">{t('review.versions.same')}</p> : null}
      {from && to && from !== to ? <DiffView key={`${from}-${to}`} filingId={to} against={from} testId="versions-diff" /> : null}
    </section>
  );
}
