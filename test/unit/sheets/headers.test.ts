import { describe, expect, it } from 'vitest';
import { findHeaderRow, headerKey, mapHeaderRow, matchHeader, sheetByName } from '../../../main/domain/sheets/headers';
import { columnIndex, columnLetter, SHEET2_COLUMNS, SHEET3_COLUMNS } from '../../../main/domain/sheets/layout';

describe('template layout', () => {
  it('has the 32 columns of sheet 2 and the 27 of sheet 3 in the template’s order', () => {
    expect(SHEET2_COLUMNS.map((c) => c.header)).toEqual([
      '序号', '数据编号', '所属信息系统', '数据资源名称', '数据项名称', '数据项编码', '数据描述', '行业领域', '一级类别', '二级类别', '三级类别', '四级类别',
      '分类编码', '数据加工程度', '影响对象', '影响程度', '参考级别', '数据级别', '是否调整', '定级理由', '是否个人信息', '是否敏感个人信息', '数据量（条）',
      '涉及人数', '数据来源', '存储位置', '共享属性', '开放属性', '更新频率', '责任部门', '责任人', '最近复核日期',
    ]);
    expect(SHEET3_COLUMNS.map((c) => c.header)).toEqual([
      '序号', '数据编号', '数据名称', '数据类别', '数据级别', '数据描述', '数据载体', '数据来源', '数据量（条）', '数据量（GB）', '涉及人数', '覆盖范围',
      '时间跨度', '处理目的', '处理方式', '使用范围', '对外提供或委托处理情况', '是否出境', '出境安全评估情况', '存储期限', '安全保护措施',
      '所在系统等保级别', '识别依据', '识别日期', '责任部门', '责任人', '联系电话',
    ]);
  });

  it('names columns as Excel does', () => {
    expect([0, 25, 26, 31, 701, 702, 16383].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AF', 'ZZ', 'AAA', 'XFD']);
    expect(['A', 'AF', 'XFD'].map(columnIndex)).toEqual([0, 31, 16383]);
  });
});

describe('header matching', () => {
  it('compares headers without width, spaces, line breaks or required marks', () => {
    expect(headerKey('数据量(条)')).toBe(headerKey('数据量（条）'));
    expect(headerKey(' 数据\n编号 *')).toBe(headerKey('数据编号'));
    expect(headerKey('数据编号（必填）')).toBe(headerKey('数据编号'));
    expect(headerKey('★数据级别：')).toBe(headerKey('数据级别'));
  });

  it('knows the synonyms officers use, without one column shadowing another', () => {
    expect(matchHeader('inventory', '字段名称')).toBe('itemName');
    expect(matchHeader('inventory', '信息系统名称')).toBe('systemName');
    expect(matchHeader('inventory', '数据量')).toBe('recordCount');
    expect(matchHeader('inventory', '数据编号')).toBe('dataId');
    expect(matchHeader('inventory', '备注')).toBeUndefined();
    expect(matchHeader('catalog', '数据量（GB）')).toBe('volumeGb');
    expect(matchHeader('catalog', '数据载体（系统）')).toBe('carrierSystem');
  });

  it('finds the header row below a title row, and tells sheet 2 from sheet 3 by its headers', () => {
    const title = { row: 1, cells: ['某某医院数据分类分级清单'] };
    const blank = { row: 2, cells: [] };
    const h2 = { row: 3, cells: [null, ...SHEET2_COLUMNS.map((c) => c.header)] };
    expect(findHeaderRow([title, blank, h2])).toEqual({ sheet: 'inventory', row: 3, score: 32 });
    const h3 = { row: 2, cells: SHEET3_COLUMNS.map((c) => c.header) };
    expect(findHeaderRow([title, h3])).toMatchObject({ sheet: 'catalog', row: 2 });
    expect(findHeaderRow([title, { row: 2, cells: ['姓名', '电话', '部门'] }])).toBeUndefined();
  });

  it('maps a header row: columns by key, duplicates and unknown headers reported', () => {
    const m = mapHeaderRow('inventory', 1, ['序号', '数据编号', '所属信息系统', '备注', '数据编号']);
    expect(m.columns.get('dataId')).toBe(1);
    expect(m.duplicates).toEqual([{ key: 'dataId', index: 4 }]);
    expect(m.ignored).toEqual([{ index: 3, header: '备注' }]);
  });

  it('recognises the template’s sheet names and their usual variants', () => {
    expect(sheetByName('数据分类分级清单')).toBe('inventory');
    expect(sheetByName('附表2-数据分类分级清单')).toBe('inventory');
    expect(sheetByName(' 重要数据目录 ')).toBe('catalog');
    expect(sheetByName('表1 填报单位信息')).toBe('unit');
    expect(sheetByName('Sheet1')).toBeUndefined();
  });
});
