import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, type Db } from '../../../main/db/connection';
import { migration001 } from '../../../main/db/migrations/001-workspace';
import { MIGRATIONS } from '../../../main/db/migrations/index';
import { tempDir } from '../../helpers/tmp';
import { columnsOf, dbAtVersion, migrateOneStep, objectsOf, userVersion } from '../../helpers/migrations';

const root = tempDir('ds-mig001-');
let db: Db | undefined;
afterEach(() => db?.close());

describe('migration 001: workspace and setting', () => {
  it('is the first migration', () => {
    expect(MIGRATIONS[0]).toBe(migration001);
    expect(migration001.version).toBe(1);
  });

  it('creates the workspace and setting tables and sets user_version 1', () => {
    const at0 = dbAtVersion(root, 0);
    db = at0.db;
    expect(userVersion(db)).toBe(0);
    expect(objectsOf(db)).toEqual([]);
    const report = migrateOneStep(db, at0.file, 1);
    expect(report).toEqual({ from: 0, to: 1 }); // from 0: nothing to back up
    expect(userVersion(db)).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(objectsOf(db)).toEqual([
      { type: 'table', name: 'setting' },
      { type: 'table', name: 'workspace' },
    ]);
    expect(columnsOf(db, 'workspace').map((c) => [c.name, c.type, c.notnull, c.pk])).toEqual([
      ['id', 'INTEGER', 0, 1],
      ['uid', 'TEXT', 1, 0],
      ['role', 'TEXT', 1, 0],
      ['name', 'TEXT', 1, 0],
      ['created_at', 'TEXT', 1, 0],
      ['created_by_app', 'TEXT', 1, 0],
    ]);
    expect(columnsOf(db, 'setting').map((c) => [c.name, c.type, c.notnull, c.pk])).toEqual([
      ['key', 'TEXT', 1, 1], // a STRICT table's primary key is NOT NULL
      ['value', 'TEXT', 1, 0],
    ]);
  });

  it('allows exactly one workspace row, with role unit or bureau, in a STRICT table', () => {
    ({ db } = dbAtVersion(root, 1));
    const ins = db.prepare('INSERT INTO workspace (id, uid, role, name, created_at, created_by_app) VALUES (?, ?, ?, ?, ?, ?)');
    expect(() => ins.run(1, 'u', 'admin', 'n', 't', 'a')).toThrow(/CHECK/);
    expect(() => ins.run(2, 'u', 'unit', 'n', 't', 'a')).toThrow(/CHECK/);
    expect(() => ins.run(1, 'u', 'unit', Buffer.from('x'), 't', 'a')).toThrow(/cannot store BLOB/);
    expect(() => ins.run(1, null, 'unit', 'n', 't', 'a')).toThrow(/NOT NULL/);
    ins.run(1, 'u', 'bureau', '区数据局', 't', 'a');
    expect(() => ins.run(1, 'u2', 'unit', 'n', 't', 'a')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(db.prepare('SELECT role, name FROM workspace').all()).toEqual([{ role: 'bureau', name: '区数据局' }]);
  });

  it('keys settings by name', () => {
    ({ db } = dbAtVersion(root, 1));
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('operator', '张三');
    expect(() => db!.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('operator', '李四')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db!.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('x', null)).toThrow(/NOT NULL/);
  });
});
