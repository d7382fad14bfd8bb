import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../main/host/security-policy';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  PRIVILEGED_SCHEMES,
  createProtocolHandler,
  handleAppRequest,
  isAppUrl,
} from '../../../main/electron/protocol';
import { tempDir } from '../../helpers/tmp';

const base = tempDir('ds-electron-protocol-');
const root = path.join(base, 'renderer');
const INDEX = '<!doctype html><title>DataSteward</title><script type="module" src="/assets/index.js"></script>';

beforeAll(() => {
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), INDEX);
  fs.writeFileSync(path.join(root, 'assets', 'index.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  // Secrets next to (outside) the renderer root, and a symlink pointing at them.
  fs.writeFileSync(path.join(base, 'secret.txt'), 'secret');
  try {
    fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  } catch {
    /* no symlinks on this file system: that case is then covered by static-files' own tests */
  }
});

const get = (url: string) => handleAppRequest({ method: 'GET', url }, root);

describe('app:// scheme registration', () => {
  it('is standard, secure and fetch-capable, and bypasses nothing', () => {
    expect(PRIVILEGED_SCHEMES).toHaveLength(1);
    const [s] = PRIVILEGED_SCHEMES;
    expect(s?.scheme).toBe('app');
    expect(s?.privileges).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    expect(s?.privileges?.bypassCSP).toBeUndefined();
    expect(s?.privileges?.corsEnabled).toBeUndefined();
    expect(s?.privileges?.allowServiceWorkers).toBeUndefined();
    expect(s?.privileges?.stream).toBeUndefined();
    expect(Object.isFrozen(PRIVILEGED_SCHEMES)).toBe(true);
  });

  it('has the origin app://datasteward and loads index.html', () => {
    expect(APP_ORIGIN).toBe('app://datasteward');
    expect(APP_ENTRY_URL).toBe('app://datasteward/index.html');
  });

  it('isAppUrl accepts only our exact host', () => {
    expect(isAppUrl('app://datasteward/')).toBe(true);
    expect(isAppUrl('app://datasteward/assets/index.js?x=1#y')).toBe(true);
    for (const u of [
      'app://evil/',
      'app://datasteward.evil.cn/',
      'app://evil.datasteward/',
      'app://datasteward:8080/',
      'app://user@datasteward/',
      'app://user:pw@datasteward/',
      'https://datasteward/',
      'file:///index.html',
      'APP:/datasteward/',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(u), u).toBe(false);
    }
  });
});

describe('handleAppRequest', () => {
  it('serves index.html for / with the CSP and the HTML type', () => {
    const r = get('app://datasteward/');
    expect(r.status).toBe(200);
    expect(r.filePath).toBe(fs.realpathSync(path.join(root, 'index.html')));
    expect(r.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(r.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers).toMatchObject(SECURITY_HEADERS);
  });

  it('serves assets with their MIME type', () => {
    expect(get('app://datasteward/assets/index.js').headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(get('app://datasteward/assets/app.css').headers['Content-Type']).toBe('text/css; charset=utf-8');
    expect(get('app://datasteward/index.html?v=1#top').status).toBe(200);
  });

  it('answers HEAD with the headers and no file', () => {
    const r = handleAppRequest({ method: 'HEAD', url: 'app://datasteward/index.html' }, root);
    expect(r.status).toBe(200);
    expect(r.filePath).toBeUndefined();
    expect(r.headers['Content-Type']).toBe('text/html; charset=utf-8');
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'get', 'CONNECT'])('refuses %s with 405', (method) => {
    const r = handleAppRequest({ method, url: 'app://datasteward/index.html' }, root);
    expect(r.status).toBe(405);
    expect(r.headers.Allow).toBe('GET, HEAD');
    expect(r.filePath).toBeUndefined();
    expect(r.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each(['app://evil/index.html', 'app://datasteward.evil/index.html', 'app://datasteward:1/index.html', 'https://datasteward/index.html'])(
    'refuses a foreign host or scheme: %s',
    (url) => {
      const r = get(url);
      expect(r.status).toBe(404);
      expect(r.filePath).toBeUndefined();
    },
  );

  it.each([
    'app://datasteward/../secret.txt',
    'app://datasteward/assets/../../secret.txt',
    'app://datasteward/%2e%2e/secret.txt',
    'app://datasteward/%2E%2E/secret.txt',
    'app://datasteward/..%2fsecret.txt',
    'app://datasteward/assets/..%2f..%2fsecret.txt',
    'app://datasteward/%2e%2e%2fsecret.txt',
    'app://datasteward/..%5csecret.txt',
    'app://datasteward/..\\secret.txt',
    'app://datasteward/assets\\..\\..\\secret.txt',
    'app://datasteward//etc/passwd',
    'app://datasteward/%2fetc%2fpasswd',
    'app://datasteward/etc/passwd',
    'app://datasteward/C:/Windows/win.ini',
    'app://datasteward/c%3a%5cWindows%5cwin.ini',
    'app://datasteward/index.html%00.js',
    'app://datasteward/%zz',
    'app://datasteward/assets',
    'app://datasteward/assets/',
    'app://datasteward/missing.js',
    'app://datasteward/assets/link.txt',
  ])('refuses escapes and non-files: %s', (url) => {
    const r = get(url);
    expect(r.status).toBe(404);
    expect(r.filePath).toBeUndefined();
  });

  it('never names a file outside the root', () => {
    const rootReal = fs.realpathSync(root);
    for (const p of ['/', '/index.html', '/assets/index.js', '/../secret.txt', '/assets/link.txt']) {
      const r = get(`app://datasteward${p}`);
      if (r.filePath) expect(r.filePath.startsWith(rootReal + path.sep)).toBe(true);
    }
  });

  it('answers 404, not an exception, when the renderer build is missing', () => {
    const r = handleAppRequest({ method: 'GET', url: 'app://datasteward/index.html' }, path.join(base, 'no-such-dir'));
    expect(r.status).toBe(404);
  });
});

describe('createProtocolHandler (what protocol.handle gets)', () => {
  const handler = createProtocolHandler(root);

  it('returns a real Response with the file and the security headers', async () => {
    const res = await handler(new Request('app://datasteward/'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(INDEX);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends no body for HEAD', async () => {
    const res = await handler(new Request('app://datasteward/index.html', { method: 'HEAD' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('answers 405 to POST and 404 to a traversal, never reading the file', async () => {
    const reads: string[] = [];
    const spy = createProtocolHandler(root, async (f) => {
      reads.push(f);
      return new Uint8Array();
    });
    const post = await spy(new Request('app://datasteward/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    const up = await spy({ method: 'GET', url: 'app://datasteward/..%2fsecret.txt' });
    expect(up.status).toBe(404);
    expect(await up.text()).not.toContain('secret');
    expect(reads).toEqual([]);
  });

  it('answers 404 when the file vanishes between check and read', async () => {
    const h = createProtocolHandler(root, async () => {
      throw Object.assign(new Error('gone'), { code: 'ENOENT' });
    });
    expect((await h({ method: 'GET', url: 'app://datasteward/index.html' })).status).toBe(404);
  });
});
