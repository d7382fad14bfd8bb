import { describe, expect, it } from 'vitest';
import { dropDownsOf, isFormulaLike, neutraliseForCsv, sheet2Row, toCsv, unneutraliseCsv } from '../../../main/domain/sheets/export';
import { SHEET2_COLUMNS, SHEET3_COLUMNS } from '../../../main/domain/sheets/layout';
import type { Entry } from '../../../main/domain/inventory';

describe('formula injection', () => {
  it('knows the first characters that make a spreadsheet run a cell', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(isFormulaLike(s)).toBe(true);
    for (const s of ['1-1', 'a=b', '', '（=）']) expect(isFormulaLike(s)).toBe(false);
  });

  it('prefixes such text with \' in CSV, and takes the prefix off on import', () => {
    expect(neutraliseForCsv('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(neutraliseForCsv('正常')).toBe('正常');
    expect(unneutraliseCsv(`'=HYPERLINK("x")`)).toBe('=HYPERLINK("x")');
    expect(unneutraliseCsv("'正常")).toBe("'正常");
    expect(toCsv([['=1+1', 'a,b', 'say "hi"', 3, null]])).toBe(`\uFEFF'=1+1,"a,b","say ""hi""",3,\r\n`);
  });
});

describe('rows of sheet 2', () => {
  it('are in the template order, with 序号, 参考级别 and 是否调整 written by the tool', () => {
    const e = {
      dataId: 'A-1', systemName: 'S', resourceName: 'R', itemName: 'I', level: '一般数据4级', suggestedLevel: '一般数据3级', recordCount: 5, personCount: null,
    } as unknown as Entry;
    const r = sheet2Row(e, 7);
    expect(r).toHaveLength(32);
    expect(r[0]).toBe(7);
    expect(r[1]).toBe('A-1');
    expect(r[16]).toBe('一般数据3级');
    expect(r[17]).toBe('一般数据4级');
    expect(r[18]).toBe('是');
    expect(r[22]).toBe(5);
    expect(r[23]).toBeNull();
  });

  it('have drop-downs for every closed list; multi-value lists do not refuse combinations', () => {
    const d2 = dropDownsOf(SHEET2_COLUMNS);
    expect(d2.map((d) => SHEET2_COLUMNS[d.column]!.header)).toEqual(['数据加工程度', '影响对象', '影响程度', '数据级别', '是否个人信息', '是否敏感个人信息', '数据来源', '存储位置', '共享属性', '开放属性', '更新频率']);
    expect(d2.find((d) => SHEET2_COLUMNS[d.column]!.key === 'impactObjects')!.multi).toBe(true);
    const d3 = dropDownsOf(SHEET3_COLUMNS);
    expect(d3.map((d) => SHEET3_COLUMNS[d.column]!.header)).toEqual(['数据级别', '数据载体', '数据来源', '处理方式', '是否出境', '安全保护措施', '所在系统等保级别']);
    for (const d of [...d2, ...d3]) expect(`"${d.list.join(',')}"`.length).toBeLessThanOrEqual(257);
  });
});
