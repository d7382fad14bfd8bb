import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/connection';
import { GENESIS_HASH, migration002 } from '../../../main/db/migrations/002-audit-log';
import { MIGRATIONS } from '../../../main/db/migrations/index';
import { createAuditRepo } from '../../../main/db/repos/audit-repo';
import { tempDir } from '../../helpers/tmp';
import { columnsOf, dbAtVersion, migrateOneStep, objectsOf, userVersion } from '../../helpers/migrations';

const root = tempDir('ds-mig002-');
let db: Db | undefined;
afterEach(() => db?.close());

const insertEntry = (d: Db, seq: number) =>
  d
    .prepare(`INSERT INTO audit_log (seq, at, actor, action, entity, prev_hash, hash) VALUES (?, 't', 'a', 'x', 'e', ?, ?)`)
    .run(seq, GENESIS_HASH, 'h'.repeat(64));

describe('migration 002: the append-only audit log', () => {
  it('is the second migration', () => {
    expect(MIGRATIONS[1]).toBe(migration002);
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('adds audit_log, its index, its two triggers and audit_head; keeps the data of 001', () => {
    const at1 = dbAtVersion(root, 1);
    db = at1.db;
    db.prepare(`INSERT INTO workspace VALUES (1, 'uid-1', 'unit', '甲单位', 't', 'v')`).run();
    const before = objectsOf(db);
    const report = migrateOneStep(db, at1.file, 2);
    expect(report.from).toBe(1);
    expect(report.to).toBe(2);
    expect(userVersion(db)).toBe(2);
    const added = objectsOf(db).filter((o) => !before.some((b) => b.name === o.name));
    expect(added).toEqual([
      { type: 'index', name: 'audit_log_entity' },
      { type: 'table', name: 'audit_head' },
      { type: 'table', name: 'audit_log' },
      { type: 'trigger', name: 'audit_log_no_delete' },
      { type: 'trigger', name: 'audit_log_no_update' },
    ]);
    expect(columnsOf(db, 'audit_log').map((c) => c.name)).toEqual([
      'seq', 'at', 'actor', 'action', 'entity', 'entity_id', 'before_json', 'after_json', 'prev_hash', 'hash',
    ]);
    expect(db.prepare('SELECT name FROM workspace').get()).toEqual({ name: '甲单位' });
    // The runner backed the version-1 file up before changing it.
    expect(report.backupPath).toBeDefined();
    expect(fs.existsSync(report.backupPath!)).toBe(true);
    expect(path.basename(report.backupPath!)).toMatch(/^ws\.backup-v1-\d{8}T\d{9}Z\.dsw$/);
  });

  it('refuses INSERT OR REPLACE of an entry on a connection with the app\'s settings (recursive_triggers)', () => {
    ({ db } = dbAtVersion(root, 2));
    insertEntry(db, 1);
    expect(db.pragma('recursive_triggers', { simple: true })).toBe(1);
    expect(() => db!.prepare(`INSERT OR REPLACE INTO audit_log (seq, at, actor, action, entity, prev_hash, hash) VALUES (1, 't', 'm', 'x', 'e', 'p', 'h')`).run()).toThrow(/append-only/);
    expect(() => db!.prepare(`REPLACE INTO audit_log (seq, at, actor, action, entity, prev_hash, hash) VALUES (1, 't', 'm', 'x', 'e', 'p', 'h')`).run()).toThrow(/append-only/);
    expect(db.prepare('SELECT actor FROM audit_log').all()).toEqual([{ actor: 'a' }]);
  });

  it('starts the head at seq 0 with the genesis hash, and allows only one head row', () => {
    ({ db } = dbAtVersion(root, 2));
    expect(db.prepare('SELECT * FROM audit_head').all()).toEqual([{ id: 1, seq: 0, hash: GENESIS_HASH }]);
    expect(() => db!.prepare('INSERT INTO audit_head VALUES (2, 0, ?)').run(GENESIS_HASH)).toThrow(/CHECK/);
  });

  it('refuses UPDATE and DELETE on audit_log through its triggers, but allows INSERT', () => {
    ({ db } = dbAtVersion(root, 2));
    insertEntry(db, 1);
    insertEntry(db, 2);
    expect(() => db!.prepare(`UPDATE audit_log SET actor = 'mallory' WHERE seq = 1`).run()).toThrow(/append-only/);
    expect(() => db!.prepare(`UPDATE audit_log SET seq = 5 WHERE seq = 2`).run()).toThrow(/append-only/);
    expect(() => db!.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(() => db!.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() =>
      db!.prepare(`INSERT INTO audit_log (seq, at, actor, action, entity, prev_hash, hash) VALUES (1, 't', 'm', 'x', 'e', 'p', 'h') ON CONFLICT (seq) DO UPDATE SET actor = 'm'`).run(),
    ).toThrow(/append-only/);
    expect(db.prepare('SELECT seq, actor FROM audit_log ORDER BY seq').all()).toEqual([
      { seq: 1, actor: 'a' },
      { seq: 2, actor: 'a' },
    ]);
  });

  it('is enough for the audit repository: append in a transaction, verify the chain', () => {
    ({ db } = dbAtVersion(root, 2));
    const repo = createAuditRepo(db, () => new Date('2026-01-05T00:00:00Z'));
    expect(() => repo.append({ actor: 'a', action: 'x', entity: 'e' })).toThrow(/outside a transaction/);
    db.transaction(() => {
      repo.append({ actor: 'a', action: 'x', entity: 'e', after: { v: 1 } });
      repo.append({ actor: 'a', action: 'y', entity: 'e', before: { v: 1 }, after: { v: 2 } });
    }).immediate();
    const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_head').get()!;
    expect(head.seq).toBe(2);
    expect(repo.verify()).toEqual({ ok: true, count: 2, headHash: head.hash });
  });
});
