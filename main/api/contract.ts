/**
 * The whole API surface between UI and backend: channel → input schema → output type.
 * Pure (zod and types only), so main, preload and renderer can all import it.
 * `activity: false` marks calls that do not count as use for lock-after-idle (status polling).
 */
import { z } from 'zod';
import { MAX_IDLE_LOCK_MINUTES, WORKSPACE_ROLES, type RecentWorkspace, type WorkspaceStatus } from '../domain/workspace';
import type { ProfileView } from '../domain/profile';
import type { AuditEntry, AuditVerifyResult } from '../domain/audit';
import { inventoryContract } from './contract/inventory';
import { qualityContract } from './contract/quality';
import { demoContract } from './contract/demo';
import { packageContract } from './contract/package';
import { excelContract } from './contract/excel';
import { filesContract } from './contract/files';
import { schemesContract } from './contract/schemes';
import { mappingContract } from './contract/mapping';
import { bureauContract } from './contract/bureau';
import { riskContract } from './contract/risk';

/** A phantom: carries the output type, holds nothing at run time. */
const out = <T>() => undefined as unknown as T;

const str = (max: number) => z.string().max(max);
const pathStr = z.string().min(1).max(4096);
const passphrase = z.string().max(1024);

export const unitProfileSchema = z.strictObject({
  unitName: str(400),
  uscc: str(80),
  unitType: str(40),
  competentDepartment: str(400),
  address: str(600),
  officerName: str(100),
  officerTitle: str(200),
  officerPhone: str(80),
  officerEmail: str(300),
  managementBody: str(400),
  preparerName: str(100),
  preparerPhone: str(80),
  filingKind: str(40),
  filingDate: str(40),
});

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser' | 'cli';
  platform: string;
  defaultWorkspaceDir: string;
  schemaVersion: number;
}

const empty = z.strictObject({});

export const contract = {
  'app.info': { input: empty, output: out<AppInfo>(), activity: false },
  'workspace.status': { input: empty, output: out<WorkspaceStatus>(), activity: false },
  'workspace.recent': { input: empty, output: out<(RecentWorkspace & { exists: boolean })[]>(), activity: false },
  'workspace.forget': { input: z.strictObject({ path: pathStr }), output: out<(RecentWorkspace & { exists: boolean })[]>(), activity: false },
  'workspace.create': {
    input: z.strictObject({
      path: pathStr,
      passphrase,
      role: z.enum(WORKSPACE_ROLES),
      name: str(200),
      operator: str(100),
    }),
    output: out<WorkspaceStatus>(),
    activity: true,
  },
  'workspace.unlock': {
    input: z.strictObject({ path: pathStr.optional(), passphrase }),
    output: out<WorkspaceStatus>(),
    activity: true,
  },
  'workspace.lock': { input: empty, output: out<WorkspaceStatus>(), activity: false },
  'workspace.close': { input: empty, output: out<WorkspaceStatus>(), activity: false },
  'workspace.changePassphrase': {
    input: z.strictObject({ current: passphrase, next: passphrase }),
    output: out<{ changed: true }>(),
    activity: true,
  },
  'settings.update': {
    input: z.strictObject({
      operator: str(100).optional(),
      idleLockMinutes: z.number().int().min(1).max(MAX_IDLE_LOCK_MINUTES).optional(),
    }),
    output: out<WorkspaceStatus>(),
    activity: true,
  },
  'profile.get': { input: empty, output: out<ProfileView>(), activity: true },
  'profile.save': { input: z.strictObject({ profile: unitProfileSchema }), output: out<ProfileView>(), activity: true },
  'audit.list': {
    input: z.strictObject({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    output: out<{ total: number; entries: AuditEntry[] }>(),
    activity: true,
  },
  'audit.verify': { input: empty, output: out<AuditVerifyResult>(), activity: true },
  ...inventoryContract,
  ...qualityContract,
  ...demoContract,
  ...packageContract,
  ...excelContract,
  ...filesContract,
  ...schemesContract,
  ...mappingContract,
  ...bureauContract,
  ...riskContract,
} as const;

export type Contract = typeof contract;
export type { WorkspaceStatus, RecentWorkspace, ProfileView, AuditEntry, AuditVerifyResult };
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = Contract[C]['output'];

export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(c: unknown): c is Channel {
  return typeof c === 'string' && Object.prototype.hasOwnProperty.call(contract, c);
}
