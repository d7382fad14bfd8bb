/**
 * HtmlToPdf through a Chromium executable (Chromium, Chrome or Edge), for the browser host and
 * the CLI: started headless with --remote-debugging-pipe, driven over the DevTools protocol on
 * fds 3 (to Chromium) and 4 (from Chromium), messages NUL-terminated JSON. No npm dependency, no
 * network port. Chromium embeds the fonts it uses, so the PDF carries its Chinese fonts.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pdfUnavailable, type HtmlToPdf, type PdfOptions } from './pdf-port';

/** Where Chromium-family browsers usually are; DATASTEWARD_CHROMIUM comes first. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const list: string[] = [];
  if (env.DATASTEWARD_CHROMIUM) list.push(env.DATASTEWARD_CHROMIUM);
  if (platform === 'win32') {
    for (const base of [env['ProgramFiles(x86)'], env.ProgramFiles, env.LOCALAPPDATA].filter(Boolean) as string[]) {
      list.push(path.join(base, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), path.join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'), path.join(base, 'Chromium', 'Application', 'chrome.exe'));
    }
  } else if (platform === 'darwin') {
    list.push(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    );
  } else {
    list.push('/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/usr/bin/microsoft-edge-stable', '/snap/bin/chromium');
  }
  return list;
}

/** The first candidate that is a file; when DATASTEWARD_CHROMIUM is set, only that one (a wrong setting is not silently passed over). */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const list = env.DATASTEWARD_CHROMIUM ? [env.DATASTEWARD_CHROMIUM] : chromiumCandidates(env);
  for (const p of list) {
    try {
      if (fs.statSync(p).isFile()) return p;
    } catch {
      // not there
    }
  }
  return null;
}

interface CdpMessage {
  id?: number;
  method?: string;
  sessionId?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
}

/** A DevTools-protocol connection over the two pipes. */
function cdp(toChrome: Writable, fromChrome: Readable) {
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  const waiters: { method: string; sessionId?: string | undefined; resolve: () => void }[] = [];
  let buf = Buffer.alloc(0);
  let closedWith: Error | null = null;
  fromChrome.on('data', (chunk: Buffer) => {
    buf = Buffer.concat([buf, chunk]);
    let at: number;
    while ((at = buf.indexOf(0)) >= 0) {
      const raw = buf.subarray(0, at).toString('utf8');
      buf = buf.subarray(at + 1);
      let msg: CdpMessage;
      try {
        msg = JSON.parse(raw) as CdpMessage;
      } catch {
        continue;
      }
      if (msg.id !== undefined) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) p?.reject(new Error(msg.error.message));
        else p?.resolve(msg.result ?? {});
      } else if (msg.method) {
        for (let i = waiters.length - 1; i >= 0; i--) {
          const w = waiters[i]!;
          if (w.method === msg.method && (w.sessionId === undefined || w.sessionId === msg.sessionId)) {
            waiters.splice(i, 1);
            w.resolve();
          }
        }
      }
    }
  });
  const fail = (e: Error) => {
    closedWith = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  fromChrome.on('close', () => fail(new Error('Chromium closed the DevTools pipe')));
  fromChrome.on('error', (e) => fail(e));
  return {
    send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
      if (closedWith) return Promise.reject(closedWith);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        toChrome.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
      });
    },
    once(method: string, sessionId?: string): Promise<void> {
      return new Promise((resolve) => waiters.push({ method, sessionId, resolve }));
    },
    fail,
  };
}

const CM_PER_INCH = 2.54;

export function createChromiumPdf(opts: { executable?: string; timeoutMs?: number } = {}): HtmlToPdf {
  return {
    name: 'chromium',
    async print(html: string, o: PdfOptions): Promise<Uint8Array> {
      const exe = opts.executable ?? findChromium();
      if (!exe) throw pdfUnavailable(process.env.DATASTEWARD_CHROMIUM ? `DATASTEWARD_CHROMIUM=${process.env.DATASTEWARD_CHROMIUM}: not a file` : 'no chromium, chrome or msedge found');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-pdf-'));
      const htmlFile = path.join(dir, 'report.html');
      fs.writeFileSync(htmlFile, html, 'utf8');
      const args = [
        '--headless',
        '--remote-debugging-pipe',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-gpu',
        '--disable-extensions',
        '--disable-background-networking',
        '--disable-sync',
        '--disable-dev-shm-usage',
        '--mute-audio',
        'about:blank',
      ];
      // Chromium refuses to run as root with its sandbox (containers, CI).
      if (typeof process.getuid === 'function' && process.getuid() === 0) args.unshift('--no-sandbox');
      let child;
      try {
        child = spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], windowsHide: true });
      } catch (e) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw pdfUnavailable(`${exe}: ${(e as Error).message}`);
      }
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => {
        if (stderr.length < 4000) stderr += d.toString();
      });
      const conn = cdp(child.stdio[3] as Writable, child.stdio[4] as Readable);
      const exited = new Promise<never>((_, reject) => {
        child.on('error', (e) => reject(pdfUnavailable(`${exe}: ${e.message}`)));
        child.on('exit', (code) => {
          const e = pdfUnavailable(`${exe} exited (${code ?? 'signal'}): ${stderr.trim().split('\n').slice(-2).join(' ')}`);
          conn.fail(e);
          reject(e);
        });
      });
      exited.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(pdfUnavailable(`${exe}: no answer within ${Math.round((opts.timeoutMs ?? 120_000) / 1000)} s`)), opts.timeoutMs ?? 120_000);
      });
      const work = async (): Promise<Uint8Array> => {
        const { targetId } = (await conn.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
        const { sessionId } = (await conn.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
        await conn.send('Page.enable', {}, sessionId);
        const loaded = conn.once('Page.loadEventFired', sessionId);
        const nav = (await conn.send('Page.navigate', { url: `file://${htmlFile.split(path.sep).join('/').replace(/^([A-Za-z]):/, '/$1:')}` }, sessionId)) as { errorText?: string };
        if (nav.errorText) throw new Error(nav.errorText);
        await loaded;
        await conn.send('Runtime.evaluate', { expression: 'document.fonts.ready.then(() => true)', awaitPromise: true }, sessionId);
        const r = (await conn.send(
          'Page.printToPDF',
          {
            printBackground: true,
            displayHeaderFooter: true,
            headerTemplate: o.headerTemplate,
            footerTemplate: o.footerTemplate,
            paperWidth: 21 / CM_PER_INCH,
            paperHeight: 29.7 / CM_PER_INCH,
            marginTop: o.marginTopCm / CM_PER_INCH,
            marginBottom: o.marginBottomCm / CM_PER_INCH,
            marginLeft: o.marginSideCm / CM_PER_INCH,
            marginRight: o.marginSideCm / CM_PER_INCH,
            preferCSSPageSize: false,
            // An untagged PDF: a quarter of the size and about a third faster for a 50-page report of tables.
            generateTaggedPDF: false,
          },
          sessionId,
        )) as { data: string };
        return new Uint8Array(Buffer.from(r.data, 'base64'));
      };
      try {
        return await Promise.race([work(), exited, timeout]);
      } finally {
        clearTimeout(timer);
        await conn.send('Browser.close').catch(() => undefined);
        if (child.exitCode === null) {
          const done = new Promise((r) => child.once('exit', r));
          const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
          await done;
          clearTimeout(kill);
        }
        fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
      }
    },
  };
}
