/** The handler map: one function per channel of the contract, each calling one service. */
import type { Channel, ChannelOutput, ParsedInput, AppInfo } from './contract';
import type { Services } from '../services/index';
import { createInventoryHandlers } from './handlers/inventory';
import { createQualityHandlers } from './handlers/quality';
import { createPackageHandlers } from './handlers/package';
import { createExcelHandlers } from './handlers/excel';
import { createSchemesHandlers } from './handlers/schemes';
import { createMappingHandlers } from './handlers/mapping';
import { createBureauHandlers } from './handlers/bureau';
import { createRiskHandlers } from './handlers/risk';

export interface CallContext {
  /** Which host the call came through; recorded nowhere yet, available to handlers. */
  via: 'electron' | 'browser' | 'cli' | 'test';
}

export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>, ctx: CallContext) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

export interface HostInfo {
  host: AppInfo['host'];
  defaultWorkspaceDir: string;
  appVersion: string;
}

export function createHandlers(s: Services, host: HostInfo): Handlers {
  return {
    'app.info': () => ({
      version: host.appVersion,
      host: host.host,
      platform: process.platform,
      defaultWorkspaceDir: host.defaultWorkspaceDir,
      schemaVersion: s.schemaVersion,
    }),
    'workspace.status': () => s.workspace.status(),
    'workspace.recent': () => s.workspace.recent(),
    'workspace.forget': (i) => {
      s.workspace.forget(i.path);
      return s.workspace.recent();
    },
    'workspace.create': (i) => s.workspace.create(i),
    'workspace.unlock': (i) => s.workspace.unlock(i.path ? { path: i.path, passphrase: i.passphrase } : { passphrase: i.passphrase }),
    'workspace.lock': () => s.workspace.lock(),
    'workspace.close': () => s.workspace.close(),
    'workspace.changePassphrase': (i) => s.workspace.changePassphrase(i),
    'settings.update': (i) => s.workspace.updateSettings(i),
    'profile.get': () => s.profile.get(),
    'profile.save': (i) => s.profile.save(i.profile as never),
    'audit.list': (i) => s.audit.list(i.offset, i.limit),
    'audit.verify': () => s.audit.verify(),
    ...createInventoryHandlers(s),
    ...createQualityHandlers(s),
    ...createPackageHandlers(s),
    ...createExcelHandlers(s),
    ...createSchemesHandlers(s),
    ...createMappingHandlers(s),
    ...createBureauHandlers(s),
    ...createRiskHandlers(s),
    'files.list': (i) => s.files.list(i),
    'files.saveImage': (i) => s.files.saveImage(i),
  };
}
