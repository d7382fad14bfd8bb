/**
 * The `datasteward` command line: the same backend and services as the app, from a terminal.
 * Exit codes: 0 success, 1 a domain error (message in Chinese and English), 2 bad usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createInProcessBackend } from '../backend/backend';
import { APP_VERSION, defaultConfigDir, defaultWorkspaceDir } from '../host/app-paths';
import type { Channel, ChannelInput, ChannelOutput } from '../api/contract';
import { PROFILE_FIELDS } from '../domain/profile';
import { ROLE_LABELS } from '../domain/workspace';
import type { ErrorInfo } from '../domain/errors';
import { parseArgs, UsageError } from './args';
import { readPassphrase } from './passphrase';
import { PACKAGE_HELP, runPackageCommand } from './package-commands';
import { EXCEL_HELP, runExcelCommand } from './excel-commands';
import { RISK_HELP, runRiskCommand } from './risk-commands';
import { SCHEME_HELP, runSchemeCommand } from './scheme-commands';
import { BUREAU_HELP, runBureauCommand } from './bureau-commands';

const HELP = `datasteward ${APP_VERSION} — 数据分类分级备案工作台 命令行 / command line

用法 / Usage:
  datasteward workspace create --path FILE --role unit|bureau [--name NAME] [--operator NAME]
  datasteward profile show --path FILE [--json]
  datasteward audit verify --path FILE [--json]
  datasteward demo --path FILE --items N [--seed S] [--operator NAME]
      新建填报单位工作区并写入示例清单（医院，含常见填报错误），显示数量与用时；不会覆盖已有文件。
      Creates a unit workspace filled with a demo inventory (a hospital, with the mistakes
      officers make); prints the counts and the time taken. An existing file is never overwritten.
  datasteward check --path FILE [--json]
      质量检查：按完整性、一致性、规范性、及时性评分并列出问题；有“错误”级问题时退出码为 1。
      Quality check: scores per dimension (completeness, consistency, conformity, timeliness) and
      the findings; exit code 1 when any finding is an error. --json prints
      { scores: { completeness, consistency, conformity, timeliness, overall },
        findings: [ { code, severity, itemId?, resourceId?, field?, message } ] } (message in Chinese).
${PACKAGE_HELP}${EXCEL_HELP}${RISK_HELP}${SCHEME_HELP}${BUREAU_HELP}  datasteward --version | --help

口令从环境变量 DATASTEWARD_PASSPHRASE 读取，未设置时在终端提示输入。
The passphrase is read from DATASTEWARD_PASSPHRASE, or prompted for in a terminal.
退出码 / Exit codes: 0 成功 success, 1 业务错误 domain error (check: 有错误级问题 error findings), 2 用法错误 usage error.
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
    payloadWorker: path.join(__dirname, 'payload-worker.cjs'),
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

function positiveInt(v: string | true | undefined, name: string, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || (name === 'items' && n < 1)) throw new UsageError(`--${name} must be a whole number${name === 'items' ? ' of at least 1' : ''} / --${name} 应为${name === 'items' ? '正' : '非负'}整数`);
  return n;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function demo(argv: string[]): Promise<void> {
  const { options } = parseArgs(argv, { values: ['path', 'items', 'seed', 'operator'], flags: [] });
  const file = requirePath(options);
  if (options.items === undefined) throw new UsageError('--items is required / 需要 --items');
  const items = positiveInt(options.items, 'items');
  if (items > 1_000_000) throw new UsageError('--items must be at most 1000000 / --items 不能超过 1000000');
  const seed = positiveInt(options.seed, 'seed', 1);
  if (seed > 0xffff_ffff) throw new UsageError('--seed must be below 4294967296 / --seed 应小于 4294967296');
  const passphrase = await readPassphrase({ confirm: true });
  const t0 = performance.now();
  const { status, result } = await withBackend(async (invoke) => {
    const status = await invoke('workspace.create', {
      path: file,
      passphrase,
      role: 'unit',
      name: '示例医院（演示数据）',
      operator: typeof options.operator === 'string' ? options.operator : '',
    });
    try {
      return { status, result: await invoke('demo.generate', { items, seed }) };
    } catch (e) {
      // Do not leave a half-filled demo behind: the file was made by this command.
      await invoke('workspace.close', {}).catch(() => undefined);
      for (const f of [status.path!, `${status.path}-wal`, `${status.path}-shm`]) fs.rmSync(f, { force: true });
      throw e;
    }
  });
  const total = performance.now() - t0;
  console.log(`已创建示例工作区 / Demo workspace created: ${status.path}`);
  console.log(`信息系统 / systems: ${result.systems}   数据资源 / resources: ${result.resources}   数据项 / items: ${result.items}   (seed ${result.seed}, ${result.schemeId})`);
  console.log(`埋设的问题 / planted mistakes: ${Object.entries(result.mistakes).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`用时 / time: ${seconds(total)} (生成与写入 / generate and write ${seconds(result.ms - result.regradeMs)}, 重新定级 / regrade ${seconds(result.regradeMs)}, ${result.batches} 批 / batches)`);
}

interface CheckFinding {
  code: string;
  severity: 'error' | 'warning';
  itemId?: number;
  resourceId?: number;
  field?: string;
  message: string;
}

async function check(argv: string[]): Promise<number> {
  const { options } = parseArgs(argv, { values: ['path'], flags: ['json'] });
  const file = requirePath(options);
  const passphrase = await readPassphrase({ confirm: false });
  const { summary, findings } = await withBackend(async (invoke) => {
    await invoke('workspace.unlock', { path: file, passphrase });
    const summary = await invoke('quality.summary', {});
    const findings: CheckFinding[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await invoke('quality.findings', { offset, limit: 500 });
      for (const f of page.findings) {
        // Keys in the documented order. An item's sheet-2 row has itemId; a resource's own row
        // (or its catalog row) is named by resourceId alone.
        findings.push({
          code: f.code,
          severity: f.severity,
          ...(f.entryId !== undefined && f.entryId !== f.resourceId ? { itemId: f.entryId } : {}),
          ...(f.resourceId !== undefined ? { resourceId: f.resourceId } : {}),
          ...(f.field !== undefined ? { field: f.field } : {}),
          message: f.message_zh,
        });
      }
      if (page.findings.length < 500 || offset + 500 >= page.total) break;
    }
    return { summary, findings };
  });
  const s = summary.scores;
  if (options.json) {
    const scores = { completeness: s.completeness, consistency: s.consistency, conformity: s.conformity, timeliness: s.timeliness, overall: s.overall };
    process.stdout.write(`{"scores":${JSON.stringify(scores)},"findings":[`);
    for (let i = 0; i < findings.length; i += 10_000)
      process.stdout.write((i > 0 ? ',\n' : '\n') + findings.slice(i, i + 10_000).map((f) => JSON.stringify(f)).join(',\n'));
    process.stdout.write('\n]}\n');
  } else {
    console.log(`质量检查 / Quality check: ${path.basename(file)} — 清单 ${summary.totals.sheet2Rows} 行 / sheet-2 rows, 目录 ${summary.totals.sheet3Rows} 行 / sheet-3 rows, ${summary.ms} ms`);
    console.log(`  完整性 completeness  ${s.completeness}`);
    console.log(`  一致性 consistency   ${s.consistency}`);
    console.log(`  规范性 conformity    ${s.conformity}`);
    console.log(`  及时性 timeliness    ${s.timeliness}`);
    console.log(`  总分   overall       ${s.overall}`);
    console.log(`错误 / errors: ${summary.errors}   警告 / warnings: ${summary.warnings}`);
    for (const c of summary.byCode) console.log(`  ${c.severity === 'error' ? '错误' : '警告'} ${c.code} × ${c.count}: ${c.message_zh}`);
    if (findings.length > 0) console.log('');
    for (const f of findings) {
      const where = [f.resourceId !== undefined ? `resource ${f.resourceId}` : '', f.itemId !== undefined ? `item ${f.itemId}` : '', f.field ?? ''].filter(Boolean).join(' ');
      console.log(`[${f.severity === 'error' ? '错误' : '警告'}] ${f.code} ${where}: ${f.message}`);
    }
  }
  return summary.errors > 0 ? 1 : 0;
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
    else if (group === 'demo') await demo(argv.slice(1));
    else if (group === 'check') return await check(argv.slice(1));
    else {
      const host = { withBackend, requirePath, isDomainFailure: (e: unknown): e is DomainFailure => e instanceof DomainFailure };
      const code = (await runPackageCommand(argv, host)) ?? (await runExcelCommand(argv, host)) ?? (await runSchemeCommand(argv, host)) ?? (await runBureauCommand(argv, host)) ?? (await runRiskCommand(argv, host));
      if (code !== undefined) return code;
      throw new UsageError(`unknown command / 未知命令: ${[group, command].filter(Boolean).join(' ')}`);
    }
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
