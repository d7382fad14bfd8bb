/** Home: what workspace this is, and (for a unit) whether the unit profile is complete. */
import { useState } from 'react';
import type { WorkspaceStatus } from '../../main/domain/workspace';
import type { ProfileView } from '../../main/domain/profile';
import { useInvokeEffect } from '../api/use-invoke';
import { useT } from '../i18n/index';
import { FIELD_LABEL_KEYS, ROLE_KEYS } from '../i18n/codes';
import { PageHeading } from '../components/PageHeading';
import { useViewStore } from '../store/view';

export function Home({ status }: { status: WorkspaceStatus }) {
  const t = useT();
  const go = useViewStore((s) => s.go);
  const [profile, setProfile] = useState<ProfileView | null>(null);
  const isUnit = status.role === 'unit';

  useInvokeEffect(
    'profile.get',
    isUnit ? {} : null,
    (r) => {
      if (r.ok) setProfile(r.value);
    },
    [isUnit],
  );

  const missing = profile ? profile.issues.filter((i) => i.severity === 'incomplete').map((i) => t(FIELD_LABEL_KEYS[i.field])) : [];
  const hasErrors = profile ? profile.issues.some((i) => i.severity === 'error') : false;

  return (
    <div data-testid="home-page">
      <PageHeading>{t('home.heading')}</PageHeading>
      <section className="card" aria-labelledby="home-summary">
        <h2 id="home-summary">{t('home.summary')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('home.name')}</dt>
            <dd>{status.name ?? t('common.none')}</dd>
          </div>
          <div>
            <dt>{t('home.role')}</dt>
            <dd>{status.role ? t(ROLE_KEYS[status.role]) : t('common.none')}</dd>
          </div>
          <div>
            <dt>{t('home.path')}</dt>
            <dd className="mono">{status.path ?? t('common.none')}</dd>
          </div>
          <div>
            <dt>{t('home.operator')}</dt>
            <dd>{status.operator || t('common.none')}</dd>
          </div>
          <div>
            <dt>{t('home.idle')}</dt>
            <dd>{status.idleLockMinutes !== undefined ? t('home.idleValue', { minutes: status.idleLockMinutes }) : t('common.none')}</dd>
          </div>
        </dl>
      </section>
      {isUnit && profile ? (
        <section className="card" aria-labelledby="home-profile" data-testid="home-profile">
          <h2 id="home-profile">{t('home.profileTitle')}</h2>
          <p className={profile.complete ? 'ok-text' : 'warn-text'}>
            {profile.complete
              ? t('home.profileComplete')
              : hasErrors && missing.length === 0
                ? t('home.profileErrors')
                : t('home.profileIncomplete', { count: missing.length, fields: missing.join(t('common.listSep')) })}
          </p>
          {profile.complete ? null : (
            <button type="button" className="btn btn-primary" data-testid="home-go-profile" onClick={() => go('profile')}>
              {t('home.goProfile')}
            </button>
          )}
        </section>
      ) : null}
      <section className="card" aria-labelledby="home-available">
        <h2 id="home-available">{t('home.available')}</h2>
        <p>{t(isUnit ? 'home.unitIntro' : 'home.bureauIntro')}</p>
      </section>
    </div>
  );
}
