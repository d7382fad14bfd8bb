import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/connection';
import { migration008 } from '../../../main/db/migrations/008-risk-assessment';
import { MIGRATIONS } from '../../../main/db/migrations/index';
import { createAuditRepo } from '../../../main/db/repos/audit-repo';
import { createRiskRepo } from '../../../main/db/repos/risk-repo';
import { tempDir } from '../../helpers/tmp';
import { columnsOf, dbAtVersion, migrateOneStep, objectsOf, userVersion } from '../../helpers/migrations';

const root = tempDir('ds-mig008-');
let db: Db | undefined;
afterEach(() => db?.close());

const T = '2026-01-05T01:00:00.000Z';

describe('migration 008: risk assessment', () => {
  it('is the eighth migration', () => {
    expect(MIGRATIONS[7]).toBe(migration008);
  });

  it('adds the project, scope, register, checklist, attachment and risk tables; keeps the audit chain of 007', () => {
    const at7 = dbAtVersion(root, 7);
    db = at7.db;
    db.transaction(() => createAuditRepo(db!).append({ actor: 'a', action: 'workspace.create', entity: 'workspace' })).immediate();
    const before = objectsOf(db);
    migrateOneStep(db, at7.file, 8);
    expect(userVersion(db)).toBe(8);
    expect(objectsOf(db).filter((o) => !before.some((b) => b.name === o.name))).toEqual([
      { type: 'index', name: 'risk_attachment_by_item' },
      { type: 'index', name: 'risk_item_by_project' },
      { type: 'index', name: 'risk_register_by_project' },
      { type: 'table', name: 'risk_attachment' },
      { type: 'table', name: 'risk_check' },
      { type: 'table', name: 'risk_item' },
      { type: 'table', name: 'risk_project' },
      { type: 'table', name: 'risk_register' },
      { type: 'table', name: 'risk_scope' },
    ]);
    expect(columnsOf(db, 'risk_attachment').map((c) => c.name)).toEqual(['id', 'project_id', 'item_id', 'filename', 'size', 'sm3', 'content', 'created_at']);
    expect(createAuditRepo(db).verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('one project per year; checks refuse unknown conclusions and kinds; deleting a project deletes what is in it', () => {
    ({ db } = dbAtVersion(root, 8));
    const repo = createRiskRepo(db);
    const p = { year: 2026, title: 't', copiedFrom: null, team: [], phases: [], matrix: {}, checklist: {}, narrative: {}, at: T };
    const id = repo.insertProject(p);
    expect(() => repo.insertProject(p)).toThrow(/UNIQUE/);
    expect(() => repo.insertProject({ ...p, year: 1999 })).toThrow(/CHECK/);
    expect(() => repo.insertRegister(id, 'gossip', {}, T)).toThrow(/CHECK/);
    expect(() => repo.putCheck(id, 'M-01', '差不多', '', T)).toThrow(/CHECK/);
    repo.insertRegister(id, 'source', { name: 's' }, T);
    repo.putCheck(id, 'M-01', '符合', 'n', T);
    repo.insertAttachment({ projectId: id, itemId: 'M-01', filename: 'a.txt', sm3: 'x', content: new Uint8Array([1, 2, 3]), at: T });
    repo.insertRisk(id, { fields: { title: 'r' }, likelihood: 1, impact: 1, status: '待整改', deadline: '', at: T });
    expect(repo.deleteProject(id)).toBe(true);
    for (const t of ['risk_register', 'risk_check', 'risk_attachment', 'risk_item', 'risk_scope'])
      expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
  });
});
