/**
 * Filing (unit workspaces): this unit's signing key, the bureau's public key, making a signed (and
 * sealed) filing package, the filing history, and the bureau's receipts (ReceiptImport, from the
 * review work). A bureau workspace is told where its side is.
 */
import { useCallback, useEffect, useState } from 'react';
import type { FilingHistoryRow, KeysStatus } from '../../../main/domain/package/index';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { usePick, useT } from '../../i18n/index';
import { PageHeading } from '../../components/PageHeading';
import { Alert } from '../../components/Alert';
import { useSessionStore } from '../../store/session';
import { KeySection } from './KeySection';
import { BureauKeySection } from './BureauKeySection';
import { BuildSection } from './BuildSection';
import { HistorySection } from './HistorySection';
import { ReceiptImport } from './ReceiptImport';

/** The folder of the open workspace file, with its separator: where files are proposed. */
function folderOf(p: string | undefined): string {
  if (!p) return '';
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(0, i + 1) : '';
}

export function Filing() {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const status = useSessionStore((s) => s.status);
  const [keys, setKeys] = useState<KeysStatus | null>(null);
  const [history, setHistory] = useState<FilingHistoryRow[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const isUnit = status?.role === 'unit';

  const load = useCallback(async () => {
    const k = await client.invoke('keys.status', {});
    if (k.ok) setKeys(k.value);
    else return setError(k.error);
    if (k.value.role !== 'unit') return;
    const h = await client.invoke('package.history', {});
    if (h.ok) setHistory(h.value);
    else setError(h.error);
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  const dir = folderOf(status?.path);
  const bureauKey = keys?.counterparts.filter((c) => c.role === 'bureau' && c.revokedAt === null).at(-1);
  return (
    <div className="filing-page" data-testid="filing-page">
      <PageHeading>{t('filing.heading')}</PageHeading>
      <p className="muted">{t('filing.intro')}</p>
      {error ? <Alert testId="filing-error">{pick(error)}</Alert> : null}
      {!isUnit ? (
        <p className="notice notice-warning" data-testid="filing-for-unit">
          {t('filing.forBureau')}
        </p>
      ) : !keys || !history ? (
        <p className="muted">{t('filing.loading')}</p>
      ) : (
        <>
          <KeySection keys={keys} dir={dir} onChanged={load} />
          <BureauKeySection keys={keys.counterparts} onChanged={load} />
          <BuildSection hasKey={Boolean(keys.own)} hasPrevious={history.some((h) => h.status === 'filed')} bureauKey={bureauKey} dir={dir} onBuilt={load} />
          <HistorySection rows={history} onChanged={load} />
          <ReceiptImport />
        </>
      )}
    </div>
  );
}
