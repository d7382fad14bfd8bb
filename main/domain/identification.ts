/**
 * Important-data identification (重要数据识别): a questionnaire of factors (GB/T 43697 Annex G
 * gist, held as data in resources/important-data-factors.json) turned into a proposal and the
 * 识别依据 text for sheet 3, and a first draft of the catalog row from what the inventory knows.
 * The questionnaire proposes; the competent authority decides (条例 art. 29).
 */
import { z } from 'zod';
import { DATA_SOURCES, MLPS_LEVELS, type Level } from './code-lists';
import type { CatalogFields, Entry, InventorySystem } from './inventory';
import { isImportant, maxLevel } from './levels';

export const FACTOR_SET_FORMAT = 'datasteward-important-data-factors/1';

const text = (max: number) => z.string().min(1).max(max);

const factorSchema = z.strictObject({
  id: z.string().min(1).max(20).regex(/^[A-Za-z0-9_-]+$/),
  /**
   * important: a yes proposes 重要数据. core: asked once the data is important; a yes proposes
   * 核心数据. scope: a yes says the harm stays with the unit or individuals (generally not important).
   */
  kind: z.enum(['important', 'core', 'scope']),
  /** What a yes proposes; must agree with kind (written out so the file reads on its own). */
  proposes: z.enum(['重要数据', '核心数据', '一般数据']),
  question: text(500),
  questionEn: text(800),
  examples: z.array(text(200)).max(20),
  examplesEn: z.array(text(300)).max(20).optional(),
  /** The 识别依据 text written into sheet 3 when this factor is answered yes. */
  basis: text(300),
});

export const factorSetSchema = z.strictObject({
  format: z.literal(FACTOR_SET_FORMAT),
  id: z.string().min(1).max(60).regex(/^[a-z0-9][a-z0-9-]*$/),
  name: text(100),
  nameEn: z.string().max(200).optional(),
  version: z.number().int().min(1),
  source: z.string().max(2000).optional(),
  guidance: z.array(z.strictObject({ zh: text(1000), en: text(1500) })).max(20),
  factors: z.array(factorSchema).min(1).max(100),
});

export type FactorSet = z.infer<typeof factorSetSchema>;
export type Factor = FactorSet['factors'][number];
export type Answer = 'yes' | 'no' | 'unsure';
export type Proposal = '重要数据' | '核心数据' | '一般数据' | '待定';

const PROPOSES: Record<Factor['kind'], Factor['proposes']> = { important: '重要数据', core: '核心数据', scope: '一般数据' };

export function parseFactorSet(raw: unknown):
  | { ok: true; factors: FactorSet }
  | { ok: false; problems: { path: string; message_zh: string; message_en: string }[] } {
  const r = factorSetSchema.safeParse(raw);
  if (!r.success)
    return { ok: false, problems: r.error.issues.slice(0, 50).map((i) => ({ path: i.path.join('.'), message_zh: `格式不符：${i.message}`, message_en: `Malformed: ${i.message}` })) };
  const problems: { path: string; message_zh: string; message_en: string }[] = [];
  const seen = new Set<string>();
  r.data.factors.forEach((f, i) => {
    if (seen.has(f.id)) problems.push({ path: `factors[${i}]`, message_zh: `识别因素编号 ${f.id} 重复`, message_en: `Factor id ${f.id} is used twice` });
    seen.add(f.id);
    if (PROPOSES[f.kind] !== f.proposes)
      problems.push({ path: `factors[${i}].proposes`, message_zh: `识别因素 ${f.id}：${f.kind} 类问题应建议“${PROPOSES[f.kind]}”`, message_en: `Factor ${f.id}: a ${f.kind} question proposes ${PROPOSES[f.kind]}` });
  });
  if (!r.data.factors.some((f) => f.kind === 'important'))
    problems.push({ path: 'factors', message_zh: '至少需要一个重要数据识别因素', message_en: 'At least one important-data factor is needed' });
  return problems.length ? { ok: false, problems } : { ok: true, factors: r.data };
}

