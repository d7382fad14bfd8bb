/** 填报单位信息: read, validate and save the unit profile, with an audit entry per change. */
import { DomainError } from '../domain/errors';
import { checkProfile, PROFILE_FIELDS, type ProfileView, type UnitProfile } from '../domain/profile';
import type { Session } from './session';

export function createProfileService(deps: { session: Session; actor: (operator: string) => string; now: () => Date }) {
  const view = (profile: UnitProfile, updatedAt: string | null): ProfileView => {
    const c = checkProfile(profile);
    return { profile, updatedAt, issues: c.issues, complete: c.complete };
  };
  return {
    get(): ProfileView {
      const s = deps.session.requireOpen();
      const { profile, updatedAt } = s.store.profile.get();
      return view(profile, updatedAt);
    },

    save(input: UnitProfile): ProfileView {
      const s = deps.session.requireOpen();
      const check = checkProfile(input);
      if (!check.savable) {
        throw new DomainError('PROFILE_INVALID', '单位信息有错误，未保存，请按提示修改', 'The unit profile has errors and was not saved; correct the marked fields', {
          issues: check.issues.filter((i) => i.severity === 'error'),
        });
      }
      const next = check.normalized;
      return s.store.tx(() => {
        const { profile: prev, updatedAt } = s.store.profile.get();
        const changed = PROFILE_FIELDS.map((f) => f.key).filter((k) => prev[k] !== next[k]);
        if (changed.length === 0) return view(prev, updatedAt);
        const at = deps.now().toISOString();
        s.store.profile.save(next, at);
        s.store.audit.append({
          actor: deps.actor(s.operator),
          action: 'profile.update',
          entity: 'unit_profile',
          entityId: '1',
          at,
          before: Object.fromEntries(changed.map((k) => [k, prev[k]])),
          after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        });
        return view(next, at);
      });
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
