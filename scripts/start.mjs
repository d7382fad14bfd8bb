// `npm start`: run the desktop app in Electron where it can start; otherwise (no Electron binary,
// no display) run the same renderer and backend in the browser host, saying which and why.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const passthrough = process.argv.slice(2);

/** The Electron binary, if the electron package downloaded it; never downloads here (offline). */
function electronBinary() {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  const notInstalled = { reason: { zh: '未安装 Electron 程序文件', en: 'the Electron binary is not installed' } };
  if (!fs.existsSync(pathFile)) return notInstalled;
  const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(bin)) return notInstalled;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { reason: { zh: '没有图形显示环境', en: 'there is no graphical display' } };
  return { bin };
}

/** reason: { zh, en }, printed by the browser host in both languages. */
function startBrowserHost(reason) {
  const args = ['--reason-zh', reason.zh, '--reason-en', reason.en, ...passthrough];
  const child = spawn(process.execPath, [path.join(root, 'dist', 'main', 'web.cjs'), ...args], {
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

const found = electronBinary();
if (found.bin && !process.env.DATASTEWARD_BROWSER) {
  console.log('DataSteward: 以 Electron 桌面模式启动 / starting the Electron desktop app');
  const started = Date.now();
  const r = spawnSync(found.bin, [root, ...passthrough], { stdio: 'inherit' });
  // A quick failure (missing libraries, sandbox refused) falls back to the browser host.
  if (r.status !== 0 && Date.now() - started < 10_000) {
    const code = r.status ?? r.signal ?? r.error?.message;
    startBrowserHost({ zh: `Electron 无法启动（${code}）`, en: `Electron failed to start (${code})` });
  } else process.exit(r.status ?? 0);
} else {
  startBrowserHost(
    process.env.DATASTEWARD_BROWSER ? { zh: '已设置 DATASTEWARD_BROWSER', en: 'DATASTEWARD_BROWSER is set' } : found.reason,
  );
}
