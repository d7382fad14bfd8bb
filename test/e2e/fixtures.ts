/**
 * E2E fixtures: each test gets its own browser host, started from the built app (dist/main/web.cjs)
 * with temporary config and workspace folders, and a screenshot saved when the test ends.
 */
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export interface AppHost {
  url: string;
  origin: string;
  port: number;
  secret: string;
  workspaceDir: string;
  configDir: string;
  process: ChildProcess;
}

const root = path.resolve(__dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(root, 'test', 'e2e', 'screenshots');

export async function startHost(dir: string): Promise<AppHost> {
  const workspaceDir = path.join(dir, 'workspaces');
  const configDir = path.join(dir, 'config');
  const web = path.join(root, 'dist', 'main', 'web.cjs');
  if (!fs.existsSync(web)) throw new Error('dist/main/web.cjs is missing: run `npm run build` first');
  const child = spawn(process.execPath, [web, '--json', '--no-open'], {
    env: { ...process.env, DATASTEWARD_CONFIG_DIR: configDir, DATASTEWARD_WORKSPACE_DIR: workspaceDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('browser host did not start in 20 s')), 20_000);
    rl.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`browser host exited with ${code}`)));
  });
  const info = JSON.parse(line) as { url: string; origin: string; port: number };
  const secret = new URL(info.url).hash.replace(/^#k=/, '');
  return { ...info, secret, workspaceDir, configDir, process: child };
}

export const test = base.extend<{ app: AppHost; tmp: string }>({
  tmp: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-e2e-'));
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  app: async ({ tmp }, use) => {
    const host = await startHost(tmp);
    await use(host);
    host.process.kill('SIGTERM');
    await new Promise((r) => host.process.once('exit', r));
  },
  page: async ({ page }, use, testInfo) => {
    await use(page);
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const name = testInfo.titlePath.slice(1).join(' - ').replace(/[^\p{L}\p{N}\- ]+/gu, '_').slice(0, 150);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true }).catch(() => undefined);
  },
});

export { expect };
