/** Open the user's default browser at a URL, where the platform has a way to. Never throws. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export function browserOpener(): { command: string; args: string[] } | undefined {
  if (process.platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  if (process.platform === 'darwin') return { command: 'open', args: [] };
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return undefined;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && fs.existsSync(`${dir}/xdg-open`)) return { command: `${dir}/xdg-open`, args: [] };
  }
  return undefined;
}

export function openBrowser(url: string): boolean {
  const opener = browserOpener();
  if (!opener) return false;
  try {
    const child = spawn(opener.command, [...opener.args, url], { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
