/**
 * The `datasteward` command line: the same backend and services as the app, from a terminal.
 * Exit codes: 0 success, 1 a domain error (message in Chinese and English), 2 bad usage.
 */
import path from 'node:path';
import { createInProcessBackend } from '../backend/backend';
import { APP_VERSION, defaultConfigDir, defaultWorkspaceDir } from '../host/app-paths';
import type { Channel, ChannelInput, ChannelOutput } from '../api/contract';
import { PROFILE_FIELDS } from '../domain/profile';
import { ROLE_LABELS } from '../domain/workspace';
import type { ErrorInfo } from '../domain/errors';
import { parseArgs, UsageError } from './args';
import { readPassphrase } from './passphrase';

const HELP = `datasteward ${APP_VERSION} — 数据分类分级备案工作台 命令行 / command line

用法 / Usage:
  datasteward workspace create --path FILE --role unit|bureau [--name NAME] [--operator NAME]
  datasteward profile show --path FILE [--json]
  datasteward audit verify --path FILE [--json]
  datasteward --version | --help

口令从环境变量 DATASTEWARD_PASSPHRASE 读取，未设置时在终端提示输入。
The passphrase is read from DATASTEWARD_PASSPHRASE, or prompted for in a terminal.
退出码 / Exit codes: 0 成功 success, 1 业务错误 domain error, 2 用法错误 usage error.
`;

class DomainFailure extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.code);
  }
}

type Invoke = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

async function withBackend<T>(fn: (invoke: Invoke) => Promise<T>): Promise<T> {
  const backend = createInProcessBackend({
    appVersion: APP_VERSION,
    configDir: defaultConfigDir(),
    host: 'cli',
    defaultWorkspaceDir: defaultWorkspaceDir(),
    idleCheckMs: 0,
    log: (msg, err) => {
      if (process.env.DATASTEWARD_DEBUG) console.error(msg, err);
    },
  });
  const invoke: Invoke = async (channel, input) => {
    const r = await backend.invoke(channel, input, { via: 'cli' });
    if (!r.ok) throw new DomainFailure(r.error);
    return r.value as never;
  };
  try {
    return await fn(invoke);
  } finally {
    await backend.dispose();
  }
}

function requirePath(opts: Record<string, string | true>): string {
  const p = opts.path;
  if (typeof p !== 'string') throw new UsageError('--path is required / 需要 --path');
  return path.resolve(p);
}

async function workspaceCreate(argv: string[]): Promise<void> {
  const { options } = parseArgs(argv, { values: ['path', 'role', 'name', 'operator'], flags: ['json'] });
  const file = requirePath(options);
  const role = options.role;
  if (role !== 'unit' && role !== 'bureau') throw new UsageError('--role must be unit or bureau / --role 应为 unit 或 bureau');
  const passphrase = await readPassphrase({ confirm: true });
  const status = await withBackend((invoke) =>
    invoke('workspace.create', {
      path: file,
      passphrase,
      role,
      name: typeof options.name === 'string' ? options.name : '',
      operator: typeof options.operator === 'string' ? options.operator : '',
    }),
  );
  if (options.json) console.log(JSON.stringify(status));
  else {
    console.log(`已创建工作区 / Workspace created: ${status.path}`);
    console.log(`角色 / Role: ${ROLE_LABELS[role].zh} / ${ROLE_LABELS[role].en}`);
  }
}

async function profileShow(argv: string[]): Promise<void> {
  const { options } = parseArgs(argv, { values: ['path'], flags: ['json'] });
  const file = requirePath(options);
  const passphrase = await readPassphrase({ confirm: false });
  const view = await withBackend(async (invoke) => {
    await invoke('workspace.unlock', { path: file, passphrase });
    return invoke('profile.get', {});
  });
  if (options.json) {
    console.log(JSON.stringify(view, null, 2));
    return;
  }
  for (const f of PROFILE_FIELDS) console.log(`${f.templateLabel}: ${view.profile[f.key]}`);
  if (!view.complete) {
    console.log('');
    console.log('待补充或有误 / Incomplete or wrong:');
    for (const i of view.issues) console.log(`  - ${i.message_zh} / ${i.message_en}`);
  }
}

async function auditVerify(argv: string[]): Promise<number> {
  const { options } = parseArgs(argv, { values: ['path'], flags: ['json'] });
  const file = requirePath(options);
  const passphrase = await readPassphrase({ confirm: false });
  const result = await withBackend(async (invoke) => {
    await invoke('workspace.unlock', { path: file, passphrase });
    return invoke('audit.verify', {});
  });
  if (options.json) console.log(JSON.stringify(result));
  else if (result.ok) console.log(`审计日志完整 / Audit log intact: ${result.count} 条 entries, SM3 ${result.headHash}`);
  else console.log(`审计日志被改动，断点在第 ${result.brokenAt?.seq} 条 (${result.brokenAt?.reason}) / Audit log altered at entry ${result.brokenAt?.seq} (${result.brokenAt?.reason})`);
  return result.ok ? 0 : 1;
}

export async function run(argv: string[]): Promise<number> {
  try {
    const [group, command, ...rest] = argv;
    if (group === undefined || group === '--help' || group === '-h' || group === 'help') {
      process.stdout.write(HELP);
      return group === undefined ? 2 : 0;
    }
    if (group === '--version' || group === '-v') {
      console.log(APP_VERSION);
      return 0;
    }
    if (group === 'workspace' && command === 'create') await workspaceCreate(rest);
    else if (group === 'profile' && command === 'show') await profileShow(rest);
    else if (group === 'audit' && command === 'verify') return await auditVerify(rest);
    else throw new UsageError(`unknown command / 未知命令: ${[group, command].filter(Boolean).join(' ')}`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`用法错误 / Usage error: ${e.message}\n`);
      process.stderr.write(HELP);
      return 2;
    }
    if (e instanceof DomainFailure) {
      console.error(`错误 [${e.info.code}]: ${e.info.message_zh}`);
      console.error(`Error [${e.info.code}]: ${e.info.message_en}`);
      return 1;
    }
    console.error('程序内部错误 / Internal error:', e instanceof Error ? e.message : e);
    return 1;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
