/** An area not built yet: says honestly what it will do; shows no data. */
import type { WorkspaceRole } from '../../main/domain/workspace';
import { useT } from '../i18n/index';
import { ROLE_KEYS } from '../i18n/codes';
import { PageHeading } from '../components/PageHeading';
import type { Area } from '../store/view';
import { AREA_ROLE, NAV_LABEL_KEYS, NOT_YET } from './nav';

export function Placeholder({ area, role }: { area: Area; role: WorkspaceRole | undefined }) {
  const t = useT();
  const meantFor = AREA_ROLE[area];
  const what = NOT_YET[area];
  return (
    <div className="placeholder" data-testid={`placeholder-${area}`}>
      <PageHeading>{t(NAV_LABEL_KEYS[area])}</PageHeading>
      {meantFor ? (
        <p className={`notice ${meantFor === role ? 'notice-info' : 'notice-warning'}`} data-testid="placeholder-role">
          {t(meantFor === 'unit' ? 'placeholder.forUnit' : 'placeholder.forBureau')}
          {role && meantFor !== role ? ` ${t('placeholder.roleMismatch', { role: t(ROLE_KEYS[role]) })}` : ''}
        </p>
      ) : null}
      <div className="notice notice-info" data-testid="placeholder-not-yet">
        {t('placeholder.notYet')}
      </div>
      {what ? (
        <section className="card">
          <h2>{t('placeholder.willDo')}</h2>
          <p>{t(what)}</p>
        </section>
      ) : null}
    </div>
  );
}
