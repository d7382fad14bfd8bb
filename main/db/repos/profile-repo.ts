/** 填报单位信息: one row, columns named after the glossary. */
import type { UnitProfile } from '../../domain/profile';
import type { Db } from '../connection';

const COLUMNS: Record<keyof UnitProfile, string> = {
  unitName: 'unit_name',
  uscc: 'uscc',
  unitType: 'unit_type',
  competentDepartment: 'competent_department',
  address: 'address',
  officerName: 'officer_name',
  officerTitle: 'officer_title',
  officerPhone: 'officer_phone',
  officerEmail: 'officer_email',
  managementBody: 'management_body',
  preparerName: 'preparer_name',
  preparerPhone: 'preparer_phone',
  filingKind: 'filing_kind',
  filingDate: 'filing_date',
};
const KEYS = Object.keys(COLUMNS) as (keyof UnitProfile)[];

export function createProfileRepo(db: Db) {
  const select = db.prepare<[], Record<string, string | null>>(
    `SELECT ${KEYS.map((k) => `${COLUMNS[k]} AS ${k}`).join(', ')}, updated_at AS updatedAt FROM unit_profile WHERE id = 1`,
  );
  const update = db.prepare(
    `UPDATE unit_profile SET ${KEYS.map((k) => `${COLUMNS[k]} = @${k}`).join(', ')}, updated_at = @updatedAt WHERE id = 1`,
  );
  return {
    get(): { profile: UnitProfile; updatedAt: string | null } {
      const r = select.get()!;
      const profile = Object.fromEntries(KEYS.map((k) => [k, r[k] ?? ''])) as unknown as UnitProfile;
      return { profile, updatedAt: r.updatedAt ?? null };
    },
    save(p: UnitProfile, updatedAt: string): void {
      update.run({ ...p, updatedAt });
    },
  };
}

export type ProfileRepo = ReturnType<typeof createProfileRepo>;
