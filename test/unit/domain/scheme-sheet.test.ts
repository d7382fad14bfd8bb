import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../main/domain/canonical-json';
import { problemPlace, schemeToSheets, sheetsToScheme, type SheetIn } from '../../../main/domain/scheme-sheet';
import type { SchemeDefinition } from '../../../main/domain/scheme';
import { BUILTIN_SCHEMES } from '../../../main/services/builtin-resources';
import { maskValue } from '../../../main/services/scheme-file-service';

/** Sheets as a reader gives them: the header as row 1, then the rows, numbered. */
function asRead(def: SchemeDefinition, edit: (s: ReturnType<typeof schemeToSheets>) => void = () => {}): SheetIn[] {
  const out = schemeToSheets(def, 3);
  edit(out);
  return out.map((s) => {
    const rows = s.header ? [s.header, ...s.rows] : s.rows;
    return { name: s.name, rows: rows.map((cells, i) => ({ row: i + 1, cells: [...cells] })) };
  });
}

const generic = BUILTIN_SCHEMES.find((s) => s.id === 'gbt43697-generic')!;
const rowsOf = (sheets: ReturnType<typeof schemeToSheets>, name: string) => sheets.find((s) => s.name === name)!.rows as (string | number | null)[][];

describe('scheme workbook layout', () => {
  it('reads every built-in scheme back exactly as written (same canonical JSON, so the same digest)', () => {
    for (const def of BUILTIN_SCHEMES) {
      const r = sheetsToScheme(asRead(def));
      expect(r.ok, def.id).toBe(true);
      if (r.ok) expect(canonicalJson(r.scheme)).toBe(canonicalJson(def));
    }
  });

  it('writes the version on the 方案 sheet for information and ignores it when reading', () => {
    const sheets = schemeToSheets(generic, 7);
    expect(rowsOf(sheets, '方案')).toContainEqual(['版本', 7]);
    const r = sheetsToScheme(asRead(generic, (s) => (rowsOf(s, '方案').find((x) => x[0] === '版本')![1] = 99)));
    expect(r.ok).toBe(true);
  });

  it('builds the tree from parent codes whatever the row order (children keep their row order)', () => {
    const r = sheetsToScheme(asRead(generic, (s) => rowsOf(s, '分类').reverse()));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scheme.categories.map((c) => c.code)).toEqual([...generic.categories].reverse().map((c) => c.code));
  });

  it('points a missing parent, a parent loop, an unknown key and a wrong header at their cells, without repeating the rows below', () => {
    const r = sheetsToScheme(
      asRead(generic, (s) => {
        const cats = rowsOf(s, '分类');
        const first = cats[0]![0] as string;
        cats[0]![1] = 'X9'; // row 2: no such parent; its children are not reported again
        const a = cats.findIndex((c, i) => i > 0 && c[1] === null);
        cats[a]![1] = cats[a]![0] as string; // its own parent
        rowsOf(s, '方案').push(['负责人', '张三']);
        s.find((x) => x.name === '级别')!.header = ['级别', '映射'];
        expect(first).toBeTruthy();
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const at = r.problems.map((p) => `${p.sheet}!${p.column}${p.row}`);
    expect(at).toContain('分类!B2');
    expect(at).toContain('方案!A8');
    expect(at).toContain('级别!B1');
    expect(r.problems.filter((p) => p.sheet === '分类')).toHaveLength(2);
  });

  it('reads 是/否 and numbers written as text, and passes anything else to the checker, which points at the cell', () => {
    const ok = sheetsToScheme(asRead(generic, (s) => {
      const rules = rowsOf(s, '汇聚规则');
      rules[0]![3] = 'Y';
      rules[0]![5] = '100万';
    }));
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.scheme.aggregationRules[0]!.when).toMatchObject({ isPersonalInfo: true, personCountAtLeast: 1_000_000 });
    const bad = sheetsToScheme(asRead(generic, (s) => {
      const rules = rowsOf(s, '汇聚规则');
      rules[0]![3] = '也许';
      rules[1]![6] = '很多';
    }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => `${p.sheet}!${p.column}${p.row}`).sort()).toEqual(['汇聚规则!D2', '汇聚规则!G3']);
    expect(bad.problems.find((p) => p.column === 'D')).toMatchObject({ message_zh: '应为“是”或“否”' });
    expect(bad.problems.find((p) => p.column === 'G')).toMatchObject({ message_zh: '应为整数' });
    const level = sheetsToScheme(asRead(generic, (s) => (rowsOf(s, '分类')[1]![4] = '三级')));
    expect(level.ok ? [] : level.problems).toEqual([expect.objectContaining({ sheet: '分类', row: 3, column: 'E', message_zh: expect.stringContaining('不是可选的值，应为：核心数据、重要数据') })]);
  });

  it('reports missing sheets by name; the rule sheets may be absent', () => {
    const r = sheetsToScheme(asRead(generic).filter((s) => s.name !== '分类' && s.name !== '下限规则'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([expect.objectContaining({ sheet: '分类', message_zh: '缺少工作表“分类”' })]);
  });

  it('says where a problem is in both languages', () => {
    expect(problemPlace({ path: '', sheet: '分类', row: 3, column: 'E', message_zh: '', message_en: '' })).toEqual({ zh: '工作表“分类” 第 3 行 E 列', en: 'sheet 分类, row 3, column E' });
    expect(problemPlace({ path: 'levelSet.mapping', message_zh: '', message_en: '' })).toEqual({ zh: 'levelSet.mapping', en: 'levelSet.mapping' });
  });
});

describe('maskValue', () => {
  it('keeps the first and last character only', () => {
    expect(maskValue('110101199003077777')).toBe(`1${'*'.repeat(12)}7`);
    expect(maskValue('张三丰')).toBe('张*丰');
    expect(maskValue('张三')).toBe('张*');
    expect(maskValue('a')).toBe('a*');
    expect(maskValue('')).toBe('');
  });
});
