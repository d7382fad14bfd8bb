import { describe, expect, it } from 'vitest';
import { columnLetter } from '../../main/domain/sheets/layout';
import {
  codeListOf, guessHeaderRow, headerSignatureText, mappingRulesSchema, matchColumnHeader, parseMappingSynonyms, proposalsFromSaved, proposeColumns,
  proposeValue, valueKey,
} from '../../main/domain/sheets/mapping';
import { addMissingResources, madeDataId, mappedHeader, mapRow, splitHierarchy } from '../../main/domain/sheets/mapping-rows';
import { MAPPING_SYNONYMS as SYN } from '../../main/services/excel/mapping-synonyms';
import table from '../../resources/mapping-synonyms.json';

describe('mapping synonyms table (resources/mapping-synonyms.json)', () => {
  it('loads, and every value code is in its target list', () => {
    expect(SYN.headers.itemName).toContain('字段名');
    expect(() => parseMappingSynonyms({ ...table, values: { level: { 一般数据5级: ['五级'] } } })).toThrow(/一般数据5级/);
    expect(() => parseMappingSynonyms({ ...table, values: { itemName: { x: ['y'] } } })).toThrow(/no code list/);
    expect(() => parseMappingSynonyms({ ...table, format: 'other' })).toThrow();
  });
});

describe('column headers → fields', () => {
  it('the template header itself is certain; a template synonym, a table synonym and a partial match less so', () => {
    expect(matchColumnHeader('数据项名称', SYN)).toEqual({ target: 'itemName', confidence: 1, basis: 'header' });
    expect(matchColumnHeader(' 字段名称 ', SYN)).toEqual({ target: 'itemName', confidence: 0.95, basis: 'template-synonym' });
    expect(matchColumnHeader('字段名', SYN)).toEqual({ target: 'itemName', confidence: 0.95, basis: 'template-synonym' });
    expect(matchColumnHeader('敏感级别', SYN)).toEqual({ target: 'level', confidence: 0.9, basis: 'synonym' });
    expect(matchColumnHeader('安全级别', SYN).target).toBe('level');
    expect(matchColumnHeader('分级', SYN).target).toBe('level');
    expect(matchColumnHeader('表中文名', SYN).target).toBe('resourceName');
    // Full-width brackets, a * mark: still the template header.
    expect(matchColumnHeader('*数据量(条)', SYN)).toMatchObject({ target: 'recordCount', confidence: 1 });
    const partial = matchColumnHeader('是否敏感个人信息（是/否）', SYN);
    expect(partial.target).toBe('isSensitivePersonalInfo');
    expect(partial.basis).toBe('partial');
    expect(partial.confidence).toBeGreaterThan(0.5);
    expect(partial.confidence).toBeLessThan(0.9);
    expect(matchColumnHeader('颜色', SYN)).toEqual({ target: '', confidence: 0, basis: 'none' });
    expect(matchColumnHeader('', SYN).target).toBe('');
  });

  it('each field goes to one column only: the surest wins', () => {
    const p = proposeColumns(['序号', '表名', '字段名', '字段名称', '安全级别', '备注'], SYN);
    expect(p.map((x) => x.target)).toEqual(['', 'resourceName', 'itemName', '', 'level', '']);
    // 数据项名称 (the template's own) beats 字段名 (a synonym) even though it comes later.
    const q = proposeColumns(['字段名', '数据项名称'], SYN);
    expect(q.map((x) => x.target)).toEqual(['', 'itemName']);
  });

  it('a saved mapping is proposed as it was saved', () => {
    const rules = mappingRulesSchema.parse({ columns: [{ column: 1, target: 'itemName' }] });
    expect(proposalsFromSaved(['a', 'b', 'c'], rules)).toEqual([
      { target: '', confidence: 0, basis: 'none' },
      { target: 'itemName', confidence: 1, basis: 'saved' },
      { target: '', confidence: 0, basis: 'none' },
    ]);
  });

  it('the header signature ignores spaces, width and marks, not order', () => {
    expect(headerSignatureText(['字段名 ', '（必填）级别'])).toBe(headerSignatureText(['字段名', '级别']));
    expect(headerSignatureText(['ＡＢ'])).toBe(headerSignatureText(['ab']));
    expect(headerSignatureText(['a', 'b'])).not.toBe(headerSignatureText(['b', 'a']));
  });
});

