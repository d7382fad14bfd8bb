/**
 * Grading: the suggested level of an entry and why, and the roll-up of a resource (就高从严).
 * Pure: the scheme and the entry's facts in, a level and its explanation out.
 */
import type { ImpactDegree, ImpactObject, Level } from './code-lists';
import { levelRank, maxLevel } from './levels';
import type { SchemeDefinition, SchemeRule } from './scheme';

export interface GradingFacts {
  impactObjects: readonly ImpactObject[];
  impactDegree: ImpactDegree | '';
  /** The reference level of the entry's category, if the scheme gives one. */
  categoryReferenceLevel?: Level | undefined;
  categoryCode?: string | undefined;
  isPersonalInfo: boolean | null;
  isSensitivePersonalInfo: boolean | null;
  personCount: number | null;
  recordCount: number | null;
  /** Levels that recognisers suggested, with the recogniser's id. */
  recognizerLevels?: readonly { recognizerId: string; level: Level }[];
}

export type Contribution =
  | { source: 'matrix'; object: ImpactObject; degree: ImpactDegree; level: Level }
  | { source: 'category'; code: string; level: Level }
  | { source: 'rule'; ruleId: string; description: string; /** The rule's English description (its Chinese one when the scheme has none). */ descriptionEn: string; level: Level }
  | { source: 'recognizer'; recognizerId: string; level: Level }
  | { source: 'rollup'; entryId: number; dataId: string; level: Level };

export interface Suggestion {
  level: Level | undefined;
  /** Every reason considered; the highest decides (就高从严). */
  contributions: Contribution[];
  /** The contribution(s) that gave the suggested level. */
  decisive: Contribution[];
}

function ruleApplies(rule: SchemeRule, f: Pick<GradingFacts, 'isPersonalInfo' | 'isSensitivePersonalInfo' | 'personCount' | 'recordCount'>): boolean {
  const w = rule.when;
  if (w.isPersonalInfo !== undefined && (f.isPersonalInfo ?? false) !== w.isPersonalInfo) return false;
  if (w.isSensitivePersonalInfo !== undefined && (f.isSensitivePersonalInfo ?? false) !== w.isSensitivePersonalInfo) return false;
  if (w.personCountAtLeast !== undefined && (f.personCount ?? -1) < w.personCountAtLeast) return false;
  if (w.recordCountAtLeast !== undefined && (f.recordCount ?? -1) < w.recordCountAtLeast) return false;
  return true;
}

function decide(contributions: Contribution[]): Suggestion {
  const level = maxLevel(contributions.map((c) => c.level));
  return { level, contributions, decisive: level ? contributions.filter((c) => c.level === level) : [] };
}

/** The matrix cell for one object and degree, if the scheme has one. */
export function matrixLevel(scheme: Pick<SchemeDefinition, 'matrix'>, object: ImpactObject, degree: ImpactDegree): Level | undefined {
  return scheme.matrix.find((m) => m.object === object && m.degree === degree)?.level;
}

export function suggestLevel(scheme: Pick<SchemeDefinition, 'matrix' | 'floorRules'>, f: GradingFacts): Suggestion {
  const contributions: Contribution[] = [];
  if (f.impactDegree) {
    for (const object of f.impactObjects) {
      const level = matrixLevel(scheme, object, f.impactDegree);
      if (level) contributions.push({ source: 'matrix', object, degree: f.impactDegree, level });
    }
  }
  if (f.categoryReferenceLevel) contributions.push({ source: 'category', code: f.categoryCode ?? '', level: f.categoryReferenceLevel });
  for (const rule of scheme.floorRules)
    if (ruleApplies(rule, f)) contributions.push({ source: 'rule', ruleId: rule.id, description: rule.description, descriptionEn: rule.descriptionEn || rule.description, level: rule.atLeast });
  for (const r of f.recognizerLevels ?? []) contributions.push({ source: 'recognizer', recognizerId: r.recognizerId, level: r.level });
  return decide(contributions);
}

export interface RollupItem {
  entryId: number;
  dataId: string;
  level: Level | '' | null;
}

export interface RollupFacts {
  items: readonly RollupItem[];
  isPersonalInfo: boolean | null;
  isSensitivePersonalInfo: boolean | null;
  /** For the whole resource: people whose information it holds, records. */
  personCount: number | null;
  recordCount: number | null;
}

/**
 * The least level a resource may have: its highest item (就高从严) and the aggregation rules
 * (for example a threshold on the number of people whose personal information it holds).
 */
export function rollupLevel(scheme: Pick<SchemeDefinition, 'aggregationRules'>, f: RollupFacts): Suggestion {
  const contributions: Contribution[] = [];
  let top: RollupItem | undefined;
  for (const it of f.items) if (it.level && levelRank(it.level) > levelRank(top?.level)) top = it;
  if (top?.level) contributions.push({ source: 'rollup', entryId: top.entryId, dataId: top.dataId, level: top.level });
  for (const rule of scheme.aggregationRules)
    if (ruleApplies(rule, f)) contributions.push({ source: 'rule', ruleId: rule.id, description: rule.description, descriptionEn: rule.descriptionEn || rule.description, level: rule.atLeast });
  return decide(contributions);
}

/** A level below the suggestion is a lowering (降级) and needs a written 定级理由. */
export function isLowering(level: Level | '' | null | undefined, suggested: Level | '' | null | undefined): boolean {
  return Boolean(level && suggested && levelRank(level) < levelRank(suggested));
}
