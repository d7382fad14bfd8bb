/** Raw file and database access for tests that look underneath the services. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../main/db/connection';

/** Everything that shows whether a file was touched. */
export function fingerprint(file: string): { sha256: string; size: number; mtimeMs: number } {
  const st = fs.statSync(file);
  return { sha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'), size: st.size, mtimeMs: st.mtimeMs };
}

export function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

/** The file and its -wal / -shm companions that exist right now. */
export function dbFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`].filter((f) => fs.existsSync(f));
}

export function siblings(file: string): string[] {
  return listDir(path.dirname(file));
}

/**
 * Open any SQLCipher-4 file with a key and nothing else: no application_id or version checks,
 * no pragmas that write. For tampering with and inspecting workspaces from outside the app.
 */
export function openKeyed(file: string, passphrase: string): Db {
  const db = new Database(file, { fileMustExist: true });
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.key(Buffer.from(passphrase.normalize('NFC'), 'utf8'));
  return db;
}

/** Create a new encrypted SQLite file that is not a DataSteward workspace (no application_id). */
export function createKeyed(file: string, passphrase: string): Db {
  const db = new Database(file);
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.key(Buffer.from(passphrase.normalize('NFC'), 'utf8'));
  return db;
}

export function containsBytes(file: string, needle: string | Buffer): boolean {
  const buf = fs.readFileSync(file);
  return buf.includes(typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle);
}
