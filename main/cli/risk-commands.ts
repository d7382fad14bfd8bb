/**
 * CLI command for the annual data security risk assessment report:
 *   report --path P --year YYYY --out FILE.docx|FILE.pdf [--force] [--watermark TEXT] [--json]
 * A year without an assessment project is reported as a draft on the important and core
 * resources (the report says 草稿). Exit 0 written, 1 domain error, 2 bad usage.
 */
import path from 'node:path';
import type { CliHost } from './package-commands';
import { parseArgs, UsageError } from './args';
import { readPassphrase } from './passphrase';

export const RISK_HELP = `  datasteward report --path FILE --year YYYY --out REPORT.docx|REPORT.pdf [--force] [--watermark TEXT] [--json]
      生成年度数据安全风险评估报告（条例第三十三条七部分，含表格和风险热力图）；该年度尚无评估项目时，
      按重要数据和核心数据生成草稿并标明“草稿”。PDF 需要 Chromium（可用 DATASTEWARD_CHROMIUM 指定）。
      Writes the annual data security risk assessment report (the seven parts of art. 33, tables, heat
      map). A year without an assessment project gets a draft on the important and core resources,
      marked 草稿. PDF needs Chromium (DATASTEWARD_CHROMIUM names it); .docx always works.
`;

export async function runRiskCommand(argv: string[], host: CliHost): Promise<number | undefined> {
  if (argv[0] !== 'report') return undefined;
  const { options } = parseArgs(argv.slice(1), { values: ['path', 'year', 'out', 'watermark'], flags: ['force', 'json'] });
  const file = host.requirePath(options);
  const year = typeof options.year === 'string' && /^\d{4}$/.test(options.year) ? Number(options.year) : NaN;
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError('--year YYYY is required (2000–2100) / 需要 --year（四位年份）');
  if (typeof options.out !== 'string') throw new UsageError('--out FILE.docx|FILE.pdf is required / 需要 --out');
  const out = path.resolve(options.out);
  const ext = path.extname(out).toLowerCase();
  if (ext !== '.docx' && ext !== '.pdf') throw new UsageError('--out must end in .docx or .pdf / --out 应以 .docx 或 .pdf 结尾');
  const passphrase = await readPassphrase({ confirm: false });
  const r = await host.withBackend(async (invoke) => {
    await invoke('workspace.unlock', { path: file, passphrase });
    return invoke('risk.report.generateForYear', {
      year,
      format: ext === '.pdf' ? 'pdf' : 'docx',
      path: out,
      overwrite: options.force === true,
      ...(typeof options.watermark === 'string' ? { watermark: options.watermark } : {}),
    });
  });
  if (options.json === true) console.log(JSON.stringify(r));
  else {
    console.log(`已生成 / Written: ${r.path} (${r.bytes} bytes, ${r.ms} ms)`);
    if (r.draft) console.log(`${year} 年度尚无评估项目：报告为草稿 / No assessment project for ${year}: the report is a draft.`);
    console.log(`SM3: ${r.sm3}`);
  }
  return 0;
}
