import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/connection';
import { migration003 } from '../../../main/db/migrations/003-unit-profile';
import { MIGRATIONS } from '../../../main/db/migrations/index';
import { createAuditRepo } from '../../../main/db/repos/audit-repo';
import { createProfileRepo } from '../../../main/db/repos/profile-repo';
import { EMPTY_PROFILE } from '../../../main/domain/profile';
import { tempDir } from '../../helpers/tmp';
import { columnsOf, dbAtVersion, migrateOneStep, objectsOf, userVersion } from '../../helpers/migrations';

const root = tempDir('ds-mig003-');
let db: Db | undefined;
afterEach(() => db?.close());

const PROFILE_COLUMNS = [
  'unit_name', 'uscc', 'unit_type', 'competent_department', 'address', 'officer_name', 'officer_title',
  'officer_phone', 'officer_email', 'management_body', 'preparer_name', 'preparer_phone', 'filing_kind', 'filing_date',
];

describe('migration 003: unit_profile', () => {
  it('is the third migration', () => {
    expect(MIGRATIONS[2]).toBe(migration003);
  });

  it('adds unit_profile with one row, all columns empty, and keeps the audit chain of 002', () => {
    const at2 = dbAtVersion(root, 2);
    db = at2.db;
    const audit = createAuditRepo(db);
    db.transaction(() => audit.append({ actor: 'a', action: 'workspace.create', entity: 'workspace' })).immediate();
    const before = objectsOf(db);
    migrateOneStep(db, at2.file, 3);
    expect(userVersion(db)).toBe(3);
    expect(objectsOf(db).filter((o) => !before.some((b) => b.name === o.name))).toEqual([{ type: 'table', name: 'unit_profile' }]);

    expect(columnsOf(db, 'unit_profile').map((c) => c.name)).toEqual(['id', ...PROFILE_COLUMNS, 'updated_at']);
    for (const c of columnsOf(db, 'unit_profile').filter((c) => PROFILE_COLUMNS.includes(c.name))) {
      expect([c.name, c.type, c.notnull, c.dflt_value]).toEqual([c.name, 'TEXT', 1, "''"]);
    }
    const rows = db.prepare('SELECT * FROM unit_profile').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.id).toBe(1);
    expect(row.updated_at).toBeNull();
    for (const c of PROFILE_COLUMNS) expect(row[c], c).toBe('');

    expect(createAuditRepo(db).verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('the profile repository reads the empty row as EMPTY_PROFILE, and there is only ever one row', () => {
    ({ db } = dbAtVersion(root, 3));
    expect(createProfileRepo(db).get()).toEqual({ profile: EMPTY_PROFILE, updatedAt: null });
    expect(() => db!.prepare('INSERT INTO unit_profile (id) VALUES (2)').run()).toThrow(/CHECK/);
    expect(() => db!.prepare('UPDATE unit_profile SET unit_name = NULL').run()).toThrow(/NOT NULL/);
  });
});
