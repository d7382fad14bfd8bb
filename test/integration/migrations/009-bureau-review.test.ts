import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/connection';
import { migration009 } from '../../../main/db/migrations/009-bureau-review';
import { MIGRATIONS } from '../../../main/db/migrations/index';
import { createAuditRepo } from '../../../main/db/repos/audit-repo';
import { createBureauRepo } from '../../../main/db/repos/bureau-repo';
import { createFilingRepo } from '../../../main/db/repos/filing-repo';
import { tempDir } from '../../helpers/tmp';
import { dbAtVersion, migrateOneStep, objectsOf, userVersion } from '../../helpers/migrations';

const root = tempDir('ds-mig009-');
let db: Db | undefined;
afterEach(() => db?.close());

const T = '2026-01-05T01:00:00.000Z';
const counts = { systems: 1, resources: 1, items: 1, catalogEntries: 0 };

describe('migration 009: bureau review', () => {
  it('is the ninth migration', () => {
    expect(MIGRATIONS[8]).toBe(migration009);
  });

  it('adds the bureau and unit-receipt tables; keeps the audit chain', () => {
    const at8 = dbAtVersion(root, 8);
    db = at8.db;
    db.transaction(() => createAuditRepo(db!).append({ actor: 'a', action: 'workspace.create', entity: 'workspace' })).immediate();
    const before = objectsOf(db);
    migrateOneStep(db, at8.file, 9);
    expect(userVersion(db)).toBe(9);
    const added = objectsOf(db).filter((o) => !before.some((b) => b.name === o.name));
    expect(added.filter((o) => o.type === 'table').map((o) => o.name)).toEqual([
      'bureau_catalog', 'bureau_decision', 'bureau_diff', 'bureau_diff_done', 'bureau_entry', 'bureau_filing', 'bureau_finding',
      'bureau_receipt', 'bureau_stat', 'bureau_unit', 'unit_receipt', 'unit_receipt_entry',
    ]);
    expect(createAuditRepo(db).verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('one filing per registry row and per unit sequence; entries unique per filing; statuses checked', () => {
    ({ db } = dbAtVersion(root, 9));
    const bureau = createBureauRepo(db);
    const filings = createFilingRepo(db);
    const run = <X>(fn: () => X) => db!.transaction(fn).immediate();
    run(() => bureau.insertUnit({ uscc: 'U', name: 'n', contactName: '', contactPhone: '', contactEmail: '', registeredAt: T, registeredBy: 'b' }));
    const a1 = run(() => filings.insertAccepted({ uscc: 'U', unitName: 'n', sequence: 1, kind: 'initial', digest: 'd1', previousDigest: null, createdAt: T, signerFingerprint: 'F', acceptedAt: T, acceptedBy: 'b', fileSm3: 's', counts }));
    const base = {
      acceptedPackageId: a1, uscc: 'U', unitName: 'n', sequence: 1, kind: 'initial' as const, digest: 'd1', previousDigest: null, createdAt: T, receivedAt: T,
      receivedBy: 'b', signerFingerprint: 'F', fileName: 'a.dsp', fileSm3: 's', systems: 1, resources: 1, items: 1, catalogEntries: 0, baseFilingId: null,
      flags: 0, flagCounts: '{}', qualityErrors: 0, qualityWarnings: 0, qualityDigest: '{}', profileJson: '{}', systemsJson: '[]', rotationJson: null,
    };
    const id = run(() => bureau.insertFiling(base));
    expect(() => run(() => bureau.insertFiling({ ...base, digest: 'd2' }))).toThrow(/UNIQUE/);
    expect(() => run(() => bureau.insertFiling({ ...base, uscc: 'V', acceptedPackageId: 999, digest: 'd3' }))).toThrow(/FOREIGN KEY/);
    const e = { dataId: 'R1', kind: 'resource' as const, resourceDataId: 'R1', level: '一般数据2级', h: 'h', flags: '', fields: '{}' };
    run(() => bureau.insertEntries(id, [e]));
    expect(() => run(() => bureau.insertEntries(id, [e]))).toThrow(/UNIQUE/);
    expect(() => run(() => bureau.setDecision(id, { status: 'pending' as never, at: T, by: 'b', comment: '' }))).not.toThrow();
    expect(() => db!.prepare("UPDATE bureau_filing SET status = 'maybe' WHERE id = ?").run(id)).toThrow(/CHECK/);
    expect(bureau.filing(id)).toMatchObject({ uscc: 'U', sequence: 1, status: 'pending' });
  });
});
