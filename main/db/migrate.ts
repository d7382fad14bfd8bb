/**
 * The migration runner: refuses a database from a newer app, takes a backup before changing an
 * existing database, then runs every pending step in one transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../domain/errors';
import { checkpoint, type Db } from './connection';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/types';

export function tooNewError(found: number, known: number): DomainError {
  return new DomainError(
    'WORKSPACE_TOO_NEW',
    `该工作区由更新版本的 DataSteward 创建（数据库版本 ${found}，本程序支持到 ${known}），请升级程序后再打开。文件未作任何改动。`,
    `This workspace was written by a newer DataSteward (schema ${found}; this app knows up to ${known}). Upgrade the app to open it. The file was not changed.`,
    { found, known },
  );
}

/** `name.dsw` → `name.backup-v2-20261122T210000123Z.dsw` (to the millisecond), beside the original. */
export function backupPathFor(file: string, fromVersion: number, now: Date): string {
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  return `${base}.backup-v${fromVersion}-${stamp}${ext}`;
}

export interface MigrationReport {
  from: number;
  to: number;
  backupPath?: string;
}

export function migrate(
  db: Db,
  file: string,
  currentVersion: number,
  opts: { migrations?: readonly Migration[]; now?: Date } = {},
): MigrationReport {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = opts.migrations ? migrations.length : LATEST_VERSION;
  if (currentVersion > latest) throw tooNewError(currentVersion, latest);
  if (currentVersion === latest) return { from: currentVersion, to: currentVersion };

  let backupPath: string | undefined;
  if (currentVersion > 0) {
    // The backup is a copy of the encrypted file: it opens with the same passphrase.
    checkpoint(db);
    backupPath = backupPathFor(file, currentVersion, opts.now ?? new Date());
    fs.copyFileSync(file, backupPath, fs.constants.COPYFILE_EXCL);
  }
  const pending = migrations.slice(currentVersion);
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return backupPath ? { from: currentVersion, to: latest, backupPath } : { from: currentVersion, to: latest };
}
