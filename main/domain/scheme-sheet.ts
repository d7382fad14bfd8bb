/**
 * The simple spreadsheet layout of a classification scheme (documented in resources/README.md):
 * a scheme as sheets a user edits in Excel or WPS, and back. Pure: the service layer reads and
 * writes the workbook; here a sheet is rows of cells. Reading builds the same object parseScheme
 * checks, and every problem it reports is pointed at a sheet, row and column.
 */
import { isBlank, isCellError, numberText, parseNumberText, type RawCell } from './sheets/cells';
import { columnLetter } from './sheets/layout';
import type { z } from 'zod';
import { parseScheme, schemeDefinitionSchema, type CategoryNode, type SchemeDefinition, type SchemeProblem, type SchemeRule } from './scheme';

export const SCHEME_SHEETS = {
  scheme: '方案',
  levels: '级别',
  categories: '分类',
  matrix: '定级矩阵',
  floorRules: '下限规则',
  aggregationRules: '汇聚规则',
} as const;

/** Keys of the 方案 sheet (column A) → field of the definition. 版本 is informative: an import makes a new version. */
export const SCHEME_KEYS = [
  ['编号', 'id'],
  ['名称', 'name'],
  ['英文名称', 'nameEn'],
  ['行业领域', 'industry'],
  ['来源', 'source'],
  ['级别体系', 'levelSetName'],
  ['版本', 'version'],
] as const;

export const LEVEL_HEADER = ['级别', '对应 GB/T 43697 级别'] as const;
export const CATEGORY_HEADER = ['编码', '上级编码', '名称', '英文名称', '参考级别', '数据范围及示例'] as const;
export const MATRIX_HEADER = ['影响对象', '影响程度', '级别'] as const;
export const RULE_HEADER = ['规则编号', '说明', '英文说明', '是否个人信息', '是否敏感个人信息', '涉及人数不少于', '记录数不少于', '至少定为', '依据'] as const;

export type SheetCells = readonly (string | number | null)[];
export interface SchemeSheetOut {
  name: string;
  header?: readonly string[];
  rows: SheetCells[];
  widths: number[];
}

/** The scheme as sheets (the header, if any, is row 1). */
export function schemeToSheets(def: SchemeDefinition, version?: number): SchemeSheetOut[] {
  const meta: Record<string, string | number | undefined> = {
    id: def.id, name: def.name, nameEn: def.nameEn, industry: def.industry, source: def.source, levelSetName: def.levelSet.name, version,
  };
  const cats: SheetCells[] = [];
  const walk = (nodes: readonly CategoryNode[], parent: string) => {
    for (const n of nodes) {
      cats.push([n.code, parent || null, n.name, n.nameEn ?? null, n.referenceLevel ?? null, n.examples ?? null]);
      if (n.children) walk(n.children, n.code);
    }
  };
  walk(def.categories, '');
  const yn = (b: boolean | undefined) => (b === undefined ? null : b ? '是' : '否');
  const rules = (rs: readonly SchemeRule[]): SheetCells[] =>
    rs.map((r) => [r.id, r.description, r.descriptionEn ?? null, yn(r.when.isPersonalInfo), yn(r.when.isSensitivePersonalInfo), r.when.personCountAtLeast ?? null, r.when.recordCountAtLeast ?? null, r.atLeast, r.basis ?? null]);
  const ruleWidths = [22, 50, 50, 12, 14, 14, 12, 14, 50];
  return [
    { name: SCHEME_SHEETS.scheme, rows: SCHEME_KEYS.map(([label, key]) => [label, meta[key] ?? null]), widths: [14, 80] },
    { name: SCHEME_SHEETS.levels, header: LEVEL_HEADER, rows: def.levelSet.levels.map((l) => [l, def.levelSet.mapping[l] ?? null]), widths: [16, 22] },
    { name: SCHEME_SHEETS.categories, header: CATEGORY_HEADER, rows: cats, widths: [14, 14, 24, 30, 14, 60] },
    { name: SCHEME_SHEETS.matrix, header: MATRIX_HEADER, rows: def.matrix.map((m) => [m.object, m.degree, m.level]), widths: [14, 16, 14] },
    { name: SCHEME_SHEETS.floorRules, header: RULE_HEADER, rows: rules(def.floorRules), widths: ruleWidths },
    { name: SCHEME_SHEETS.aggregationRules, header: RULE_HEADER, rows: rules(def.aggregationRules), widths: ruleWidths },
  ];
}

/** A sheet as read: its name and its non-empty rows (1-based row numbers, 0-based columns). */
export interface SheetIn {
  name: string;
  rows: { row: number; cells: readonly RawCell[] }[];
}

