/**
 * Path rules for zip entries and manifest lines. An entry name is refused if extracting it could
 * write outside the target folder or mean different files on different systems.
 */
import { LIMITS } from './constants';
import { problems, type PackageProblem } from './refusals';

const CONTROL = /[\u0000-\u001f\u007f]/;
const DRIVE = /^[A-Za-z]:/;

/**
 * The problem with an entry name, or undefined if it is acceptable. `isDirectory` allows the one
 * trailing "/" of a directory entry. Checked in this order: absolute, backslash, "..", the rest.
 */
export function checkEntryName(name: string, isDirectory = false): PackageProblem | undefined {
  if (name.startsWith('/') || DRIVE.test(name)) return problems.pathAbsolute(name);
  if (name.includes('\\')) return problems.pathBackslash(name);
  const body = isDirectory && name.endsWith('/') ? name.slice(0, -1) : name;
  const segments = body.split('/');
  if (segments.includes('..')) return problems.pathTraversal(name);
  if (name === '' || body === '') return problems.pathInvalid(name, 'empty name');
  if (CONTROL.test(name)) return problems.pathInvalid(name, 'control character');
  if (segments.some((s) => s === '')) return problems.pathInvalid(name, 'empty path segment');
  if (segments.some((s) => s === '.')) return problems.pathInvalid(name, '"." segment');
  if (new TextEncoder().encode(name).length > LIMITS.maxNameBytes) return problems.pathInvalid(name, `longer than ${LIMITS.maxNameBytes} bytes`);
  if (name.normalize('NFC') !== name) return problems.pathInvalid(name, 'not in Unicode NFC form');
  return undefined;
}

/** Two names that would be the same file on Windows or macOS (case, Unicode form) collide. */
export function collisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
