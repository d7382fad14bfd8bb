/**
 * Serving the built renderer: map a request path to a file inside the build folder, or refuse.
 * Shared by the Electron app:// protocol and the browser host, so both refuse the same things.
 */
import fs from 'node:fs';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Resolve a URL pathname (still percent-encoded) to an absolute file under root.
 * Returns undefined for anything that is not plainly a file inside root: `..` segments (also
 * encoded), backslashes, NUL, absolute or drive paths, symlinks leading outside, directories.
 * `/` serves index.html.
 */
export function resolveStaticPath(root: string, urlPathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  if (!decoded.startsWith('/')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:$/.test(s))) return undefined;
  const rel = segments.length === 0 ? 'index.html' : segments.join('/');
  const rootReal = fs.realpathSync(root);
  const candidate = path.resolve(rootReal, rel);
  if (candidate !== rootReal && !candidate.startsWith(rootReal + path.sep)) return undefined;
  let real: string;
  try {
    real = fs.realpathSync(candidate);
  } catch {
    return undefined;
  }
  if (!real.startsWith(rootReal + path.sep)) return undefined;
  if (!fs.statSync(real).isFile()) return undefined;
  return real;
}