/** A problem of a scheme file, pointed at a cell where one is to blame (JSON files: the path only). */
export interface SchemeFileProblem extends SchemeProblem {
  sheet?: string | undefined;
  row?: number | undefined;
  column?: string | undefined;
}

interface Loc {
  sheet: string;
  row?: number;
  column?: string;
}

/** Text of a cell, as written (trimmed); numbers as Excel shows them. */
function text(v: RawCell | undefined): string {
  if (v === null || v === undefined || isCellError(v)) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return numberText(v);
  return v ? 'TRUE' : 'FALSE';
}

/** An optional text: blank → undefined. */
const opt = (v: RawCell | undefined): string | undefined => (isBlank(v) ? undefined : text(v));

/** 是/否 → boolean; blank → undefined; anything else is passed on for the checker to refuse. */
function yesNo(v: RawCell | undefined): unknown {
  if (isBlank(v)) return undefined;
  if (typeof v === 'boolean') return v;
  const s = text(v).toUpperCase();
  if (['是', 'Y', 'YES', 'TRUE', '1'].includes(s)) return true;
  if (['否', 'N', 'NO', 'FALSE', '0'].includes(s)) return false;
  return text(v);
}

/** A whole number; blank → undefined; text that is no number is passed on for the checker to refuse. */
function num(v: RawCell | undefined): unknown {
  if (isBlank(v)) return undefined;
  if (typeof v === 'number') return v;
  const n = parseNumberText(text(v));
  return n === undefined ? text(v) : n;
}

/** Drop undefined members, so the object reads like the JSON a person would write. */
function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

const normPath = (p: string) => p.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');

/**
 * Read the sheets of the layout into a scheme definition and check it with parseScheme. Every
 * problem names the sheet, row and column it comes from (the nearest cell that holds the value).
 */
