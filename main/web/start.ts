/**
 * Entry of the browser host (dist/main/web.cjs): start the backend worker and the loopback
 * server, print the address, open the browser. Options: --port N, --no-open, --json (print one
 * JSON line with the address, for tests), --reason-zh / --reason-en TEXT (why Electron was not used).
 */
import path from 'node:path';
import { createWorkerBackend } from '../backend/worker-backend';
import { APP_VERSION, defaultConfigDir, defaultWorkspaceDir } from '../host/app-paths';
import { startBrowserHost } from './server';
import { openBrowser } from './open-browser';

async function main() {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.includes(name);
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const backend = createWorkerBackend(path.join(__dirname, 'backend-worker.cjs'), {
    appVersion: APP_VERSION,
    configDir: defaultConfigDir(),
    host: 'browser',
    payloadWorker: path.join(__dirname, 'payload-worker.cjs'),
    defaultWorkspaceDir: defaultWorkspaceDir(),
  });
  const host = await startBrowserHost({
    backend,
    rendererRoot: path.join(__dirname, '..', 'renderer'),
    port: Number(value('--port') ?? 0),
  });
  if (flag('--json')) {
    process.stdout.write(JSON.stringify({ url: host.url, origin: host.origin, port: host.port }) + '\n');
  } else {
    const reasonZh = value('--reason-zh');
    const reasonEn = value('--reason-en');
    console.log('DataSteward 数据分类分级备案工作台 ' + APP_VERSION);
    console.log(reasonZh ? `以浏览器模式运行（未使用 Electron：${reasonZh}）` : '以浏览器模式运行');
    console.log('Running in browser mode' + (reasonEn ? ` (Electron not used: ${reasonEn})` : ''));
    console.log(`地址 / Address: ${host.url}`);
    console.log('仅本机可访问；按 Ctrl+C 退出。 Loopback only; press Ctrl+C to quit.');
    if (!flag('--no-open') && !process.env.CI) {
      if (!openBrowser(host.url)) console.log('未找到可自动打开的浏览器，请手动打开上面的地址。 No browser could be opened; open the address above yourself.');
    }
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await backend.dispose();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error('DataSteward 启动失败 / failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
