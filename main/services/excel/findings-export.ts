/**
 * The quality findings as a workbook (质量检查问题清单), for the officer who fixes the sheet in
 * Excel or hands it to a colleague: one row per finding with its dimension, severity, rule code,
 * the cell it is about as it sits in the exported template (sheet, row, column, e.g.
 * “数据分类分级清单!F12”), the 数据编号 and the message in Chinese and English; a second sheet
 * with the scores per dimension and overall. Rows are numbered as `export` numbers them, so a
 * pointer finds its cell in a template exported at the same time.
 */
import type { DimensionScores, Finding, QualityDimension, Severity } from '../../domain/quality';
import { QUALITY_DIMENSIONS } from '../../domain/quality';
import { columnLetter, SHEET2_COLUMNS, SHEET3_COLUMNS, SHEET_NAMES } from '../../domain/sheets/layout';
import type { OutCell } from '../../domain/sheets/export';
import type { OutProps, OutSheet } from './xlsx-write';

export const FINDINGS_SHEET = '质量检查问题清单';
export const SCORES_SHEET = '质量评分';

const DIMENSION_ZH: Record<QualityDimension | 'overall', string> = {
  completeness: '完整性', consistency: '一致性', conformity: '规范性', timeliness: '时效性', overall: '总体',
};
const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告' };

export const FINDINGS_HEADER = [
  '序号', '维度', '严重程度', '规则代码', '工作表', '行号', '列', '字段', '位置', '数据编号', '问题说明', 'Description (English)',
] as const;

export interface FindingsInput {
  findings: readonly Finding[];
  scores: DimensionScores;
  errors: number;
  warnings: number;
  checkedAt: string;
  /** Sheet-2 row number of each entry (as the template export numbers them). */
  entryRows: ReadonlyMap<number, number>;
  /** Sheet-3 row number of each listed resource. */
  catalogRows: ReadonlyMap<number, number>;
  unit: string;
  now: Date;
  appVersion: string;
}

const COL2 = new Map(SHEET2_COLUMNS.map((c, i) => [c.key as string, { header: c.header, letter: columnLetter(i) }]));
const COL3 = new Map(SHEET3_COLUMNS.map((c, i) => [c.key as string, { header: c.header, letter: columnLetter(i) }]));

/** Where a finding sits in the exported template. */
export function findingPointer(f: Finding, entryRows: ReadonlyMap<number, number>, catalogRows: ReadonlyMap<number, number>) {
  const sheet = f.sheet === 3 ? SHEET_NAMES.catalog : SHEET_NAMES.inventory;
  const row = f.sheet === 3 ? (f.resourceId !== undefined ? catalogRows.get(f.resourceId) : undefined) : f.entryId !== undefined ? entryRows.get(f.entryId) : f.resourceId !== undefined ? entryRows.get(f.resourceId) : undefined;
  const col = f.field ? (f.sheet === 3 ? COL3 : COL2).get(f.field) : undefined;
  const cell = row !== undefined ? `${sheet}!${col ? col.letter : 'A'}${row}` : '';
  return { sheet, row: row ?? null, column: col?.letter ?? '', header: col?.header ?? f.field ?? '', cell: col || row === undefined ? cell : `${sheet}!${row}:${row}` };
}

export function buildFindingsExport(input: FindingsInput): { sheets: OutSheet[]; props: OutProps } {
  function* rows(): Generator<OutCell[]> {
    let seq = 0;
    for (const f of input.findings) {
      const p = findingPointer(f, input.entryRows, input.catalogRows);
      yield [++seq, DIMENSION_ZH[f.dimension], SEVERITY_ZH[f.severity], f.code, p.sheet, p.row, p.column, p.header, p.cell, f.dataId ?? '', f.message_zh, f.message_en];
    }
  }
  const scoreRows: OutCell[][] = [
    ...(['overall', ...QUALITY_DIMENSIONS] as const).map((d) => [DIMENSION_ZH[d], d, Math.round(input.scores[d] * 10) / 10]),
    ['错误数', 'errors', input.errors],
    ['警告数', 'warnings', input.warnings],
    ['检查时间', 'checked at', input.checkedAt],
  ];
  const stamp = input.now.toISOString();
  const hf = { left: input.unit, right: `导出时间：${stamp.slice(0, 16).replace('T', ' ')}`, footerLeft: 'DataSteward 质量检查问题清单' };
  return {
    sheets: [
      { name: FINDINGS_SHEET, widths: [7, 9, 9, 30, 18, 7, 5, 16, 26, 16, 60, 60], header: FINDINGS_HEADER, rows: rows(), headerFooter: hf },
      { name: SCORES_SHEET, widths: [14, 16, 12], header: ['维度', 'Dimension', '得分 / Score'], rows: scoreRows, headerFooter: hf },
    ],
    props: {
      title: `质量检查问题清单 — ${input.unit}`,
      subject: '质量检查问题清单',
      author: input.unit,
      company: input.unit,
      keywords: '质量检查;数据分类分级;DataSteward',
      description: `由 DataSteward 于 ${stamp} 导出的质量检查问题清单（${input.findings.length} 条）`,
      created: input.now,
      custom: { 填报单位: input.unit, 导出时间: stamp, 导出工具: `DataSteward ${input.appVersion}`, 问题条数: String(input.findings.length) },
    },
  };
}
