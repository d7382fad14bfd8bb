/** Recent workspaces (`workspace.recent`); a missing file is marked; `workspace.forget` removes an entry. */
import { useState } from 'react';
import type { RecentWorkspace } from '../../main/domain/workspace';
import type { ErrorInfo } from '../../main/domain/errors';
import { useApi } from '../api/context';
import { useInvokeEffect } from '../api/use-invoke';
import { formatDateTime, useLang, usePick, useT } from '../i18n/index';
import { ROLE_KEYS } from '../i18n/codes';
import { Alert } from './Alert';

type Recent = RecentWorkspace & { exists: boolean };

export function RecentList({ mode, onPick }: { mode: 'open' | 'use'; onPick(path: string): void }) {
  const client = useApi();
  const t = useT();
  const lang = useLang();
  const pick = usePick();
  const [items, setItems] = useState<Recent[] | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);

  useInvokeEffect(
    'workspace.recent',
    {},
    (r) => {
      if (r.ok) setItems(r.value);
      else {
        setItems([]);
        setError(r.error);
      }
    },
    [],
  );

  const forget = async (path: string) => {
    const r = await client.invoke('workspace.forget', { path });
    if (r.ok) setItems(r.value);
    else setError(r.error);
  };

  if (items === null) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="recent" data-testid="recent-list">
      {error ? <Alert testId="recent-error">{pick(error)}</Alert> : null}
      {items.length === 0 ? (
        <p className="muted" data-testid="recent-empty">
          {t('welcome.recentEmpty')}
        </p>
      ) : (
        <ul className="recent-list">
          {items.map((w) => (
            <li key={w.path} className={`recent-item${w.exists ? '' : ' recent-missing'}`} data-testid="recent-item" data-path={w.path} data-exists={String(w.exists)}>
              <div className="recent-main">
                <span className="recent-name">{w.name}</span>
                <span className={`badge badge-${w.role}`}>{t(ROLE_KEYS[w.role])}</span>
                {w.exists ? null : (
                  <span className="badge badge-missing" data-testid="recent-missing" title={t('recent.missingHint')}>
                    {t('recent.missing')}
                  </span>
                )}
              </div>
              <div className="recent-path">{w.path}</div>
              <div className="recent-meta muted">{t('recent.lastOpened', { time: formatDateTime(lang, w.lastOpenedAt) })}</div>
              <div className="recent-actions">
                <button
                  type="button"
                  className="btn btn-secondary btn-small"
                  data-testid="recent-open"
                  disabled={!w.exists}
                  aria-label={t(mode === 'open' ? 'recent.openLabel' : 'recent.useLabel', { name: w.name })}
                  onClick={() => onPick(w.path)}
                >
                  {t(mode === 'open' ? 'recent.open' : 'recent.use')}
                </button>
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  data-testid="recent-forget"
                  aria-label={t('recent.forgetLabel', { name: w.name })}
                  onClick={() => void forget(w.path)}
                >
                  {t('recent.forget')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
