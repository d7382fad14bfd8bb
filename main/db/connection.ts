/**
 * Opening the encrypted workspace file. SQLCipher 4 format through SQLite3 Multiple Ciphers:
 * the passphrase is stretched by the cipher's own PBKDF2 (256,000 rounds of HMAC-SHA512).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { DomainError } from '../domain/errors';

export type Db = Database.Database;

/** 'DSW1': marks a file as a DataSteward workspace, so a foreign SQLite file is refused early. */
export const APPLICATION_ID = 0x44535731;

function keyBytes(passphrase: string): Buffer {
  return Buffer.from(passphrase.normalize('NFC'), 'utf8');
}

function applyCipher(db: Db, passphrase: string): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.key(keyBytes(passphrase));
}

function setPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: a power cut never loses a committed change; writes here are few and small.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('trusted_schema = OFF');
  // Without it, INSERT OR REPLACE deletes a conflicting row without firing DELETE triggers,
  // which would get past audit_log_no_delete.
  db.pragma('recursive_triggers = ON');
}

/** Create a new, empty, encrypted database file. The caller makes sure the path is free. */
export function createDatabase(path: string, passphrase: string): Db {
  const db = new Database(path);
  try {
    applyCipher(db, passphrase);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    setPragmas(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

export const wrongPassphrase = () =>
  new DomainError(
    'WRONG_PASSPHRASE',
    '口令错误，或该文件不是 DataSteward 工作区',
    'Wrong passphrase, or the file is not a DataSteward workspace',
  );

/**
 * Open and unlock an existing file. Reads only the header values before anything is written,
 * so that a wrong passphrase or a foreign file is refused without touching it.
 */
export function openDatabase(path: string, passphrase: string): { db: Db; userVersion: number } {
  let db: Db;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (e) {
    throw new DomainError('WORKSPACE_UNREADABLE', '无法打开该文件', 'The file cannot be opened', {
      reason: (e as Error).message,
    });
  }
  try {
    applyCipher(db, passphrase);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      throw wrongPassphrase();
    }
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      throw new DomainError('NOT_A_WORKSPACE', '该文件不是 DataSteward 工作区', 'The file is not a DataSteward workspace');
    }
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    return { db, userVersion };
  } catch (e) {
    db.close();
    throw e;
  }
}

/** After the version check: the pragmas that may write (WAL mode) and the connection settings. */
export function prepareConnection(db: Db): void {
  setPragmas(db);
}

export function rekey(db: Db, passphrase: string): void {
  db.rekey(keyBytes(passphrase));
}

/** Move everything from the WAL into the main file, so that a file copy is complete. */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