describe('header row of an arbitrary sheet', () => {
  it('skips a title row and finds the row naming known fields', () => {
    const rows = [
      { row: 1, cells: ['某某医院数据资产台账（2025年）'] },
      { row: 3, cells: ['系统', '表名', '字段名', '安全级别'] },
      { row: 4, cells: ['HIS', '患者表', '姓名', '三级'] },
    ];
    expect(guessHeaderRow(rows, SYN)).toBe(3);
  });
  it('a sheet with unknown headers: the row with the most text cells', () => {
    expect(guessHeaderRow([{ row: 1, cells: ['x'] }, { row: 2, cells: ['甲', '乙', '丙'] }, { row: 3, cells: [1, 2, 3] }], SYN)).toBe(2);
  });
  it('uses the template detection when the sheet is the template', () => {
    expect(guessHeaderRow([{ row: 1, cells: ['标题'] }, { row: 2, cells: ['数据编号', '所属信息系统', '数据资源名称', '数据项名称', '数据级别'] }], SYN)).toBe(2);
  });
});

describe('code-list values → codes', () => {
  it('exact, normalised, then synonyms', () => {
    expect(proposeValue('level', '一般数据3级', SYN)).toEqual({ code: '一般数据3级', confidence: 1, basis: 'exact' });
    expect(proposeValue('level', '一般数据三级', SYN)).toMatchObject({ code: '一般数据3级', basis: 'normalised' });
    expect(proposeValue('level', '一般数据３级 ', SYN)).toMatchObject({ code: '一般数据3级', basis: 'normalised' });
    for (const v of ['三级', '3级', 'L3', 'l3', '第三级', 'Ｌ３']) expect(proposeValue('level', v, SYN)).toMatchObject({ code: '一般数据3级', basis: 'synonym' });
    expect(proposeValue('level', '核心', SYN).code).toBe('核心数据');
    expect(proposeValue('storageLocation', '云平台', SYN).code).toBe('政务云');
    expect(proposeValue('updateFrequency', '每天', SYN).code).toBe('每日');
    expect(proposeValue('isPersonalInfo', 'Y', SYN)).toMatchObject({ code: '是' });
    expect(proposeValue('isPersonalInfo', '不涉及', SYN).code).toBe('否');
    expect(proposeValue('level', '机密', SYN)).toEqual({ code: '', confidence: 0, basis: 'none' });
    expect(proposeValue('itemName', '姓名', SYN).code).toBe('');
  });
  it('which targets have a code list', () => {
    expect(codeListOf('level')).toContain('一般数据4级');
    expect(codeListOf('impactObjects')).toContain('个人权益');
    expect(codeListOf('isPersonalInfo')).toEqual(['是', '否']);
    expect(codeListOf('itemName')).toBeUndefined();
    expect(codeListOf('hierarchy')).toBeUndefined();
    expect(valueKey(' Ｌ 3 ')).toBe('L3');
  });
});

describe('the mapping rules', () => {
  it('refuse a column or a field used twice, and a code that is not in the list', () => {
    expect(mappingRulesSchema.safeParse({ columns: [{ column: 0, target: 'itemName' }, { column: 0, target: 'level' }] }).success).toBe(false);
    expect(mappingRulesSchema.safeParse({ columns: [{ column: 0, target: 'itemName' }, { column: 1, target: 'itemName' }] }).success).toBe(false);
    expect(mappingRulesSchema.safeParse({ columns: [], values: { level: { 三级: '三级' } } }).success).toBe(false);
    expect(mappingRulesSchema.safeParse({ columns: [], values: { itemName: { a: 'b' } } }).success).toBe(false);
    expect(mappingRulesSchema.safeParse({ columns: [], dataIdPrefix: 'a b' }).success).toBe(false);
    const ok = mappingRulesSchema.parse({ columns: [{ column: 2, target: 'level' }], values: { level: { 三级: '一般数据3级', 未知: '' } } });
    expect(ok.defaults).toEqual({ systemName: '', resourceName: '' });
    expect(ok.dataIdPrefix).toBe('MAP');
  });
});

