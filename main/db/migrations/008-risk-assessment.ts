/**
 * 008: annual data security risk assessment (projects, registers, checklist, risks, report).
 * (Reserved in this session; the tables come with the work that needs them.)
 */
import type { Migration } from './types';

export const migration008: Migration = {
  version: 8,
  name: 'risk-assessment',
  up() {
    // Nothing yet.
  },
};