export function sheetsToScheme(sheets: readonly SheetIn[]): { ok: true; scheme: SchemeDefinition } | { ok: false; problems: SchemeFileProblem[] } {
  const problems: SchemeFileProblem[] = [];
  const locs = new Map<string, Loc>();
  const byName = new Map(sheets.map((s) => [s.name.trim(), s]));
  const need = (name: string, optional = false): SheetIn | undefined => {
    const s = byName.get(name);
    if (!s && !optional)
      problems.push({ path: '', sheet: name, message_zh: `缺少工作表“${name}”`, message_en: `The sheet ${name} is missing` });
    return s;
  };
  const at = (path: string, loc: Loc) => locs.set(path, loc);
  const cell = (sheet: string, row: number, col: number): Loc => ({ sheet, row, column: columnLetter(col) });

  /** Rows after the header row (the first non-empty row), checked against the expected header. */
  const body = (s: SheetIn | undefined, header: readonly string[]) => {
    if (!s) return [];
    const [head, ...rest] = s.rows;
    if (!head) return [];
    header.forEach((h, i) => {
      const got = text(head.cells[i]);
      if (got !== h)
        problems.push({ path: '', ...cell(s.name, head.row, i), message_zh: `表头应为“${h}”，实为“${got}”`, message_en: `The header should be ${h}, not "${got}"` });
    });
    return rest.filter((r) => r.cells.some((c) => !isBlank(c)));
  };

  // 方案: key / value rows.
  const meta: Record<string, string | undefined> = {};
  const metaSheet = need(SCHEME_SHEETS.scheme);
  if (metaSheet) {
    const keys = new Map<string, string>(SCHEME_KEYS.map(([label, key]) => [label, key]));
    for (const r of metaSheet.rows) {
      const label = text(r.cells[0]);
      const key = keys.get(label);
      if (!key) {
        if (label) problems.push({ path: '', ...cell(metaSheet.name, r.row, 0), message_zh: `未知项目“${label}”`, message_en: `Unknown key "${label}"` });
        continue;
      }
      meta[key] = opt(r.cells[1]);
      at(key === 'levelSetName' ? 'levelSet.name' : key, cell(metaSheet.name, r.row, 1));
    }
    at('', { sheet: metaSheet.name });
  }

  // 级别: the level set, highest first, and its mapping.
  const levels: string[] = [];
  const mapping: Record<string, unknown> = {};
  const levelSheet = need(SCHEME_SHEETS.levels);
  body(levelSheet, LEVEL_HEADER).forEach((r, i) => {
    const l = text(r.cells[0]);
    levels.push(l);
    at(`levelSet.levels.${i}`, cell(levelSheet!.name, r.row, 0));
    const m = opt(r.cells[1]);
    if (m !== undefined) mapping[l] = m;
    at(`levelSet.mapping.${l}`, cell(levelSheet!.name, r.row, 1));
  });
  if (levelSheet) {
    at('levelSet', { sheet: levelSheet.name });
    at('levelSet.mapping', { sheet: levelSheet.name, column: 'B' });
  }

  // 分类: one row per category; the tree from the parent codes, in row order.
  const catSheet = need(SCHEME_SHEETS.categories);
  const catRows = body(catSheet, CATEGORY_HEADER);
  const nodes = new Map<string, { node: Record<string, unknown>; row: number }>();
  const roots: Record<string, unknown>[] = [];
  const rowOfNode = new Map<Record<string, unknown>, number>();
  const inOrder = catRows.map((r) => {
    const code = text(r.cells[0]);
    const node = compact({ code, name: text(r.cells[2]), nameEn: opt(r.cells[3]), referenceLevel: opt(r.cells[4]), examples: opt(r.cells[5]) });
    rowOfNode.set(node, r.row);
    if (code && !nodes.has(code)) nodes.set(code, { node, row: r.row });
    return { r, node };
  });
  const orphans: Record<string, unknown>[] = [];
  for (const { r, node } of inOrder) {
    const parent = text(r.cells[1]);
    if (!parent) roots.push(node);
    else {
      const p = nodes.get(parent);
      if (!p) {
        problems.push({ path: '', ...cell(catSheet!.name, r.row, 1), message_zh: `上级编码 ${parent} 不在本表中`, message_en: `The parent code ${parent} is not in this sheet` });
        orphans.push(node);
        continue;
      }
      if (p.node === node) {
        problems.push({ path: '', ...cell(catSheet!.name, r.row, 1), message_zh: '上级编码不能是自身', message_en: 'A category cannot be its own parent' });
        orphans.push(node);
        continue;
      }
      ((p.node.children as Record<string, unknown>[] | undefined) ?? (p.node.children = [] as Record<string, unknown>[]) as Record<string, unknown>[]).push(node);
    }
  }
  // A parent chain that loops never reaches a root: report it instead of losing the rows.
  const reached = new Set<Record<string, unknown>>();
  const mark = (ns: Record<string, unknown>[], path: string) =>
    ns.forEach((n, i) => {
      if (reached.has(n)) return;
      reached.add(n);
      const p = `${path}.${i}`;
      const row = rowOfNode.get(n)!;
      at(p, { sheet: catSheet!.name, row });
      CATEGORY_FIELDS.forEach(([field, col]) => at(`${p}.${field}`, cell(catSheet!.name, row, col)));
      if (n.children) mark(n.children as Record<string, unknown>[], `${p}.children`);
    });
  mark(roots, 'categories');
  // The rows under a row already reported are not reported again.
  const silent = (ns: Record<string, unknown>[]) =>
    ns.forEach((n) => {
      if (reached.has(n)) return;
      reached.add(n);
      if (n.children) silent(n.children as Record<string, unknown>[]);
    });
  silent(orphans);
  for (const [n, row] of rowOfNode)
    if (!reached.has(n))
      problems.push({ path: '', ...cell(catSheet!.name, row, 1), message_zh: '上级编码形成循环，无法放入分类树', message_en: 'The parent codes form a loop: the row cannot be placed in the tree' });
  if (catSheet) at('categories', { sheet: catSheet.name });

  // 定级矩阵: one row per cell of the matrix.
  const matrixSheet = need(SCHEME_SHEETS.matrix);
  const matrix = body(matrixSheet, MATRIX_HEADER).map((r, i) => {
    at(`matrix.${i}`, { sheet: matrixSheet!.name, row: r.row });
    ['object', 'degree', 'level'].forEach((f, c) => at(`matrix.${i}.${f}`, cell(matrixSheet!.name, r.row, c)));
    return { object: text(r.cells[0]), degree: text(r.cells[1]), level: text(r.cells[2]) };
  });
  if (matrixSheet) at('matrix', { sheet: matrixSheet.name });

  const rules = (key: 'floorRules' | 'aggregationRules') => {
    const s = need(SCHEME_SHEETS[key], true);
    if (s) at(key, { sheet: s.name });
    return body(s, RULE_HEADER).map((r, i) => {
      const p = `${key}.${i}`;
      at(p, { sheet: s!.name, row: r.row });
      RULE_FIELDS.forEach(([field, col]) => at(`${p}.${field}`, cell(s!.name, r.row, col)));
      return compact({
        id: text(r.cells[0]),
        description: text(r.cells[1]),
        descriptionEn: opt(r.cells[2]),
        when: compact({ isPersonalInfo: yesNo(r.cells[3]), isSensitivePersonalInfo: yesNo(r.cells[4]), personCountAtLeast: num(r.cells[5]), recordCountAtLeast: num(r.cells[6]) }),
        atLeast: text(r.cells[7]),
        basis: opt(r.cells[8]),
      });
    });
  };
  const floorRules = rules('floorRules');
  const aggregationRules = rules('aggregationRules');

  if (problems.length > 0) return { ok: false, problems };
  const raw = compact({
    format: 'datasteward-scheme/1',
    id: meta.id ?? '',
    name: meta.name ?? '',
    nameEn: meta.nameEn,
    industry: meta.industry ?? '',
    source: meta.source,
    levelSet: { name: meta.levelSetName ?? '', levels, mapping },
    categories: roots,
    matrix,
    floorRules,
    aggregationRules,
  });
  // The shape first, with messages that speak of cells rather than JSON; then parseScheme's own rules.
  const shape = schemeDefinitionSchema.safeParse(raw);
  if (!shape.success)
    return { ok: false, problems: shape.error.issues.slice(0, 100).map((i) => ({ path: i.path.join('.'), ...cellMessage(i), ...locate(locs, i.path.join('.')) })) };
  const parsed = parseScheme(raw);
  if (parsed.ok) return parsed;
  return { ok: false, problems: parsed.problems.map((p) => ({ ...p, ...locate(locs, p.path) })) };
}

