import { useT } from '../i18n/index';
import { PageHeading } from '../components/PageHeading';
import { RecentList } from '../components/RecentList';
import { useViewStore } from '../store/view';

export function Welcome() {
  const t = useT();
  const showClosed = useViewStore((s) => s.showClosed);
  return (
    <div className="welcome" data-testid="welcome">
      <PageHeading>{t('welcome.heading')}</PageHeading>
      <p className="lead">{t('welcome.intro')}</p>
      <div className="actions welcome-actions">
        <button type="button" className="btn btn-primary btn-large" data-testid="welcome-create" onClick={() => showClosed('create')}>
          {t('welcome.create')}
        </button>
        <button type="button" className="btn btn-secondary btn-large" data-testid="welcome-open" onClick={() => showClosed('open', '')}>
          {t('welcome.open')}
        </button>
      </div>
      <section className="card" aria-labelledby="recent-heading">
        <h2 id="recent-heading">{t('welcome.recent')}</h2>
        <RecentList mode="open" onPick={(path) => showClosed('open', path)} />
      </section>
    </div>
  );
}
