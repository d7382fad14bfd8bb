/**
 * Grading in the service layer: which scheme version an entry is graded under, its category in
 * that scheme, and its own suggested level with the reasons (matrix, category, floor rules,
 * recogniser hits; for a resource also the aggregation rules over its own facts). The roll-up of
 * items into their resource (就高从严) is done in SQL by the inventory service.
 * Compiled schemes are cached per open store and dropped when a scheme is imported or activated.
 */
import { IMPACT_DEGREES, IMPACT_OBJECTS, isIn, splitMulti, type ImpactDegree, type ImpactObject, type Level } from '../domain/code-lists';
import { rollupLevel, suggestLevel, type Contribution, type GradingFacts, type Suggestion } from '../domain/grading';
import type { EntryFields, EntryKind, LevelSource } from '../domain/inventory';
import { levelRank, maxLevel } from '../domain/levels';
import { sampleResultFromCounts, type RecognizerPack } from '../domain/recognizers';
import { flattenCategories, parseScheme, type FlatCategory, type SchemeDefinition } from '../domain/scheme';
import type { RecognizerHitRow } from '../db/repos/inventory-repo';
import type { Store } from '../db/store';

/** The scheme a workspace falls back to when an entry's 行业领域 has no scheme of its own. */
export const GENERIC_SCHEME_ID = 'gbt43697-generic';

/** What grading needs to know about a recogniser (from a recogniser pack). */
export interface RecognizerInfo {
  personalInfo: boolean;
  sensitive: boolean;
  level?: Level | undefined;
  /**
   * The pack the recogniser comes from: sample counts are judged against its threshold and
   * minimum number of samples (without it, any matched sample counts as a hit).
   */
  pack?: RecognizerPack | undefined;
}
export type RecognizerLookup = (recognizerId: string) => RecognizerInfo | undefined;

export interface CompiledScheme {
  id: string;
  version: number;
  name: string;
  def: SchemeDefinition;
  byCode: Map<string, FlatCategory>;
  /** Category path (names joined by NUL) → category. */
  byPath: Map<string, FlatCategory>;
}

export function pathKey(path: readonly string[]): string {
  return path.join('\u0000');
}

/** The non-empty leading category names of an entry: 一级 … 四级. */
export function categoryPath(f: Pick<EntryFields, 'category1' | 'category2' | 'category3' | 'category4'>): string[] {
  const p = [f.category1, f.category2, f.category3, f.category4];
  while (p.length > 0 && p[p.length - 1] === '') p.pop();
  return p;
}

export function compileScheme(id: string, version: number, def: SchemeDefinition): CompiledScheme {
  const flat = flattenCategories(def);
  const byCode = new Map<string, FlatCategory>();
  const byPath = new Map<string, FlatCategory>();
  for (const c of flat) {
    byCode.set(c.code, c);
    if (!byPath.has(pathKey(c.path))) byPath.set(pathKey(c.path), c);
  }
  return { id, version, name: def.name, def, byCode, byPath };
}

function parseStored(id: string, version: number, json: string): CompiledScheme {
  const parsed = parseScheme(JSON.parse(json));
  // A stored definition was checked when it was imported; failing here means the file was altered.
  if (!parsed.ok) throw new Error(`stored scheme ${id} v${version} is invalid: ${parsed.problems.map((p) => `${p.path} ${p.message_en}`).join('; ')}`);
  return compileScheme(id, version, parsed.scheme);
}

/** The facts of an entry that grading looks at. */
export type GradingInput = Pick<
  EntryFields,
  | 'industry' | 'category1' | 'category2' | 'category3' | 'category4' | 'categoryCode' | 'impactObjects' | 'impactDegree'
  | 'isPersonalInfo' | 'isSensitivePersonalInfo' | 'personCount' | 'recordCount'
> & { kind: EntryKind };

const yesNo = (v: string): boolean | null => (v === '是' ? true : v === '否' ? false : null);

/** Where a suggested level comes from, as a level source. */
export function sourceOf(s: Pick<Suggestion, 'decisive'>): LevelSource {
  if (s.decisive.some((c) => c.source === 'matrix' || c.source === 'category' || c.source === 'rule')) return 'matrix';
  if (s.decisive.some((c) => c.source === 'recognizer')) return 'recognizer';
  if (s.decisive.some((c) => c.source === 'rollup')) return 'rollup';
  return 'matrix';
}

export function combine(contributions: Contribution[]): Suggestion {
  const level = maxLevel(contributions.map((c) => c.level));
  return { level, contributions, decisive: level ? contributions.filter((c) => c.level === level) : [] };
}

// The level a scheme's floor rules give a PI (or sensitive PI) fact, per scheme version (a
// compiled scheme never changes): a regrade asks it for every entry with a recogniser hit.
const piFloors = new WeakMap<CompiledScheme, Map<string, Level | undefined>>();
function piFloor(scheme: CompiledScheme, sensitive: boolean, personCount: number | null, recordCount: number | null): Level | undefined {
  let m = piFloors.get(scheme);
  if (!m) piFloors.set(scheme, (m = new Map()));
  const key = `${sensitive ? 1 : 0}|${personCount ?? ''}|${recordCount ?? ''}`;
  if (m.has(key)) return m.get(key);
  const floor = suggestLevel(
    { matrix: [], floorRules: scheme.def.floorRules },
    { impactObjects: [], impactDegree: '', isPersonalInfo: true, isSensitivePersonalInfo: sensitive, personCount, recordCount },
  ).level;
  m.set(key, floor);
  return floor;
}

