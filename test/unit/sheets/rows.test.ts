import { describe, expect, it } from 'vitest';
import type { RawCell } from '../../../main/domain/sheets/cells';
import { mapHeaderRow } from '../../../main/domain/sheets/headers';
import { SHEET2_COLUMNS } from '../../../main/domain/sheets/layout';
import { checkImportedProfile, parseEntryRow, parseProfileSheet } from '../../../main/domain/sheets/rows';
import { diffEntry, sameValue } from '../../../main/domain/sheets/diff';
import { EMPTY_PROFILE } from '../../../main/domain/profile';
import { VALID_PROFILE } from '../../helpers/fixtures';

const header = mapHeaderRow('inventory', 2, SHEET2_COLUMNS.map((c) => c.header));
const ctx = { sheet: '数据分类分级清单', sheetKey: 'inventory' as const, header, date1904: false };
const H = (name: string) => SHEET2_COLUMNS.findIndex((c) => c.header === name);

function row(values: Record<string, RawCell>): RawCell[] {
  const cells: RawCell[] = [];
  for (const [k, v] of Object.entries(values)) cells[H(k)] = v;
  return cells;
}

const GOOD = {
  序号: 1, 数据编号: 'SYS01-T001-F001', 所属信息系统: '医院信息系统', 数据资源名称: '患者基本信息表', 数据项名称: '患者姓名', 数据描述: '患者的姓名',
  一级类别: '基础资源类', 二级类别: '个人属性', 数据级别: '一般数据3级', 是否个人信息: '是', '数据量（条）': '12,000', 最近复核日期: 46000, 责任部门: '信息中心', 责任人: '张伟',
};

describe('a sheet-2 row', () => {
  it('becomes EntryFields; only the columns in the file are present', () => {
    const r = parseEntryRow(ctx, 3, row(GOOD))!;
    expect(r.problems).toEqual([]);
    expect(r.fields).toMatchObject({ dataId: 'SYS01-T001-F001', itemName: '患者姓名', level: '一般数据3级', isPersonalInfo: '是', recordCount: 12000, reviewedAt: '2025-12-09' });
    expect(r.present.has('industry')).toBe(true);
    const narrow = mapHeaderRow('inventory', 1, ['数据编号', '所属信息系统', '数据资源名称', '数据项名称']);
    const n = parseEntryRow({ ...ctx, header: narrow }, 2, ['X-1', '系统', '表', '字段'])!;
    expect([...n.present]).toEqual(['dataId', 'systemName', 'resourceName', 'itemName']);
  });

  it('skips blank rows and rows holding nothing but their pre-printed 序号', () => {
    expect(parseEntryRow(ctx, 9, [])).toBeUndefined();
    expect(parseEntryRow(ctx, 9, row({ 序号: 17, 参考级别: '一般数据1级' }))).toBeUndefined();
  });

  it('points each problem at its cell: row, column letter, header, field, 数据编号', () => {
    const r = parseEntryRow(ctx, 7, row({ ...GOOD, 数据加工程度: '原始', 最近复核日期: '2025-02-30', '数据量（条）': -1, 是否个人信息: '也许' }))!;
    expect(r.blocking).toBe(true);
    expect(r.problems.map((p) => [p.row, p.column, p.header, p.code, p.severity])).toEqual([
      [7, 'N', '数据加工程度', 'VALUE_NOT_IN_LIST', 'blocking'],
      [7, 'U', '是否个人信息', 'YESNO_INVALID', 'blocking'],
      [7, 'W', '数据量（条）', 'NUMBER_NEGATIVE', 'blocking'],
      [7, 'AF', '最近复核日期', 'DATE_INVALID', 'blocking'],
    ]);
    expect(r.problems[0]).toMatchObject({ sheet: '数据分类分级清单', field: 'processingDegree', dataId: 'SYS01-T001-F001' });
    expect(r.problems[0]!.message_zh).toBe('“数据加工程度”的值“原始”不在代码表中（可选：原始数据、衍生数据、统计数据、脱敏数据）');
    expect(r.problems[0]!.message_en).toContain('processing degree');
  });

  it('blocks a row without 数据编号, 所属信息系统 or 数据资源名称; warns for what can be completed later', () => {
    const r = parseEntryRow(ctx, 4, row({ ...GOOD, 数据编号: '', 责任人: '', 数据级别: '' }))!;
    expect(r.problems.map((p) => [p.column, p.code, p.severity])).toEqual([
      ['B', 'REQUIRED_MISSING', 'blocking'],
      ['AE', 'RECOMMENDED_MISSING', 'warning'],
      ['R', 'LEVEL_EMPTY', 'warning'],
    ]);
  });

  it('refuses sensitive personal information marked as not personal information', () => {
    const r = parseEntryRow(ctx, 5, row({ ...GOOD, 是否个人信息: '否', 是否敏感个人信息: '是' }))!;
    expect(r.problems).toEqual([expect.objectContaining({ code: 'SENSITIVE_WITHOUT_PI', column: 'U' })]);
  });

  it('reports a formula error with its value, and keeps a category code stored as a number', () => {
    const r = parseEntryRow(ctx, 6, row({ ...GOOD, 数据描述: { error: '#N/A' }, 分类编码: 2.1 }))!;
    expect(r.problems).toEqual([expect.objectContaining({ code: 'FORMULA_ERROR', column: 'G' })]);
    expect(r.problems[0]!.message_zh).toContain('#N/A');
    expect(r.fields.categoryCode).toBe('2.1');
    expect(r.categoryCodeNumber).toBe(2.1);
  });
});

