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
  if (!fs.existsSync(pathFile)) return { reason: '未安装 Electron 二进制文件 / the Electron binary is not installed' };
  const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  if (!fs.existsSync(bin)) return { reason: '未安装 Electron 二进制文件 / the Electron binary is not installed' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { reason: '没有图形显示 / no graphical display' };
  return { bin };
}

function startBrowserHost(reason) {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'main', 'web.cjs'), '--reason', reason, ...passthrough], {
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
    startBrowserHost(`Electron 无法启动 / Electron failed to start (exit ${r.status ?? r.signal})`);
  } else process.exit(r.status ?? 0);
} else {
  startBrowserHost(process.env.DATASTEWARD_BROWSER ? '按 DATASTEWARD_BROWSER 设置 / as DATASTEWARD_BROWSER asks' : found.reason);
}
