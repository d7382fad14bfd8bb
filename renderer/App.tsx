/** Chooses the screen from the session: no secret → explanation; closed → welcome/create/open; locked → unlock; open → shell. */
import { useEffect } from 'react';
import { useT, usePick } from './i18n/index';
import type { HostKind } from './api/index';
import { STATUS_POLL_MS, useSessionStore } from './store/session';
import { useViewStore } from './store/view';
import { NoSecret } from './views/NoSecret';
import { ClosedLayout } from './views/ClosedLayout';
import { Welcome } from './views/Welcome';
import { CreateWorkspace } from './views/CreateWorkspace';
import { OpenWorkspace } from './views/OpenWorkspace';
import { Unlock } from './views/Unlock';
import { Shell } from './views/Shell';
import { Alert } from './components/Alert';

function ConnectionBanner() {
  const t = useT();
  const pick = usePick();
  const error = useSessionStore((s) => s.connectionError);
  const refresh = useSessionStore((s) => s.refresh);
  if (!error) return null;
  return (
    <div className="connection-banner">
      <Alert testId="connection-error">
        {t('connection.lost', { message: pick(error) })}{' '}
        <button type="button" className="btn btn-small btn-secondary" data-testid="connection-retry" onClick={() => void refresh()}>
          {t('common.retry')}
        </button>
      </Alert>
    </div>
  );
}

function Session() {
  const t = useT();
  const status = useSessionStore((s) => s.status);
  const refresh = useSessionStore((s) => s.refresh);
  const closedView = useViewStore((s) => s.closedView);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), STATUS_POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  if (!status)
    return (
      <ClosedLayout>
        <p className="muted" data-testid="connecting">
          {t('common.connecting')}
        </p>
      </ClosedLayout>
    );
  if (status.state === 'open') return <Shell status={status} />;
  if (status.state === 'locked')
    return (
      <ClosedLayout>
        <Unlock status={status} />
      </ClosedLayout>
    );
  return (
    <ClosedLayout>
      {closedView === 'create' ? <CreateWorkspace /> : closedView === 'open' ? <OpenWorkspace /> : <Welcome />}
    </ClosedLayout>
  );
}

export function App({ hostKind }: { hostKind: HostKind }) {
  const t = useT();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  if (hostKind === 'none') return <NoSecret />;
  return (
    <>
      <ConnectionBanner />
      <Session />
    </>
  );
}