export interface IdentificationReason {
  code: 'FACTOR_YES' | 'CORE_YES' | 'CORE_OPEN' | 'CORE_WITHOUT_FACTOR' | 'FACTORS_OPEN' | 'ALL_NO' | 'SCOPE_LIMITED' | 'SCOPE_CONFLICT';
  factorIds: string[];
  message_zh: string;
  message_en: string;
}

export interface IdentificationResult {
  proposal: Proposal;
  /** The least the answers already establish (待定 between 重要数据 and 核心数据 has 重要数据 here). */
  minimum: '一般数据' | '重要数据' | '核心数据';
  /** 识别依据 for sheet 3 column 21: the yes factors' basis texts, joined by ；. Empty unless important or core. */
  basis: string;
  reasons: IdentificationReason[];
  yes: string[];
  unsure: string[];
  unanswered: string[];
}

/**
 * From answers to a proposal. Core data is important data of exceptional reach, so 核心数据
 * needs a yes to the core question and to at least one important-data factor. An open question
 * (unsure or unanswered) that could still raise the proposal makes it 待定; only all-no
 * answers give 一般数据. Answers to unknown factor ids are ignored.
 */
export function evaluateQuestionnaire(set: Pick<FactorSet, 'factors'>, answers: Readonly<Record<string, Answer | undefined>>): IdentificationResult {
  const yes: string[] = [];
  const unsure: string[] = [];
  const unanswered: string[] = [];
  const important: Factor[] = [];
  const core: Factor[] = [];
  const scope: Factor[] = [];
  for (const f of set.factors) {
    const a = answers[f.id];
    if (a === 'yes') yes.push(f.id);
    else if (a === 'unsure') unsure.push(f.id);
    else if (a !== 'no') unanswered.push(f.id);
    (f.kind === 'important' ? important : f.kind === 'core' ? core : scope).push(f);
  }
  const ans = (f: Factor) => answers[f.id];
  const impYes = important.filter((f) => ans(f) === 'yes');
  const impOpen = important.filter((f) => ans(f) !== 'yes' && ans(f) !== 'no');
  const coreYes = core.filter((f) => ans(f) === 'yes');
  const coreOpen = core.filter((f) => ans(f) !== 'yes' && ans(f) !== 'no');
  const scopeYes = scope.filter((f) => ans(f) === 'yes');
  const ids = (fs: Factor[]) => fs.map((f) => f.id);
  const reasons: IdentificationReason[] = [];
  const basisOf = (fs: Factor[]) => fs.map((f) => f.basis).join('；');

  if (impYes.length) {
    reasons.push({
      code: 'FACTOR_YES',
      factorIds: ids(impYes),
      message_zh: `符合重要数据识别因素：${ids(impYes).join('、')}`,
      message_en: `Meets important-data factor(s) ${ids(impYes).join(', ')}`,
    });
    if (scopeYes.length)
      reasons.push({
        code: 'SCOPE_CONFLICT',
        factorIds: ids(scopeYes),
        message_zh: '既认为危害仅限于本单位或个人，又符合重要数据识别因素，请复核回答',
        message_en: 'The harm is said to stay with the unit or individuals, yet an important-data factor applies: check the answers',
      });
    if (coreYes.length) {
      reasons.push({ code: 'CORE_YES', factorIds: ids(coreYes), message_zh: '符合核心数据判定条件', message_en: 'Meets the core-data condition' });
      return { proposal: '核心数据', minimum: '核心数据', basis: basisOf([...coreYes, ...impYes]), reasons, yes, unsure, unanswered };
    }
    if (coreOpen.length) {
      reasons.push({
        code: 'CORE_OPEN',
        factorIds: ids(coreOpen),
        message_zh: '至少为重要数据；是否为核心数据尚未确定，请回答核心数据问题或请示主管部门',
        message_en: 'At least important data; whether it is core data is still open: answer the core-data question or ask the competent authority',
      });
      return { proposal: '待定', minimum: '重要数据', basis: basisOf(impYes), reasons, yes, unsure, unanswered };
    }
    return { proposal: '重要数据', minimum: '重要数据', basis: basisOf(impYes), reasons, yes, unsure, unanswered };
  }
  if (coreYes.length) {
    reasons.push({
      code: 'CORE_WITHOUT_FACTOR',
      factorIds: ids(coreYes),
      message_zh: '核心数据问题回答“是”，但未符合任何重要数据识别因素；核心数据属于重要数据，请复核回答',
      message_en: 'The core-data question is answered yes but no important-data factor applies; core data is important data: check the answers',
    });
    return { proposal: '待定', minimum: '一般数据', basis: '', reasons, yes, unsure, unanswered };
  }
  if (impOpen.length) {
    reasons.push({
      code: 'FACTORS_OPEN',
      factorIds: ids(impOpen),
      message_zh: `以下识别因素尚未确定：${ids(impOpen).join('、')}`,
      message_en: `These factors are still open: ${ids(impOpen).join(', ')}`,
    });
    return { proposal: '待定', minimum: '一般数据', basis: '', reasons, yes, unsure, unanswered };
  }
  reasons.push({ code: 'ALL_NO', factorIds: [], message_zh: '不符合任何重要数据识别因素', message_en: 'No important-data factor applies' });
  if (scopeYes.length)
    reasons.push({
      code: 'SCOPE_LIMITED',
      factorIds: ids(scopeYes),
      message_zh: '危害仅限于本单位或个人，一般不属于重要数据',
      message_en: 'The harm stays with the unit or individuals: generally not important data',
    });
  return { proposal: '一般数据', minimum: '一般数据', basis: '', reasons, yes, unsure, unanswered };
}

