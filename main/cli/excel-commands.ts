/**
 * CLI commands for the Excel round trip with the bureau's template:
 *   import --path P FILE [--dry-run] [--json] [--remove-missing] [--skip-blocking]
 *   export --path P --out FILE [--catalog-only] [--csv] [--findings] [--force] [--json]
 * import exits 0 when the file could be (or was) imported, 1 when it has blocking problems (or
 * cannot be read as the template), 2 on bad usage.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../api/contract';
import type { ErrorInfo } from '../domain/errors';
import type { ImportPreview } from '../domain/sheets/results';
import { parseArgs, UsageError } from './args';
import { mappedImport } from './mapping-commands';
import { readPassphrase } from './passphrase';

export const EXCEL_HELP = `  datasteward import --path FILE SHEET.xlsx|.xls|.csv [--dry-run] [--json] [--remove-missing] [--skip-blocking]
      按区数据局备案模板导入（先预览再写入，全部写入或全部不写）。--dry-run 只预览；--json 输出
      { ok, counts: { added, changed, removed, unchanged, skipped },
        problems: [ { sheet, row, column, header, code, severity, message, message_en } ] }。
      --remove-missing 删除文件中没有的条目（可撤销）；--skip-blocking 跳过有阻断性问题的行。
      可导入退出码 0，有阻断性问题 1，用法错误 2。
      Imports the bureau's template (previewed, then written all at once or not at all). --dry-run
      only previews; --json prints the object above. Exit 0 importable, 1 blocking problems, 2 usage.
      --mapping NAME：按在列映射向导中保存的映射导入其他格式的表格 / import any sheet through a saved column mapping.
  datasteward export --path FILE --out OUT.xlsx|OUT.csv [--catalog-only] [--csv] [--findings] [--force] [--json]
      导出为区数据局备案模板（.xlsx，含下拉列表），或清单 / 重要数据目录的 CSV（UTF-8 带 BOM）；
      --findings 导出质量检查问题清单（.xlsx：每个问题的维度、严重程度、代码、位置、说明，以及评分）。
      Exports the bureau's template (.xlsx with drop-downs), or sheet 2 / the catalog as CSV;
      --findings exports the quality findings report (.xlsx with pointers and the scores).
`;

type Invoke = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

export interface ExcelCliHost {
  withBackend<T>(fn: (invoke: Invoke) => Promise<T>): Promise<T>;
  requirePath(opts: Record<string, string | true>): string;
  isDomainFailure(e: unknown): e is Error & { info: ErrorInfo };
}

interface JsonProblem {
  sheet: string;
  row: number;
  column: string;
  header: string;
  code: string;
  severity: 'blocking' | 'warning';
  message: string;
  message_en: string;
}

const jsonProblems = (p: ImportPreview): JsonProblem[] =>
  p.problems.map((x) => ({ sheet: x.sheet, row: x.row, column: x.column, header: x.header, code: x.code, severity: x.severity, message: x.message_zh, message_en: x.message_en }));

function printPreview(p: ImportPreview): void {
  const c = p.counts;
  console.log(`文件 / File: ${p.file.name} (${p.file.format}${p.file.encoding ? `, ${p.file.encoding}` : ''})`);
  for (const s of p.sheets) console.log(`  工作表 / Sheet “${s.name}”: ${s.rows} 行 rows${s.headerRow ? `, 表头在第 ${s.headerRow} 行 header row ${s.headerRow}` : ''}`);
  console.log(`清单 / Inventory: 新增 ${c.added} added, 修改 ${c.changed} changed, 未变 ${c.unchanged} unchanged, 文件中没有 ${c.removed} absent, 跳过 ${c.skipped} skipped`);
  const k = p.catalogCounts;
  if (p.sheets.some((s) => s.key === 'catalog')) console.log(`重要数据目录 / Catalog: 新增 ${k.added} added, 修改 ${k.changed} changed, 未变 ${k.unchanged} unchanged, 跳过 ${k.skipped} skipped`);
  if (p.profileChanges.length > 0) console.log(`填报单位信息 / Unit: ${p.profileChanges.map((x) => x.header).join('、')}`);
  if (p.problems.length > 0) {
    console.log(`问题 / Problems: ${p.blocking} 个阻断 blocking, ${p.warnings} 个提示 warnings`);
    for (const x of p.problems.slice(0, 200)) {
      const where = [x.sheet, x.row ? `第 ${x.row} 行` : '', x.column ? `${x.column} 列（${x.header}）` : x.header].filter(Boolean).join(' ');
      console.log(`  [${x.severity === 'blocking' ? '阻断' : '提示'}] ${where}: ${x.message_zh} [${x.code}]`);
    }
    if (p.problemsTotal > 200) console.log(`  … 另有 ${p.problemsTotal - 200} 个 / ${p.problemsTotal - 200} more (--json lists them all)`);
  }
}

async function importCommand(argv: string[], host: ExcelCliHost): Promise<number> {
  const { options, positional } = parseArgs(argv, { values: ['path', 'mapping'], flags: ['dry-run', 'json', 'remove-missing', 'skip-blocking'] });
  const ws = host.requirePath(options);
  if (positional.length !== 1) throw new UsageError('one spreadsheet file is required / 需要一个表格文件');
  const file = path.resolve(positional[0]!);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`no such file / 文件不存在: ${file}`);
  if (options.mapping && options['remove-missing']) throw new UsageError('--remove-missing cannot be used with --mapping / --mapping 不能与 --remove-missing 同用');
  const json = Boolean(options.json);
  const passphrase = await readPassphrase({ confirm: false });
  try {
    return await host.withBackend(async (invoke) => {
      await invoke('workspace.unlock', { path: ws, passphrase });
      const mapped = typeof options.mapping === 'string' ? await mappedImport(invoke, file, options.mapping) : undefined;
      const preview = mapped ? await mapped.dryRun() : await invoke('excel.dryRun', { path: file });
      const counts = { added: preview.counts.added, changed: preview.counts.changed, removed: preview.counts.removed, unchanged: preview.counts.unchanged, skipped: preview.counts.skipped };
      const blocked = preview.blocking > 0 && !options['skip-blocking'];
      if (options['dry-run'] || blocked) {
        if (json) console.log(JSON.stringify({ ok: preview.importable, dryRun: true, counts, catalogCounts: preview.catalogCounts, problems: jsonProblems(preview) }, null, 2));
        else {
          printPreview(preview);
          if (blocked && !options['dry-run']) console.log('有阻断性问题，未导入任何内容（可用 --skip-blocking 跳过这些行）/ Blocking problems: nothing was imported (--skip-blocking skips those rows)');
        }
        return preview.importable ? 0 : 1;
      }
      const result = mapped
        ? await mapped.commit(preview.token, Boolean(options['skip-blocking']))
        : await invoke('excel.commit', { path: file, token: preview.token, removeMissing: Boolean(options['remove-missing']), skipBlockingRows: Boolean(options['skip-blocking']) });
      const done = { added: result.entries.added, changed: result.entries.changed, removed: result.entries.removed, unchanged: result.entries.unchanged, skipped: result.entries.skipped };
      if (json) console.log(JSON.stringify({ ok: true, dryRun: false, counts: done, catalogCounts: result.catalog, profileChanged: result.profileChanged, batchId: result.batchId, digest: result.digest, problems: jsonProblems(preview) }, null, 2));
      else {
        printPreview(preview);
        console.log(`已导入 / Imported: 新增 ${done.added}, 修改 ${done.changed}, 删除 ${done.removed}, 跳过 ${done.skipped}（可在清单中撤销 / undoable in the inventory）`);
      }
      return 0;
    });
  } catch (e) {
    // A file that cannot be read as the template: the same JSON shape, one problem about the file.
    if (json && host.isDomainFailure(e)) {
      console.log(JSON.stringify({ ok: false, counts: { added: 0, changed: 0, removed: 0, unchanged: 0, skipped: 0 }, problems: [{ sheet: '', row: 0, column: '', header: '', code: e.info.code, severity: 'blocking', message: e.info.message_zh, message_en: e.info.message_en }] }, null, 2));
      return 1;
    }
    throw e;
  }
}

async function exportCommand(argv: string[], host: ExcelCliHost): Promise<number> {
  const { options } = parseArgs(argv, { values: ['path', 'out'], flags: ['catalog-only', 'csv', 'findings', 'force', 'json'] });
  const ws = host.requirePath(options);
  if (typeof options.out !== 'string') throw new UsageError('--out is required / 需要 --out');
  const out = path.resolve(options.out);
  if (fs.existsSync(out) && !options.force) throw new UsageError(`file exists (use --force to overwrite) / 文件已存在（覆盖请加 --force）: ${out}`);
  if (!fs.existsSync(path.dirname(out))) throw new UsageError(`no such folder / 文件夹不存在: ${path.dirname(out)}`);
  if (options.findings && (options.csv || options['catalog-only'])) throw new UsageError('--findings writes an .xlsx of its own: no --csv or --catalog-only / --findings 不能与 --csv、--catalog-only 同用');
  const format = options.csv || out.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
  const passphrase = await readPassphrase({ confirm: false });
  if (options.findings) {
    const f = await host.withBackend(async (invoke) => {
      await invoke('workspace.unlock', { path: ws, passphrase });
      return invoke('excel.exportFindings', { path: out });
    });
    if (options.json) console.log(JSON.stringify(f));
    else console.log(`已导出质量检查问题清单 / Exported the findings report: ${f.path}（${f.findings} 个问题 findings：错误 ${f.errors} errors，警告 ${f.warnings} warnings；总分 overall ${f.scores.overall}）`);
    return 0;
  }
  const r = await host.withBackend(async (invoke) => {
    await invoke('workspace.unlock', { path: ws, passphrase });
    return invoke('excel.export', { path: out, catalogOnly: Boolean(options['catalog-only']), format });
  });
  if (options.json) console.log(JSON.stringify(r));
  else console.log(`已导出 / Exported: ${r.path}（清单 ${r.rows.inventory} 行 rows，重要数据目录 ${r.rows.catalog} 行 rows，${r.bytes} 字节 bytes，${r.ms} ms）`);
  return 0;
}

/** Runs `import` and `export`; undefined for any other command. */
export async function runExcelCommand(argv: string[], host: ExcelCliHost): Promise<number | undefined> {
  const [group, ...rest] = argv;
  if (group === 'import') return importCommand(rest, host);
  if (group === 'export') return exportCommand(rest, host);
  return undefined;
}
