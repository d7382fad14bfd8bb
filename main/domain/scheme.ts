/**
 * Classification schemes as data (resources/schemes/*.json, or imported by the user): a category
 * tree with codes and reference levels, the impact matrix, floor rules and aggregation rules.
 * Rules the regulations brief tags [M] (unverified) live here, where a user can change them.
 */
import { z } from 'zod';
import { IMPACT_DEGREES, IMPACT_OBJECTS, LEVELS_43697 } from './code-lists';

const level = z.enum(LEVELS_43697);

export interface CategoryNode {
  code: string;
  name: string;
  nameEn?: string | undefined;
  /** 参考级别: the lowest level data of this category should have. */
  referenceLevel?: z.infer<typeof level> | undefined;
  /** Scope and examples (数据范围及示例); never real values. */
  examples?: string | undefined;
  children?: CategoryNode[] | undefined;
}

const categoryNode: z.ZodType<CategoryNode> = z.lazy(() =>
  z.strictObject({
    code: z.string().min(1).max(40).regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, 'codes are dot-separated segments, e.g. 2.01.003'),
    name: z.string().min(1).max(100),
    nameEn: z.string().max(200).optional(),
    referenceLevel: level.optional(),
    examples: z.string().max(1000).optional(),
    children: z.array(categoryNode).max(500).optional(),
  }),
);

/** A condition over an entry's facts, for floor and aggregation rules. */
const condition = z.strictObject({
  isPersonalInfo: z.boolean().optional(),
  isSensitivePersonalInfo: z.boolean().optional(),
  personCountAtLeast: z.number().int().min(0).optional(),
  recordCountAtLeast: z.number().int().min(0).optional(),
});

const rule = z.strictObject({
  id: z.string().min(1).max(60),
  description: z.string().min(1).max(500),
  descriptionEn: z.string().max(500).optional(),
  when: condition,
  atLeast: level,
  basis: z.string().max(300).optional(),
});

export const schemeDefinitionSchema = z.strictObject({
  format: z.literal('datasteward-scheme/1'),
  id: z.string().min(1).max(60).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
  name: z.string().min(1).max(100),
  nameEn: z.string().max(200).optional(),
  /** 行业领域 written on every entry classified under this scheme. */
  industry: z.string().min(1).max(50),
  source: z.string().max(500).optional(),
  /** The scheme's own level set, highest first, and how it maps onto GB/T 43697's. */
  levelSet: z.strictObject({
    name: z.string().min(1).max(60),
    levels: z.array(z.string().min(1).max(30)).min(1).max(20),
    mapping: z.record(z.string(), level),
  }),
  categories: z.array(categoryNode).min(1).max(500),
  /** 影响对象 × 影响程度 → level. A missing cell means the pair gives no suggestion. */
  matrix: z.array(z.strictObject({ object: z.enum(IMPACT_OBJECTS), degree: z.enum(IMPACT_DEGREES), level })).max(100),
  /** Facts of an entry that put a floor under its level (for example sensitive PI → 一般数据4级). */
  floorRules: z.array(rule).max(100),
  /** Facts of a whole resource that raise it (for example very many people's PI). */
  aggregationRules: z.array(rule).max(100),
});

export type SchemeDefinition = z.infer<typeof schemeDefinitionSchema>;
export type SchemeRule = SchemeDefinition['floorRules'][number];

export interface FlatCategory {
  code: string;
  /** Names from the top, e.g. ['个人信息', '个人基本资料']. */
  path: string[];
  referenceLevel?: z.infer<typeof level> | undefined;
  depth: number;
  examples?: string | undefined;
}

/** Every node of the tree with its full path, depth first. */
export function flattenCategories(def: Pick<SchemeDefinition, 'categories'>): FlatCategory[] {
  const out: FlatCategory[] = [];
  const walk = (nodes: CategoryNode[], parents: string[]) => {
    for (const n of nodes) {
      const path = [...parents, n.name];
      out.push({ code: n.code, path, referenceLevel: n.referenceLevel, depth: path.length, examples: n.examples });
      if (n.children) walk(n.children, path);
    }
  };
  walk(def.categories, []);
  return out;
}

export interface SchemeProblem {
  path: string;
  message_zh: string;
  message_en: string;
}

/**
 * Parse and check a scheme file: the shape (zod) and what the shape cannot say: unique codes,
 * a child's code extends its parent's, every level of the level set is mapped.
 */
export function parseScheme(raw: unknown): { ok: true; scheme: SchemeDefinition } | { ok: false; problems: SchemeProblem[] } {
  const r = schemeDefinitionSchema.safeParse(raw);
  if (!r.success) {
    return {
      ok: false,
      problems: r.error.issues.slice(0, 50).map((i) => ({
        path: i.path.join('.'),
        message_zh: `格式不符：${i.message}`,
        message_en: `Malformed: ${i.message}`,
      })),
    };
  }
  const problems: SchemeProblem[] = [];
  const seen = new Set<string>();
  const walk = (nodes: CategoryNode[], parentCode: string | undefined, where: string) => {
    nodes.forEach((n, i) => {
      const p = `${where}[${i}]`;
      if (seen.has(n.code)) problems.push({ path: p, message_zh: `分类编码 ${n.code} 重复`, message_en: `Category code ${n.code} is used twice` });
      seen.add(n.code);
      if (parentCode && !n.code.startsWith(parentCode + '.'))
        problems.push({ path: p, message_zh: `分类编码 ${n.code} 应以上级编码 ${parentCode}. 开头`, message_en: `Category code ${n.code} should start with its parent's ${parentCode}.` });
      if (n.children) walk(n.children, n.code, `${p}.children`);
    });
  };
  walk(r.data.categories, undefined, 'categories');
  for (const l of r.data.levelSet.levels)
    if (!r.data.levelSet.mapping[l])
      problems.push({ path: 'levelSet.mapping', message_zh: `级别“${l}”未映射到 GB/T 43697 级别`, message_en: `Level "${l}" has no mapping onto GB/T 43697` });
  return problems.length ? { ok: false, problems } : { ok: true, scheme: r.data };
}
