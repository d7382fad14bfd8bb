/** The browser host: loopback only, secret required, own Host and Origin only, static files safe. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createInProcessBackend } from '../../../main/backend/backend';
import { startBrowserHost, type BrowserHost } from '../../../main/web/server';
import { tempDir } from '../../helpers/tmp';

const dir = tempDir();
const rendererRoot = path.join(dir, 'renderer');
let host: BrowserHost;
const backend = createInProcessBackend({ appVersion: 't', configDir: dir, host: 'browser', defaultWorkspaceDir: dir, idleCheckMs: 0 });

beforeAll(async () => {
  fs.mkdirSync(path.join(rendererRoot, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererRoot, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(rendererRoot, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer root');
  host = await startBrowserHost({ backend, rendererRoot });
});
afterAll(async () => {
  await host.close();
  await backend.dispose();
});

/** A raw request, so that Host and Origin can be set to anything (fetch would not allow it). */
function request(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, setHost: !(opts.headers && 'Host' in opts.headers) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const apiHeaders = (over: Record<string, string> = {}) => ({
  Host: `127.0.0.1:${host.port}`,
  Origin: host.origin,
  'Content-Type': 'application/json',
  Authorization: `Bearer ${host.secret}`,
  ...over,
});
const statusCall = JSON.stringify({ channel: 'workspace.status', input: {} });

describe('browser host', () => {
  it('listens on 127.0.0.1 at a random port and puts the secret only in the URL fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.port).toBeGreaterThan(0);
    expect(host.url).toBe(`${host.origin}/#k=${host.secret}`);
    expect(host.secret.length).toBeGreaterThanOrEqual(40);
  });

  it('answers an API call that carries the secret, its own Host and Origin', async () => {
    const r = await request({ method: 'POST', path: '/api/invoke', headers: apiHeaders(), body: statusCall });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: { state: 'closed' } });
  });

  it('refuses an API call without the secret', async () => {
    const headers = apiHeaders();
    delete (headers as Record<string, string>).Authorization;
    const r = await request({ method: 'POST', path: '/api/invoke', headers, body: statusCall });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).error.code).toBe('SECRET_REFUSED');
  });

  it('refuses an API call with a wrong secret', async () => {
    const r = await request({ method: 'POST', path: '/api/invoke', headers: apiHeaders({ Authorization: 'Bearer nope' }), body: statusCall });
    expect(r.status).toBe(401);
  });

  it('refuses a foreign Origin even with the right secret', async () => {
    for (const origin of ['http://evil.example', 'http://127.0.0.1:1', 'null', `https://127.0.0.1:${host.port}`]) {
      const r = await request({ method: 'POST', path: '/api/invoke', headers: apiHeaders({ Origin: origin }), body: statusCall });
      expect(r.status, origin).toBe(403);
      expect(JSON.parse(r.body).error.code).toBe('ORIGIN_REFUSED');
    }
  });

  it('refuses an API call with no Origin at all', async () => {
    const headers = apiHeaders();
    delete (headers as Record<string, string>).Origin;
    const r = await request({ method: 'POST', path: '/api/invoke', headers, body: statusCall });
    expect(r.status).toBe(403);
  });

  it('refuses a cross-site fetch marked by Sec-Fetch-Site', async () => {
    const r = await request({ method: 'POST', path: '/api/invoke', headers: apiHeaders({ 'Sec-Fetch-Site': 'cross-site' }), body: statusCall });
    expect(r.status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) for API calls and for pages', async () => {
    for (const h of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, '']) {
      const api = await request({ method: 'POST', path: '/api/invoke', headers: apiHeaders({ Host: h }), body: statusCall });
      expect(api.status, h).toBe(421);
      expect(JSON.parse(api.body).error.code).toBe('HOST_REFUSED');
      const page = await request({ path: '/', headers: { Host: h } });
      expect(page.status, h).toBe(421);
    }
  });

  it('refuses a body that is not JSON, too large, or not an object', async () => {
    expect((await request({ method: 'POST', path: '/api/invoke', headers: apiHeaders({ 'Content-Type': 'text/plain' }), body: statusCall })).status).toBe(415);
    expect((await request({ method: 'POST', path: '/api/invoke', headers: apiHeaders(), body: '{not json' })).status).toBe(400);
    expect((await request({ method: 'POST', path: '/api/invoke', headers: apiHeaders(), body: '[1,2]' })).status).toBe(400);
    const big = await request({ method: 'POST', path: '/api/invoke', headers: apiHeaders({ 'Content-Length': String(9 * 1024 * 1024) }), body: '' }).catch(() => ({ status: 413 }));
    expect(big.status).toBe(413);
  });

  it('passes unknown channels and bad input to the dispatcher, which refuses them as data', async () => {
    const r1 = await request({ method: 'POST', path: '/api/invoke', headers: apiHeaders(), body: JSON.stringify({ channel: 'fs.read', input: {} }) });
    expect(JSON.parse(r1.body).error.code).toBe('UNKNOWN_CHANNEL');
    const r2 = await request({ method: 'POST', path: '/api/invoke', headers: apiHeaders(), body: JSON.stringify({ channel: 'workspace.unlock', input: { passphrase: 5 } }) });
    expect(JSON.parse(r2.body).error.code).toBe('INVALID_INPUT');
  });

  it('serves the UI with the CSP and refuses paths outside the renderer folder', async () => {
    const page = await request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-type']).toContain('text/html');
    const js = await request({ path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%5c..%5csecret.txt', '/%00', '/assets']) {
      const r = await request({ path: p });
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('outside the renderer root');
    }
  });

  it('allows only GET and HEAD for pages and POST for the API', async () => {
    expect((await request({ method: 'PUT', path: '/' })).status).toBe(405);
    expect((await request({ method: 'GET', path: '/api/invoke', headers: apiHeaders() })).status).toBe(405);
    expect((await request({ method: 'DELETE', path: '/api/invoke', headers: apiHeaders() })).status).toBe(405);
  });
});
