/**
 * The browser host: the same backend as the Electron app, over HTTP on 127.0.0.1 only.
 * Every API request must carry the per-launch secret (handed to the page in the URL fragment,
 * which browsers never send to a server), and Host and Origin must be this server's own, so that
 * neither another local web page nor a DNS-rebinding attack can reach the workspace.
 */
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Backend } from '../backend/backend';
import { mimeType, resolveStaticPath } from '../host/static-files';
import { SECURITY_HEADERS } from '../host/security-policy';
import type { ErrorInfo } from '../domain/errors';

export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface BrowserHostOptions {
  backend: Backend;
  rendererRoot: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  secret?: string;
}

export interface BrowserHost {
  /** The address to open: includes the secret in the fragment. */
  url: string;
  origin: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

const refusal = (code: string, zh: string, en: string): ErrorInfo => ({ code, message_zh: zh, message_en: en });

const REFUSED = {
  host: refusal('HOST_REFUSED', '请求的主机名不被接受', 'The request Host is not accepted'),
  origin: refusal('ORIGIN_REFUSED', '请求来源不被接受', 'The request Origin is not accepted'),
  secret: refusal('SECRET_REFUSED', '缺少或错误的访问密钥：请使用 DataSteward 启动时显示的地址打开', 'Missing or wrong access secret: open the address DataSteward printed at start'),
  method: refusal('METHOD_NOT_ALLOWED', '不支持的请求方法', 'Method not allowed'),
  notFound: refusal('NOT_FOUND', '找不到该资源', 'Not found'),
  tooLarge: refusal('REQUEST_TOO_LARGE', '请求过大', 'The request is too large'),
  badRequest: refusal('BAD_REQUEST', '请求格式不正确', 'The request is malformed'),
  contentType: refusal('BAD_CONTENT_TYPE', '请求必须为 JSON', 'The request must be JSON'),
} as const;

function sameSecret(given: string, secret: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(secret).digest();
  return crypto.timingSafeEqual(a, b);
}

export function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const secret = opts.secret ?? crypto.randomBytes(32).toString('base64url');
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const sendJson = (res: http.ServerResponse, status: number, body: unknown) => {
    const data = Buffer.from(JSON.stringify(body));
    // A refused request may still have an unread body on the wire: never reuse its connection.
    if (status !== 200) res.shouldKeepAlive = false;
    res.writeHead(status, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': data.length,
      'Cache-Control': 'no-store',
    });
    res.end(data);
  };
  const refuse = (res: http.ServerResponse, status: number, error: ErrorInfo) => sendJson(res, status, { ok: false, error });

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    const file = resolveStaticPath(opts.rendererRoot, pathname);
    if (!file) return refuse(res, 404, REFUSED.notFound);
    const data = fs.readFileSync(file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': mimeType(file),
      'Content-Length': data.length,
      'Cache-Control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : data);
  };

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Browsers always send Origin with a POST from a page; a missing one is not our page.
    const origin = req.headers.origin;
    if (!origin || !allowedOrigins().has(origin)) return refuse(res, 403, REFUSED.origin);
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return refuse(res, 403, REFUSED.origin);
    const auth = req.headers.authorization ?? '';
    const given = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!given || !sameSecret(given, secret)) return refuse(res, 401, REFUSED.secret);
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return refuse(res, 415, REFUSED.contentType);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return refuse(res, 413, REFUSED.tooLarge);

    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        aborted = true;
        break;
      }
      chunks.push(chunk as Buffer);
    }
    if (aborted) {
      refuse(res, 413, REFUSED.tooLarge);
      req.destroy();
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return refuse(res, 400, REFUSED.badRequest);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse(res, 400, REFUSED.badRequest);
    const { channel, input } = body as { channel?: unknown; input?: unknown };
    const result = await opts.backend.invoke(channel, input, { via: 'browser' });
    sendJson(res, 200, result);
  };

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) return refuse(res, 421, REFUSED.host);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      return refuse(res, 400, REFUSED.badRequest);
    }
    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return refuse(res, 405, REFUSED.method);
      handleApi(req, res).catch((e) => {
        console.error('[datasteward] browser host request failed', e);
        if (!res.headersSent) refuse(res, 500, refusal('INTERNAL', '程序内部错误', 'Internal error'));
      });
      return;
    }
    if (url.pathname.startsWith('/api/')) return refuse(res, 404, REFUSED.notFound);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, REFUSED.method);
    serveStatic(req, res, url.pathname);
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        url: `${origin}/#k=${secret}`,
        origin,
        port,
        secret,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
