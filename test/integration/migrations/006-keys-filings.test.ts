import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/connection';
import { migration006 } from '../../../main/db/migrations/006-keys-filings';
import { MIGRATIONS } from '../../../main/db/migrations/index';
import { createAuditRepo } from '../../../main/db/repos/audit-repo';
import { createFilingRepo } from '../../../main/db/repos/filing-repo';
import { createKeyRepo } from '../../../main/db/repos/key-repo';
import { tempDir } from '../../helpers/tmp';
import { columnsOf, dbAtVersion, migrateOneStep, objectsOf, userVersion } from '../../helpers/migrations';

const root = tempDir('ds-mig006-');
let db: Db | undefined;
afterEach(() => db?.close());

const T = '2026-01-05T01:00:00.000Z';
const counts = { systems: 1, resources: 2, items: 3, catalogEntries: 0 };

describe('migration 006: keys and filing packages', () => {
  it('is the sixth migration', () => {
    expect(MIGRATIONS[5]).toBe(migration006);
  });

  it('adds signing_key, counterpart_key, filing and accepted_package; keeps the audit chain of 005', () => {
    const at5 = dbAtVersion(root, 5);
    db = at5.db;
    db.transaction(() => createAuditRepo(db!).append({ actor: 'a', action: 'workspace.create', entity: 'workspace' })).immediate();
    const before = objectsOf(db);
    migrateOneStep(db, at5.file, 6);
    expect(userVersion(db)).toBe(6);
    expect(objectsOf(db).filter((o) => !before.some((b) => b.name === o.name))).toEqual([
      { type: 'index', name: 'signing_key_one_current' },
      { type: 'table', name: 'accepted_package' },
      { type: 'table', name: 'counterpart_key' },
      { type: 'table', name: 'filing' },
      { type: 'table', name: 'signing_key' },
    ]);
    expect(columnsOf(db, 'signing_key').map((c) => c.name)).toEqual(['id', 'fingerprint', 'public_key_der', 'private_key_pkcs8', 'user_id', 'created_at', 'retired_at']);
    expect(createAuditRepo(db).verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('one current signing key at most; one filing per sequence; one accepted package per unit and sequence', () => {
    ({ db } = dbAtVersion(root, 6));
    const keys = createKeyRepo(db);
    const k = { fingerprint: 'A', publicKeyDer: new Uint8Array([1]), privateKeyPkcs8: new Uint8Array([2]), userId: '1234567812345678', createdAt: T };
    keys.insertOwn(k);
    expect(() => keys.insertOwn({ ...k, fingerprint: 'B' })).toThrow(/UNIQUE/);
    expect(keys.current()?.fingerprint).toBe('A');

    const filings = createFilingRepo(db);
    const f = { sequence: 1, kind: 'initial' as const, digest: 'd1', previousDigest: null, createdAt: T, actor: 'x', signerFingerprint: 'A', sealedTo: null, fileName: 'a.dsp', fileSm3: 's', fileBytes: 10, counts };
    filings.insertFiling(f);
    expect(() => filings.insertFiling({ ...f, digest: 'd2' })).toThrow(/UNIQUE|PRIMARY/);
    expect(() => filings.insertFiling({ ...f, sequence: 2, kind: 'weekly' as never, digest: 'd3' })).toThrow(/CHECK/);
    expect(filings.lastFiling()).toEqual(f);

    const a = { uscc: 'U', unitName: 'n', sequence: 1, kind: 'initial' as const, digest: 'x1', previousDigest: null, createdAt: T, signerFingerprint: 'A', acceptedAt: T, acceptedBy: 'b', fileSm3: 's', counts };
    filings.insertAccepted(a);
    expect(() => filings.insertAccepted({ ...a, digest: 'x2' })).toThrow(/UNIQUE/);
    filings.insertAccepted({ ...a, uscc: 'V', digest: 'x3' });
    expect(filings.lastAccepted('U')).toMatchObject({ sequence: 1, digest: 'x1' });
  });
});