export function createGrading(opts: { recognizers?: RecognizerLookup } = {}) {
  const recognizers: RecognizerLookup = opts.recognizers ?? (() => undefined);
  interface Cache {
    byIndustry: Map<string, CompiledScheme>;
    generic: CompiledScheme | undefined;
    versions: Map<string, CompiledScheme>;
  }
  const caches = new WeakMap<Store, Cache>();

  function cache(store: Store): Cache {
    let c = caches.get(store);
    if (!c) {
      const byIndustry = new Map<string, CompiledScheme>();
      const versions = new Map<string, CompiledScheme>();
      let generic: CompiledScheme | undefined;
      for (const s of store.schemes.activeDefinitions()) {
        const compiled = parseStored(s.id, s.activeVersion, s.definitionJson);
        versions.set(`${s.id}@${s.activeVersion}`, compiled);
        if (!byIndustry.has(s.industry)) byIndustry.set(s.industry, compiled);
        if (s.id === GENERIC_SCHEME_ID) generic = compiled;
      }
      c = { byIndustry, generic, versions };
      caches.set(store, c);
    }
    return c;
  }

  /** The recogniser contributions of an entry's hits (only hits that matched something). */
  function recognizerContributions(scheme: CompiledScheme | undefined, f: GradingInput, hits: readonly RecognizerHitRow[]): Contribution[] {
    const out: Contribution[] = [];
    for (const h of hits) {
      if (h.matched <= 0) continue;
      const info = recognizers(h.recognizerId);
      if (!info) continue;
      // Sample counts below the pack's threshold (or from too few samples) are no hit.
      if (h.basis === 'sample' && info.pack && !sampleResultFromCounts(info.pack, h)?.hit) continue;
      let level = info.level;
      if (scheme && info.personalInfo) {
        // A PI (or sensitive PI) hit weighs as the scheme's floor rules weigh such a fact.
        level = maxLevel([level, piFloor(scheme, info.sensitive, f.personCount, f.recordCount)]);
      }
      if (level) out.push({ source: 'recognizer', recognizerId: h.recognizerId, level });
    }
    return out;
  }

  return {
    /** Forget the compiled schemes of a store (after an import or an activation). */
    invalidate(store: Store): void {
      caches.delete(store);
    },

    /** The active scheme for an entry's 行业领域, or the generic scheme. */
    schemeFor(store: Store, industry: string): CompiledScheme | undefined {
      const c = cache(store);
      return c.byIndustry.get(industry) ?? c.generic;
    },

    /** A given version of a scheme (the one an entry was graded under). */
    schemeAt(store: Store, id: string, version: number): CompiledScheme | undefined {
      const c = cache(store);
      const key = `${id}@${version}`;
      let s = c.versions.get(key);
      if (!s) {
        const json = store.schemes.definition(id, version);
        if (json === undefined) return undefined;
        s = parseStored(id, version, json);
        c.versions.set(key, s);
      }
      return s;
    },

    /** The entry's category in the scheme: by its code, else by its path of names. */
    categoryOf(scheme: CompiledScheme | undefined, f: Pick<EntryFields, 'categoryCode' | 'category1' | 'category2' | 'category3' | 'category4'>): FlatCategory | undefined {
      if (!scheme) return undefined;
      if (f.categoryCode) return scheme.byCode.get(f.categoryCode);
      const path = categoryPath(f);
      return path.length > 0 ? scheme.byPath.get(pathKey(path)) : undefined;
    },

    /**
     * The entry's own suggestion: the matrix, its category's reference level, the floor rules,
     * its recogniser hits, and for a resource the aggregation rules over its own facts.
     */
    ownSuggestion(scheme: CompiledScheme | undefined, f: GradingInput, hits: readonly RecognizerHitRow[] = []): Suggestion {
      const category = this.categoryOf(scheme, f);
      const facts: GradingFacts = {
        impactObjects: splitMulti(f.impactObjects).filter((o): o is ImpactObject => isIn(IMPACT_OBJECTS, o)),
        impactDegree: isIn(IMPACT_DEGREES, f.impactDegree) ? (f.impactDegree as ImpactDegree) : '',
        categoryReferenceLevel: category?.referenceLevel,
        categoryCode: category?.code,
        isPersonalInfo: yesNo(f.isPersonalInfo),
        isSensitivePersonalInfo: yesNo(f.isSensitivePersonalInfo),
        personCount: f.personCount,
        recordCount: f.recordCount,
      };
      const def = scheme?.def ?? { matrix: [], floorRules: [], aggregationRules: [] };
      const own = suggestLevel(def, facts);
      const contributions = [...own.contributions, ...recognizerContributions(scheme, f, hits)];
      if (f.kind === 'resource') {
        const agg = rollupLevel(def, { items: [], isPersonalInfo: facts.isPersonalInfo, isSensitivePersonalInfo: facts.isSensitivePersonalInfo, personCount: f.personCount, recordCount: f.recordCount });
        contributions.push(...agg.contributions);
      }
      return combine(contributions);
    },

    rank: levelRank,
  };
}

export type Grading = ReturnType<typeof createGrading>;