/** What draftCatalogRow reads: the resource's sheet-2 row, its system, and the date of identification. */
export interface ResourceFacts {
  resource: Pick<
    Entry,
    | 'resourceName' | 'category1' | 'category2' | 'category3' | 'category4' | 'level' | 'description' | 'dataSource'
    | 'recordCount' | 'personCount' | 'systemName' | 'ownerDepartment' | 'ownerPerson'
  >;
  system?: Pick<InventorySystem, 'name' | 'mlpsLevel'> | undefined;
  /** yyyy-mm-dd: the pure domain has no clock. */
  identifiedAt: string;
}

/**
 * A first draft of the sheet-3 row: only what the inventory already knows, never a guess.
 * The level is the higher of the proposal and the resource's sheet-2 level when either is
 * important or core (就高从严; the quality check then asks for sheet 2 to agree). Carrier kind,
 * purpose, processing methods and the like are left for the officer.
 */
export function draftCatalogRow(facts: ResourceFacts, result: Pick<IdentificationResult, 'proposal' | 'basis'>): Partial<CatalogFields> {
  const r = facts.resource;
  const out: Partial<CatalogFields> = {};
  const set = <K extends keyof CatalogFields>(k: K, v: CatalogFields[K] | undefined) => {
    if (v !== undefined && v !== null && v !== '') out[k] = v;
  };
  set('name', r.resourceName.trim());
  set('category', [r.category1, r.category2, r.category3, r.category4].map((c) => c.trim()).filter(Boolean).join('/'));
  const proposed: Level | undefined = result.proposal === '重要数据' || result.proposal === '核心数据' ? result.proposal : undefined;
  const level = maxLevel([proposed, isImportant(r.level) ? r.level : undefined]);
  if (level === '重要数据' || level === '核心数据') out.level = level;
  set('description', r.description.trim());
  if ((DATA_SOURCES as readonly string[]).includes(r.dataSource)) out.dataSource = r.dataSource;
  if (r.recordCount !== null && r.recordCount !== undefined) out.recordCount = r.recordCount;
  if (r.personCount !== null && r.personCount !== undefined) out.personCount = r.personCount;
  set('carrierSystem', (facts.system?.name || r.systemName).trim());
  if (facts.system && (MLPS_LEVELS as readonly string[]).includes(facts.system.mlpsLevel)) out.mlpsLevel = facts.system.mlpsLevel;
  set('basis', result.basis);
  set('identifiedAt', facts.identifiedAt);
  set('department', r.ownerDepartment.trim());
  set('person', r.ownerPerson.trim());
  return out;
}
