/**
 * CLI commands for the classification rules:
 *   scheme list --path P [--json]
 *   scheme import --path P FILE(.json|.xlsx) [--json]
 *   scheme activate --path P --id ID --version V [--json]
 *   scheme export --path P --id ID [--version V] --out FILE(.json|.xlsx) [--force]
 *   recognizers import --path P FILE.json
 * A scheme or pack with problems exits 1 and lists them (sheet/row/column, or the JSON path).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../api/contract';
import type { ErrorInfo } from '../domain/errors';
import { problemPlace, type SchemeFileProblem } from '../domain/scheme-sheet';
import { parseArgs, UsageError } from './args';
import { readPassphrase } from './passphrase';

export const SCHEME_HELP = `  datasteward scheme list --path FILE [--json]
      列出分类方案及其版本、各行业在用的方案、各版本下定级的条目数。
      Lists the classification schemes, their versions, the one in use per industry, entries per version.
  datasteward scheme import --path FILE SCHEME.json|SCHEME.xlsx [--json]
      导入分类方案（JSON 或 resources/README.md 所述的 xlsx 格式），作为新方案或已有方案的新版本（不自动启用）。
      有错误时列出（工作表、行、列或 JSON 路径），退出码 1。
      Imports a scheme (JSON or the xlsx layout of resources/README.md) as a new scheme or a new
      version (not activated). Problems are listed (sheet, row, column or JSON path), exit 1.
  datasteward scheme activate --path FILE --id ID --version V [--json]
      启用该版本（成为其行业在用的方案）并按其重新定级全部条目。
      Activates the version (in use for its industry) and regrades every entry.
  datasteward scheme export --path FILE --id ID [--version V] --out OUT.json|OUT.xlsx [--force]
      导出方案（默认为启用的版本），xlsx 可在 Excel/WPS 中编辑后作为新版本导入。
      Exports a scheme (the active version by default); edit the .xlsx in Excel or WPS and import it back.
  datasteward recognizers import --path FILE PACK.json [--json]
      导入识别器包（与内置包同编号则替换内置包，否则扩展之）。有错误时列出，退出码 1。
      Imports a recogniser pack (same id as the built-in pack: replaces it; otherwise extends it).
`;

type Invoke = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

export interface SchemeCliHost {
  withBackend<T>(fn: (invoke: Invoke) => Promise<T>): Promise<T>;
  requirePath(opts: Record<string, string | true>): string;
  isDomainFailure(e: unknown): e is Error & { info: ErrorInfo };
}

function existingFile(positional: string[]): string {
  if (positional.length !== 1) throw new UsageError('one file is required / 需要一个文件');
  const file = path.resolve(positional[0]!);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`no such file / 文件不存在: ${file}`);
  return file;
}

function positiveInt(v: string | true | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number / --${name} 应为正整数`);
  return n;
}

/** Problems from an error's details, printed one a line; true when there were any. */
function printProblems(e: Error & { info: ErrorInfo }, json: boolean): boolean {
  const problems = (e.info.details as { problems?: SchemeFileProblem[] } | undefined)?.problems;
  if (!Array.isArray(problems)) return false;
  if (json) {
    console.log(JSON.stringify({ ok: false, code: e.info.code, problems }, null, 2));
    return true;
  }
  console.log(`${e.info.message_zh} / ${e.info.message_en} [${e.info.code}]`);
  for (const p of problems) {
    const at = problemPlace(p);
    console.log(`  ${at.zh}: ${p.message_zh}`);
    console.log(`  ${at.en}: ${p.message_en}`);
  }
  return true;
}

async function withProblems(host: SchemeCliHost, json: boolean, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (host.isDomainFailure(e) && printProblems(e, json)) return 1;
    throw e;
  }
}

async function schemeList(argv: string[], host: SchemeCliHost): Promise<number> {
  const { options } = parseArgs(argv, { values: ['path'], flags: ['json'] });
  const ws = host.requirePath(options);
  const passphrase = await readPassphrase({ confirm: false });
  const list = await host.withBackend(async (invoke) => {
    await invoke('workspace.unlock', { path: ws, passphrase });
    return invoke('scheme.overview', {});
  });
  if (options.json) {
    console.log(JSON.stringify(list, null, 2));
    return 0;
  }
  for (const s of list) {
    console.log(`${s.id}  ${s.name}  行业 industry: ${s.industry}${s.inUse ? '  [在用 in use]' : ''}  启用版本 active version: ${s.activeVersion}  该行业条目 entries of the industry: ${s.industryEntries}`);
    for (const v of s.versions)
      console.log(`  v${v.version}${v.version === s.activeVersion ? ' *' : '  '} ${v.createdAt.slice(0, 19).replace('T', ' ')}  ${v.origin}  条目 entries: ${v.entries}  SM3 ${v.digest.slice(0, 16)}…`);
  }
  return 0;
}

