import type { WorkspaceRole } from '../../main/domain/workspace';
import type { MessageKey } from '../i18n/index';
import type { Area } from '../store/view';

export const NAV_LABEL_KEYS: Record<Area, MessageKey> = {
  home: 'nav.home',
  profile: 'nav.profile',
  inventory: 'nav.inventory',
  catalog: 'nav.catalog',
  quality: 'nav.quality',
  schemes: 'nav.schemes',
  excel: 'nav.excel',
  filing: 'nav.filing',
  review: 'nav.review',
  risk: 'nav.risk',
  audit: 'nav.audit',
  settings: 'nav.settings',
};

/** Areas meant for one role only. */
export const AREA_ROLE: Partial<Record<Area, WorkspaceRole>> = { filing: 'unit', review: 'bureau' };

/** Areas not built in this version, with what they will do. */
export const NOT_YET: Partial<Record<Area, MessageKey>> = {
};
