import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/connection';
import { migration007 } from '../../../main/db/migrations/007-import-mappings';
import { MIGRATIONS } from '../../../main/db/migrations/index';
import { createAuditRepo } from '../../../main/db/repos/audit-repo';
import { createMappingRepo } from '../../../main/db/repos/mapping-repo';
import { tempDir } from '../../helpers/tmp';
import { columnsOf, dbAtVersion, migrateOneStep, objectsOf, userVersion } from '../../helpers/migrations';

const root = tempDir('ds-mig007-');
let db: Db | undefined;
afterEach(() => db?.close());

const T = '2026-01-05T01:00:00.000Z';

describe('migration 007: saved import mappings', () => {
  it('is the seventh migration', () => {
    expect(MIGRATIONS[6]).toBe(migration007);
  });

  it('adds import_mapping and its signature index; keeps the audit chain of 006', () => {
    const at6 = dbAtVersion(root, 6);
    db = at6.db;
    db.transaction(() => createAuditRepo(db!).append({ actor: 'a', action: 'workspace.create', entity: 'workspace' })).immediate();
    const before = objectsOf(db);
    migrateOneStep(db, at6.file, 7);
    expect(userVersion(db)).toBe(7);
    expect(objectsOf(db).filter((o) => !before.some((b) => b.name === o.name))).toEqual([
      { type: 'index', name: 'import_mapping_signature' },
      { type: 'table', name: 'import_mapping' },
    ]);
    expect(columnsOf(db, 'import_mapping').map((c) => c.name)).toEqual(['id', 'name', 'signature', 'headers_json', 'rules_json', 'created_at', 'updated_at']);
    expect(createAuditRepo(db).verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('one mapping per name; found by signature, newest first; names must not be empty', () => {
    ({ db } = dbAtVersion(root, 7));
    const repo = createMappingRepo(db);
    const m = { name: '台账', signature: 'S', headersJson: '["a"]', rulesJson: '{}', at: T };
    const a = repo.insert(m);
    expect(() => repo.insert(m)).toThrow(/UNIQUE/);
    expect(() => repo.insert({ ...m, name: '' })).toThrow(/CHECK/);
    const b = repo.insert({ ...m, name: '台账2', at: '2026-01-06T00:00:00.000Z' });
    expect(repo.bySignature('S').map((r) => r.id)).toEqual([b, a]);
    repo.update(a, { signature: 'S', headersJson: '["a"]', rulesJson: '{"x":1}', at: '2026-01-07T00:00:00.000Z' });
    expect(repo.bySignature('S').map((r) => r.id)).toEqual([a, b]);
    expect(repo.get(a)).toMatchObject({ name: '台账', rulesJson: '{"x":1}', createdAt: T, updatedAt: '2026-01-07T00:00:00.000Z' });
    expect(repo.delete(a)).toBe(true);
    expect(repo.delete(a)).toBe(false);
    expect(repo.list().map((r) => r.name)).toEqual(['台账2']);
  });
});