/** A checker's complaint about one cell, for a person editing the workbook. */
function cellMessage(i: z.core.$ZodIssue): { message_zh: string; message_en: string } {
  switch (i.code) {
    case 'invalid_value':
      return { message_zh: `不是可选的值，应为：${i.values.map(String).join('、')}`, message_en: `Not one of the allowed values: ${i.values.map(String).join(', ')}` };
    case 'invalid_type':
      if (i.expected === 'number') return { message_zh: '应为整数', message_en: 'Should be a whole number' };
      if (i.expected === 'boolean') return { message_zh: '应为“是”或“否”', message_en: 'Should be 是 or 否' };
      return { message_zh: '格式不符', message_en: 'Malformed' };
    case 'too_small':
      return i.origin === 'string'
        ? { message_zh: '不能为空', message_en: 'Must not be empty' }
        : i.origin === 'array'
          ? { message_zh: `至少需要 ${String(i.minimum)} 行`, message_en: `At least ${String(i.minimum)} rows are needed` }
          : { message_zh: `不能小于 ${String(i.minimum)}`, message_en: `Must be at least ${String(i.minimum)}` };
    case 'too_big':
      return i.origin === 'string'
        ? { message_zh: `过长（最多 ${String(i.maximum)} 个字符）`, message_en: `Too long (at most ${String(i.maximum)} characters)` }
        : { message_zh: `过多或过大（最多 ${String(i.maximum)}）`, message_en: `Too many or too large (at most ${String(i.maximum)})` };
    case 'invalid_format':
      if (i.path.at(-1) === 'code') return { message_zh: '编码应为以点分隔的数字或字母段，例如 2.01.003', message_en: 'Codes are dot-separated segments, e.g. 2.01.003' };
      if (i.path.length === 1 && i.path[0] === 'id') return { message_zh: '编号只能由小写字母、数字和连字符组成', message_en: 'The id takes lower-case letters, digits and hyphens only' };
      return { message_zh: `格式不符：${i.message}`, message_en: `Malformed: ${i.message}` };
    default:
      return { message_zh: `格式不符：${i.message}`, message_en: `Malformed: ${i.message}` };
  }
}

const CATEGORY_FIELDS = [['code', 0], ['name', 2], ['nameEn', 3], ['referenceLevel', 4], ['examples', 5], ['children', 1]] as const;
const RULE_FIELDS = [
  ['id', 0], ['description', 1], ['descriptionEn', 2], ['when.isPersonalInfo', 3], ['when.isSensitivePersonalInfo', 4],
  ['when.personCountAtLeast', 5], ['when.recordCountAtLeast', 6], ['when', 3], ['atLeast', 7], ['basis', 8],
] as const;

/** The cell of a JSON path: the registered path itself, or its nearest registered parent. */
function locate(locs: Map<string, Loc>, path: string): Loc | Record<string, never> {
  let p = normPath(path);
  for (;;) {
    const l = locs.get(p);
    if (l) return l;
    if (p === '') return {};
    const cut = p.lastIndexOf('.');
    p = cut < 0 ? '' : p.slice(0, cut);
  }
}

/** Where a problem is, for a person: 分类 第 12 行 C 列 / sheet 分类, row 12, column C. */
export function problemPlace(p: SchemeFileProblem): { zh: string; en: string } {
  if (p.sheet) {
    const zh = [`工作表“${p.sheet}”`, p.row ? `第 ${p.row} 行` : '', p.column ? `${p.column} 列` : ''].filter(Boolean).join(' ');
    const en = [`sheet ${p.sheet}`, p.row ? `row ${p.row}` : '', p.column ? `column ${p.column}` : ''].filter(Boolean).join(', ');
    return { zh, en };
  }
  return { zh: p.path || '（文件）', en: p.path || '(file)' };
}