async function schemeImport(argv: string[], host: SchemeCliHost): Promise<number> {
  const { options, positional } = parseArgs(argv, { values: ['path'], flags: ['json'] });
  const ws = host.requirePath(options);
  const file = existingFile(positional);
  const json = Boolean(options.json);
  const passphrase = await readPassphrase({ confirm: false });
  return withProblems(host, json, () =>
    host.withBackend(async (invoke) => {
      await invoke('workspace.unlock', { path: ws, passphrase });
      const preview = await invoke('scheme.previewFile', { path: file });
      if (!preview.ok) {
        if (json) console.log(JSON.stringify({ ok: false, problems: preview.problems }, null, 2));
        else {
          console.log(`分类方案文件有错误，未导入 / The scheme has errors and was not imported: ${preview.file.name}`);
          for (const p of preview.problems) {
            const at = problemPlace(p);
            console.log(`  ${at.zh}: ${p.message_zh}`);
            console.log(`  ${at.en}: ${p.message_en}`);
          }
        }
        return 1;
      }
      const s = await invoke('scheme.importFile', { path: file });
      const effect = preview.effect!;
      if (json) console.log(JSON.stringify({ ok: true, id: s.id, version: effect.version, kind: effect.kind, activeVersion: s.activeVersion, inUse: s.inUse }, null, 2));
      else if (effect.kind === 'unchanged') console.log(`内容与版本 ${effect.sameAs} 相同，未导入 / Same content as version ${effect.sameAs}: nothing imported (${s.id})`);
      else {
        console.log(`已导入 / Imported: ${s.id} ${s.name} 版本 version ${effect.version}${effect.kind === 'new-scheme' ? '（新方案 new scheme）' : ''}`);
        if (s.activeVersion !== effect.version) console.log(`启用请运行 / To activate: datasteward scheme activate --path ${ws} --id ${s.id} --version ${effect.version}`);
      }
      return 0;
    }),
  );
}

async function schemeActivate(argv: string[], host: SchemeCliHost): Promise<number> {
  const { options } = parseArgs(argv, { values: ['path', 'id', 'version'], flags: ['json'] });
  const ws = host.requirePath(options);
  if (typeof options.id !== 'string') throw new UsageError('--id is required / 需要 --id');
  const version = positiveInt(options.version, 'version');
  if (version === undefined) throw new UsageError('--version is required / 需要 --version');
  const passphrase = await readPassphrase({ confirm: false });
  const id = options.id;
  const r = await host.withBackend(async (invoke) => {
    await invoke('workspace.unlock', { path: ws, passphrase });
    return invoke('scheme.activateAndRegrade', { id, version });
  });
  if (options.json) console.log(JSON.stringify({ id, version: r.scheme.activeVersion, industry: r.scheme.industry, inUse: r.scheme.inUse, regraded: r.regrade.entries, resourcesRaised: r.regrade.resourcesRaised }));
  else console.log(`已启用 / Activated: ${id} 版本 version ${r.scheme.activeVersion}（行业 industry ${r.scheme.industry}）；重新定级 regraded ${r.regrade.entries} 条 entries，抬升资源 resources raised ${r.regrade.resourcesRaised}`);
  return 0;
}

async function schemeExport(argv: string[], host: SchemeCliHost): Promise<number> {
  const { options } = parseArgs(argv, { values: ['path', 'id', 'version', 'out'], flags: ['force', 'json'] });
  const ws = host.requirePath(options);
  if (typeof options.id !== 'string') throw new UsageError('--id is required / 需要 --id');
  if (typeof options.out !== 'string') throw new UsageError('--out is required / 需要 --out');
  const out = path.resolve(options.out);
  const lower = out.toLowerCase();
  if (!lower.endsWith('.json') && !lower.endsWith('.xlsx')) throw new UsageError('--out must end in .json or .xlsx / --out 应为 .json 或 .xlsx 文件');
  if (fs.existsSync(out) && !options.force) throw new UsageError(`file exists (use --force to overwrite) / 文件已存在（覆盖请加 --force）: ${out}`);
  if (!fs.existsSync(path.dirname(out))) throw new UsageError(`no such folder / 文件夹不存在: ${path.dirname(out)}`);
  const version = positiveInt(options.version, 'version');
  const passphrase = await readPassphrase({ confirm: false });
  const id = options.id;
  const r = await host.withBackend(async (invoke) => {
    await invoke('workspace.unlock', { path: ws, passphrase });
    return invoke('scheme.export', { id, path: out, ...(version !== undefined ? { version } : {}) });
  });
  if (options.json) console.log(JSON.stringify(r));
  else console.log(`已导出 / Exported: ${id} 版本 version ${r.version} → ${r.path} (${r.bytes} bytes)`);
  return 0;
}

async function recognizersImport(argv: string[], host: SchemeCliHost): Promise<number> {
  const { options, positional } = parseArgs(argv, { values: ['path'], flags: ['json'] });
  const ws = host.requirePath(options);
  const file = existingFile(positional);
  const json = Boolean(options.json);
  const passphrase = await readPassphrase({ confirm: false });
  return withProblems(host, json, async () => {
    const v = await host.withBackend(async (invoke) => {
      await invoke('workspace.unlock', { path: ws, passphrase });
      return invoke('recognizer.importPackFile', { path: file });
    });
    if (json) console.log(JSON.stringify({ ok: true, packId: v.pack.id, version: v.pack.version, recognizers: v.pack.recognizers.length }));
    else console.log(`已导入识别器包 / Imported the recogniser pack: ${v.pack.id} ${v.pack.name} v${v.pack.version}（${v.pack.recognizers.length} 个识别器 recognisers in use）`);
    return 0;
  });
}

/** Runs a scheme or recognisers command; undefined when argv is not one. */
export async function runSchemeCommand(argv: string[], host: SchemeCliHost): Promise<number | undefined> {
  const [group, command, ...rest] = argv;
  if (group === 'scheme') {
    if (command === 'list') return schemeList(rest, host);
    if (command === 'import') return schemeImport(rest, host);
    if (command === 'activate') return schemeActivate(rest, host);
    if (command === 'export') return schemeExport(rest, host);
    throw new UsageError(`unknown command / 未知命令: scheme ${command ?? ''}`);
  }
  if (group === 'recognizers') {
    if (command === 'import') return recognizersImport(rest, host);
    throw new UsageError(`unknown command / 未知命令: recognizers ${command ?? ''}`);
  }
  return undefined;
}