describe('diff against the workspace', () => {
  it('compares only the present fields, as stored (normalised)', () => {
    const r = parseEntryRow(ctx, 3, row(GOOD))!;
    const current = { ...r.fields, systemName: '医院信息系统', description: '患者的姓名', ownerPerson: '王芳', recordCount: 12000 };
    expect(diffEntry(r.fields, r.present, current)).toEqual([{ field: 'ownerPerson', header: '责任人', before: '王芳', after: '张伟' }]);
    expect(sameValue('医院信息系统（HIS）', '医院信息系统(HIS)')).toBe(true);
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue(0, null)).toBe(false);
  });
});

describe('sheet 1: label and value', () => {
  const rows = [
    { row: 1, cells: ['填报单位信息'] },
    { row: 2, cells: ['单位名称', VALID_PROFILE.unitName] },
    { row: 3, cells: ['统一社会信用代码 ', VALID_PROFILE.uscc] },
    { row: 4, cells: ['填报日期', 46023] },
    { row: 5, cells: ['负责人电话', '12345'] },
    { row: 6, cells: ['单位类型', null, '机关'] },
  ] as { row: number; cells: RawCell[] }[];

  it('finds labels and their values (dates as Excel serials too)', () => {
    const p = parseProfileSheet(rows, false);
    expect(p.values).toEqual({ unitName: VALID_PROFILE.unitName, uscc: VALID_PROFILE.uscc, filingDate: '2026-01-01', officerPhone: '12345', unitType: '机关' });
    expect(p.cells.unitType).toEqual({ row: 6, column: 'C', label: '单位类型' });
  });

  it('checks the values as the profile form does, pointing at the cell', () => {
    const p = parseProfileSheet(rows, false);
    const c = checkImportedProfile(p, { ...EMPTY_PROFILE }, '填报单位信息');
    expect(c.blocking).toBe(true);
    expect(c.problems.find((x) => x.field === 'officerPhone')).toMatchObject({ code: 'PROFILE_INVALID', row: 5, column: 'B', severity: 'blocking' });
    expect(c.changed).toEqual(expect.arrayContaining(['unitName', 'uscc', 'filingDate', 'unitType']));
  });
});
