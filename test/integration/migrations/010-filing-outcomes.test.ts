import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/connection';
import { migration010 } from '../../../main/db/migrations/010-filing-outcomes';
import { MIGRATIONS } from '../../../main/db/migrations/index';
import { createAuditRepo } from '../../../main/db/repos/audit-repo';
import { createFilingRepo } from '../../../main/db/repos/filing-repo';
import { createFilingOutcomeRepo } from '../../../main/db/repos/filing-outcome-repo';
import { createKeyRepo } from '../../../main/db/repos/key-repo';
import { tempDir } from '../../helpers/tmp';
import { dbAtVersion, migrateOneStep, objectsOf, userVersion } from '../../helpers/migrations';

const root = tempDir('ds-mig010-');
let db: Db | undefined;
afterEach(() => db?.close());

const T = '2026-01-05T01:00:00.000Z';
const counts = { systems: 1, resources: 2, items: 3, catalogEntries: 0 };
const filing = (sequence: number, digest: string) => ({
  sequence, kind: 'initial' as const, digest, previousDigest: null, createdAt: T, actor: 'x', signerFingerprint: 'A', sealedTo: null, fileName: 'a.dsp', fileSm3: 's', fileBytes: 10, counts,
});

describe('migration 010: filing outcomes', () => {
  it('is the tenth migration', () => {
    expect(MIGRATIONS[9]).toBe(migration010);
  });

  it('adds filing_content, filing_withdrawn and key_rotation; keeps the filings and the audit chain of 009', () => {
    const at9 = dbAtVersion(root, 9);
    db = at9.db;
    db.transaction(() => {
      createAuditRepo(db!).append({ actor: 'a', action: 'workspace.create', entity: 'workspace' });
      createFilingRepo(db!).insertFiling(filing(1, 'd1'));
    }).immediate();
    const before = objectsOf(db);
    migrateOneStep(db, at9.file, 10);
    expect(userVersion(db)).toBe(10);
    expect(objectsOf(db).filter((o) => !before.some((b) => b.name === o.name))).toEqual([
      { type: 'index', name: 'filing_withdrawn_sequence' },
      { type: 'table', name: 'filing_content' },
      { type: 'table', name: 'filing_withdrawn' },
      { type: 'table', name: 'key_rotation' },
    ]);
    expect(createFilingRepo(db).lastFiling()?.digest).toBe('d1');
    expect(createAuditRepo(db).verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('a withdrawn filing leaves `filing` (its sequence is free again) with its record kept; contents by digest; the current key switches', () => {
    ({ db } = dbAtVersion(root, 10));
    const filings = createFilingRepo(db);
    const outcomes = createFilingOutcomeRepo(db);
    filings.insertFiling(filing(1, 'd1'));
    filings.insertFiling({ ...filing(2, 'd2'), previousDigest: 'd1' });
    outcomes.saveContent('d2', new Uint8Array([1, 2, 3]));
    expect([...outcomes.content('d2')!]).toEqual([1, 2, 3]);
    expect(outcomes.content('nope')).toBeUndefined();

    expect(outcomes.withdraw(2, T, 'b', '未送达')).toBe(true);
    expect(outcomes.withdraw(5, T, 'b', '')).toBe(false);
    expect(filings.lastFiling()?.sequence).toBe(1);
    expect(outcomes.withdrawn()).toEqual([{ ...filing(2, 'd2'), previousDigest: 'd1', withdrawnAt: T, withdrawnBy: 'b', reason: '未送达' }]);
    filings.insertFiling({ ...filing(2, 'd3'), previousDigest: 'd1' });
    expect(filings.lastFiling()?.digest).toBe('d3');

    const keys = createKeyRepo(db);
    const k = { publicKeyDer: new Uint8Array([1]), privateKeyPkcs8: new Uint8Array([2]), userId: '1234567812345678', createdAt: T };
    keys.insertOwn({ ...k, fingerprint: 'OLD' });
    expect(outcomes.retireOwnKey('OLD', T)).toBe(true);
    keys.insertOwn({ ...k, fingerprint: 'NEW' });
    outcomes.insertRotation({ digest: 'd3', oldFingerprint: 'OLD', newFingerprint: 'NEW', announcedAt: T });
    expect(() => outcomes.insertRotation({ digest: 'd3', oldFingerprint: 'OLD', newFingerprint: 'NEW', announcedAt: T })).toThrow(/UNIQUE|PRIMARY/);
    expect(keys.current()?.fingerprint).toBe('NEW');
    outcomes.retireOwnKey('NEW', T);
    outcomes.reinstateOwnKey('OLD');
    expect(keys.current()?.fingerprint).toBe('OLD');
    expect(outcomes.rotations()).toEqual([{ digest: 'd3', oldFingerprint: 'OLD', newFingerprint: 'NEW', announcedAt: T }]);
  });
});
