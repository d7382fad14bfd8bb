/** Audit log: the hash-chained log, newest first, 50 a page, with a chain verification. */
import { useState } from 'react';
import type { AuditEntry, AuditVerifyResult } from '../../main/domain/audit';
import type { ErrorInfo } from '../../main/domain/errors';
import { useApi } from '../api/context';
import { useInvokeEffect } from '../api/use-invoke';
import { formatDateTime, useLang, usePick, useT, type TFunction } from '../i18n/index';
import { AUDIT_ACTION_KEYS, AUDIT_FIELD_KEYS, lookup, ROLE_KEYS, VERIFY_REASON_KEYS } from '../i18n/codes';
import { PageHeading } from '../components/PageHeading';
import { Alert } from '../components/Alert';

export const AUDIT_PAGE_SIZE = 50;

export interface FieldChange {
  key: string;
  before: unknown;
  after: unknown;
}

function asRecord(x: unknown): Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

/** The fields whose value differs between before and after (each side may be absent). */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ key: k, before: b[k], after: a[k] }));
}

function formatValue(t: TFunction, key: string, v: unknown): string {
  if (v === undefined || v === null) return t('common.none');
  if (v === '') return t('common.empty');
  if (key === 'role' && (v === 'unit' || v === 'bureau')) return t(ROLE_KEYS[v]);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function shortHash(h: string): string {
  return h.length > 16 ? `${h.slice(0, 16)}…` : h;
}

function Changes({ entry, t }: { entry: AuditEntry; t: TFunction }) {
  const changes = changedFields(entry.before, entry.after);
  if (changes.length === 0) return <span className="muted">{t('audit.noChanges')}</span>;
  return (
    <ul className="changes">
      {changes.map((c) => {
        const labelKey = lookup(AUDIT_FIELD_KEYS, c.key);
        return (
          <li key={c.key}>
            <span className="change-field">{labelKey ? t(labelKey) : c.key}</span>
            {t('common.colon')}
            <span className="change-before">{formatValue(t, c.key, c.before)}</span>
            <span className="change-arrow" aria-hidden="true">
              {' → '}
            </span>
            <span className="sr-only">{' → '}</span>
            <span className="change-after">{formatValue(t, c.key, c.after)}</span>
          </li>
        );
      })}
    </ul>
  );
}

export function AuditLog() {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const [page, setPage] = useState(0);
  const [data, setData] = useState<{ total: number; entries: AuditEntry[] } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<ErrorInfo | null>(null);

  useInvokeEffect(
    'audit.list',
    { offset: page * AUDIT_PAGE_SIZE, limit: AUDIT_PAGE_SIZE },
    (r) => {
      if (r.ok) {
        setData(r.value);
        setError(null);
      } else setError(r.error);
    },
    [page],
  );

  const runVerify = async () => {
    setVerifying(true);
    setVerify(null);
    setVerifyError(null);
    const r = await client.invoke('audit.verify', {});
    setVerifying(false);
    if (r.ok) setVerify(r.value);
    else setVerifyError(r.error);
  };

  const pages = data ? Math.max(1, Math.ceil(data.total / AUDIT_PAGE_SIZE)) : 1;

  return (
    <div className="audit-page" data-testid="audit-page">
      <PageHeading>{t('audit.heading')}</PageHeading>
      <p className="lead">{t('audit.intro')}</p>
      <div className="actions">
        <button type="button" className="btn btn-primary" data-testid="audit-verify" disabled={verifying} aria-busy={verifying} onClick={() => void runVerify()}>
          {verifying ? t('audit.verifying') : t('audit.verify')}
        </button>
      </div>
      {verify ? (
        <Alert tone={verify.ok ? 'success' : 'error'} testId="audit-verify-result">
          <span data-ok={String(verify.ok)}>
            {verify.ok
              ? t('audit.verifyOk', { count: verify.count, hash: shortHash(verify.headHash) })
              : verify.brokenAt
                ? t('audit.verifyBroken', { seq: verify.brokenAt.seq, reason: t(VERIFY_REASON_KEYS[verify.brokenAt.reason]) })
                : t('audit.verifyBroken', { seq: t('common.none'), reason: t('common.none') })}
          </span>
        </Alert>
      ) : null}
      {verifyError ? <Alert testId="audit-verify-result">{pick(verifyError)}</Alert> : null}
      {error ? <Alert testId="audit-error">{pick(error)}</Alert> : null}
      {data === null && !error ? <p className="muted">{t('common.loading')}</p> : null}
      {data ? (
        <>
          {data.entries.length === 0 ? (
            <p className="muted" data-testid="audit-empty">
              {t('audit.empty')}
            </p>
          ) : (
            <div className="table-wrap">
              <table className="data-table" data-testid="audit-table">
                <caption>{t('audit.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.col.seq')}</th>
                    <th scope="col">{t('audit.col.time')}</th>
                    <th scope="col">{t('audit.col.actor')}</th>
                    <th scope="col">{t('audit.col.action')}</th>
                    <th scope="col">{t('audit.col.changes')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.entries.map((e) => {
                    const actionKey = lookup(AUDIT_ACTION_KEYS, e.action);
                    return (
                      <tr key={e.seq} data-testid="audit-row" data-seq={e.seq} data-action={e.action}>
                        <td className="num">{e.seq}</td>
                        <td className="nowrap">
                          <time dateTime={e.at}>{formatDateTime(lang, e.at)}</time>
                        </td>
                        <td>{e.actor}</td>
                        <td>{actionKey ? t(actionKey) : <code>{e.action}</code>}</td>
                        <td>
                          <Changes entry={e} t={t} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <nav className="pager" aria-label={t('audit.pagination')}>
            <button type="button" className="btn btn-secondary btn-small" data-testid="audit-prev" disabled={page === 0} onClick={() => setPage((p) => Math.max(0, p - 1))}>
              {t('audit.prev')}
            </button>
            <span data-testid="audit-page-info" aria-live="polite">
              {t('audit.pageInfo', { page: page + 1, pages, total: data.total })}
            </span>
            <button
              type="button"
              className="btn btn-secondary btn-small"
              data-testid="audit-next"
              disabled={page + 1 >= pages}
              onClick={() => setPage((p) => p + 1)}
            >
              {t('audit.next')}
            </button>
          </nav>
        </>
      ) : null}
    </div>
  );
}
