/** The open workspace: header (name, role, operator, language, lock), navigation, the current area. */
import { useState } from 'react';
import type { WorkspaceStatus } from '../../main/domain/workspace';
import type { ErrorInfo } from '../../main/domain/errors';
import { useApi } from '../api/context';
import { useT, usePick } from '../i18n/index';
import { ROLE_KEYS } from '../i18n/codes';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { SkipLink } from '../components/SkipLink';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Alert } from '../components/Alert';
import { useSessionStore } from '../store/session';
import { AREAS, useViewStore, type Area } from '../store/view';
import { AREA_ROLE, NAV_LABEL_KEYS, NOT_YET } from './nav';
import { Home } from './Home';
import { ProfileForm } from './ProfileForm';
import { AuditLog } from './AuditLog';
import { Settings } from './Settings';
import { Placeholder } from './Placeholder';
import { Inventory } from './inventory/Inventory';
import { Catalog } from './catalog/Catalog';
import { Quality } from './quality/Quality';
import { Filing } from './filing/Filing';
import { Schemes } from './schemes/Schemes';
import { Review } from './review/Review';
import { Risk } from './risk/Risk';
import { ExcelArea } from './excel/ExcelArea';

/** Areas that fill the window (panes that scroll on their own) instead of a page that scrolls. */
const FULL_AREAS: ReadonlySet<Area> = new Set<Area>(['inventory', 'catalog']);

function AreaView({ area, status }: { area: Area; status: WorkspaceStatus }) {
  switch (area) {
    case 'home':
      return <Home status={status} />;
    case 'profile':
      return <ProfileForm />;
    case 'inventory':
      return <Inventory />;
    case 'catalog':
      return <Catalog />;
    case 'quality':
      return <Quality />;
    case 'filing':
      return <Filing />;
    case 'schemes':
      return <Schemes />;
    case 'excel':
      return <ExcelArea />;
    case 'risk':
      return <Risk />;
    case 'review':
      return <Review />;
    case 'audit':
      return <AuditLog />;
    case 'settings':
      return <Settings status={status} />;
    default:
      return <Placeholder area={area} role={status.role} />;
  }
}

export function Shell({ status }: { status: WorkspaceStatus }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const area = useViewStore((s) => s.area);
  const pending = useViewStore((s) => s.pending);
  const go = useViewStore((s) => s.go);
  const force = useViewStore((s) => s.force);
  const cancelPending = useViewStore((s) => s.cancelPending);
  const setStatus = useSessionStore((s) => s.setStatus);
  const migration = useSessionStore((s) => s.migration);
  const dismissMigration = useSessionStore((s) => s.dismissMigration);
  const [error, setError] = useState<ErrorInfo | null>(null);

  const lock = async () => {
    const r = await client.invoke('workspace.lock', {});
    if (r.ok) setStatus(r.value);
    else setError(r.error);
  };

  return (
    <div className={`shell${FULL_AREAS.has(area) ? ' shell-full' : ''}`}>
      <SkipLink />
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark">{t('app.brand')}</span>
          <span className="brand-name">{t('app.name')}</span>
        </div>
        <div className="ws-info" aria-label={t('shell.workspace')} role="group">
          <span className="ws-name" data-testid="header-workspace-name">
            {status.name}
          </span>
          {status.role ? (
            <span className={`badge badge-${status.role}`} data-testid="header-role" data-role={status.role}>
              {t(ROLE_KEYS[status.role])}
            </span>
          ) : null}
          <span className="ws-operator" data-testid="header-operator">
            {status.operator ? t('shell.operator', { name: status.operator }) : t('shell.operatorNone')}
          </span>
        </div>
        <div className="header-tools">
          <LanguageSwitch />
          <button type="button" className="btn btn-header" data-testid="lock-button" aria-label={t('shell.lockLabel')} onClick={() => void lock()}>
            {t('shell.lock')}
          </button>
        </div>
      </header>
      <div className="shell-body">
        <nav className="side-nav" aria-label={t('shell.nav')} data-testid="side-nav">
          <ul>
            {AREAS.map((a) => {
              const forRole = AREA_ROLE[a];
              const soon = NOT_YET[a] !== undefined;
              return (
                <li key={a}>
                  <button
                    type="button"
                    className={`nav-item${a === area ? ' nav-active' : ''}${soon ? ' nav-soon' : ''}${forRole && forRole !== status.role ? ' nav-other-role' : ''}`}
                    data-testid={`nav-${a}`}
                    aria-current={a === area ? 'page' : undefined}
                    onClick={() => go(a)}
                  >
                    <span className="nav-label">{t(NAV_LABEL_KEYS[a])}</span>
                    {forRole ? (
                      <span className={`nav-tag nav-tag-${forRole}`}>
                        <span aria-hidden="true">{t(forRole === 'unit' ? 'nav.tagUnit' : 'nav.tagBureau')}</span>
                        <span className="sr-only">{t(forRole === 'unit' ? 'nav.tagUnitLabel' : 'nav.tagBureauLabel')}</span>
                      </span>
                    ) : null}
                    {soon ? (
                      <span className="nav-tag nav-tag-soon">
                        <span aria-hidden="true">{t('nav.tagSoon')}</span>
                        <span className="sr-only">{t('nav.tagSoonLabel')}</span>
                      </span>
                    ) : null}
                  </button>
                </li>
              );
            })}
          </ul>
        </nav>
        <main id="main" tabIndex={-1} className={`shell-main${FULL_AREAS.has(area) ? ' shell-main-full' : ''}`}>
          {migration ? (
            <div className="notice notice-info notice-dismissable" role="status" data-testid="migration-notice">
              <span>
                {migration.backupPath
                  ? t('migration.notice', { from: migration.from, to: migration.to ?? '', path: migration.backupPath })
                  : t('migration.noticeNoBackup', { from: migration.from, to: migration.to ?? '' })}
              </span>
              <button type="button" className="btn btn-ghost btn-small" data-testid="migration-dismiss" onClick={dismissMigration}>
                {t('common.dismiss')}
              </button>
            </div>
          ) : null}
          {error ? <Alert testId="shell-error">{pick(error)}</Alert> : null}
          <AreaView key={area} area={area} status={status} />
        </main>
      </div>
      {pending ? (
        <ConfirmDialog
          title={t('dialog.unsavedTitle')}
          body={t('dialog.unsavedBody')}
          confirmLabel={t('dialog.discard')}
          cancelLabel={t('dialog.stay')}
          onConfirm={() => force(pending)}
          onCancel={cancelPending}
        />
      ) : null}
    </div>
  );
}
