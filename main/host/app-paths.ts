/** Where app-level files and new workspaces go by default, per platform, outside Electron. */
import os from 'node:os';
import path from 'node:path';

export function defaultConfigDir(): string {
  if (process.env.DATASTEWARD_CONFIG_DIR) return process.env.DATASTEWARD_CONFIG_DIR;
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'DataSteward');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'DataSteward');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'DataSteward');
}

export function defaultWorkspaceDir(): string {
  if (process.env.DATASTEWARD_WORKSPACE_DIR) return process.env.DATASTEWARD_WORKSPACE_DIR;
  return path.join(os.homedir(), 'Documents', 'DataSteward');
}

declare const __APP_VERSION__: string | undefined;

/** Set from package.json by the build; '0.0.0-dev' when running from source (tests). */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