describe('rows through a mapping', () => {
  const rules = mappingRulesSchema.parse({
    columns: [
      { column: 0, target: 'resourceName' },
      { column: 1, target: 'itemName' },
      { column: 3, target: 'level' },
      { column: 4, target: 'isPersonalInfo' },
    ],
    values: { level: { [valueKey('三级')]: '一般数据3级', L4: '一般数据4级' }, isPersonalInfo: { 有: '是' } },
    defaults: { systemName: '医院信息系统' },
  });
  const headerCells = ['表名', '字段名', '备注', '安全级别', '个人信息'];
  const sheet = mappedHeader(rules, 2, headerCells);
  const ctx = { sheet: '台账', sheetKey: 'inventory' as const, header: sheet.header, date1904: false };
  const none = () => undefined;

  it('maps values, fills the system from the defaults, makes a stable 数据编号', () => {
    const r = mapRow(sheet, ctx, 3, ['患者表', '姓名', 'x', '三级', '有'], { lookup: none })!;
    expect(r.fields).toMatchObject({ systemName: '医院信息系统', resourceName: '患者表', itemName: '姓名', level: '一般数据3级', isPersonalInfo: '是' });
    expect(r.fields.dataId).toBe(madeDataId('MAP', '医院信息系统', '患者表', '姓名'));
    expect(r.fields.dataId).toMatch(/^MAP-[0-9A-Z]{7}-[0-9A-Z]{7}$/);
    expect(r.problems.filter((p) => p.severity === 'blocking')).toEqual([]);
    // The workspace's own ID for an entry it already has.
    expect(mapRow(sheet, ctx, 3, ['患者表', '姓名', 'x', '三级', '有'], { lookup: (s, res, it) => (it === '姓名' ? 'SYS01-T1-F1' : undefined) })!.fields.dataId).toBe('SYS01-T1-F1');
  });

  it('an unmapped value is refused at its own cell of the source sheet', () => {
    const r = mapRow(sheet, ctx, 7, ['患者表', '住址', '', '机密', ''], { lookup: none })!;
    const p = r.problems.find((x) => x.code === 'VALUE_NOT_IN_LIST')!;
    expect(p).toMatchObject({ sheet: '台账', row: 7, column: 'D', header: '安全级别', field: 'level', severity: 'blocking' });
  });

  it('a blank row is skipped; a missing resource name points at its column, a missing ID at none', () => {
    expect(mapRow(sheet, ctx, 8, ['', '', 'only a note', '', ''], { lookup: none })).toBeUndefined();
    const r = mapRow(sheet, ctx, 9, ['', '电话', '', '', ''], { lookup: none })!;
    expect(r.problems.find((p) => p.field === 'resourceName')).toMatchObject({ code: 'REQUIRED_MISSING', column: 'A' });
    const id = r.problems.find((p) => p.field === 'dataId')!;
    expect(id.code).toBe('REQUIRED_MISSING');
    expect(id.column).toBe('');
  });

  it('the personal-information flag from the recognisers (with consent) marks the row', () => {
    const r = mapRow(sheet, ctx, 3, ['患者表', '证件号', '', '', ''], { lookup: none, personalInfo: () => ({ pi: true, sensitive: true }) })!;
    expect(r.fields.isPersonalInfo).toBe('是');
    expect(r.fields.isSensitivePersonalInfo).toBe('是');
    expect(r.present.has('isSensitivePersonalInfo')).toBe(true);
    expect(sheet.header.columns.has('isSensitivePersonalInfo')).toBe(false);
  });

  it('adds a resource row for items whose resource has none, at the first item', () => {
    const a = mapRow(sheet, ctx, 3, ['患者表', '姓名', '', '三级', ''], { lookup: none })!;
    const b = mapRow(sheet, ctx, 4, ['患者表', '电话', '', '三级', ''], { lookup: none })!;
    const rows = addMissingResources([a, b], rules, none);
    expect(rows.map((r) => [r.row, r.fields.itemName, r.fields.resourceName])).toEqual([[3, '', '患者表'], [3, '姓名', '患者表'], [4, '电话', '患者表']]);
    expect(rows[0]!.fields.dataId).toBe(madeDataId('MAP', '医院信息系统', '患者表', ''));
    expect(a.fields.dataId.startsWith(`${rows[0]!.fields.dataId}-`)).toBe(true);
  });

  it('a path column gives system, resource and item; its problems point at it', () => {
    const r2 = mappingRulesSchema.parse({ columns: [{ column: 1, target: 'hierarchy' }, { column: 0, target: 'description' }] });
    const sh = mappedHeader(r2, 1, ['说明', '路径']);
    const c2 = { sheet: 'S', sheetKey: 'inventory' as const, header: sh.header, date1904: false };
    const r = mapRow(sh, c2, 2, ['患者的姓名', 'HIS / 患者表 / 姓名'], { lookup: none })!;
    expect(r.fields).toMatchObject({ systemName: 'HIS', resourceName: '患者表', itemName: '姓名', description: '患者的姓名' });
    const bad = mapRow(sh, c2, 3, ['说明', ''], { lookup: none })!;
    expect(bad.problems.find((p) => p.field === 'systemName')).toMatchObject({ column: columnLetter(1), header: '路径' });
    expect(splitHierarchy('A>B')).toEqual({ system: 'A', resource: 'B', item: '' });
    expect(splitHierarchy('A/B/C/D')).toEqual({ system: 'A', resource: 'B', item: 'C/D' });
  });
});
