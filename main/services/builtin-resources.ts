/**
 * The data packs shipped with the app (resources/), imported statically: the backend runs as
 * TypeScript in tests and as one esbuild bundle in a worker thread, so nothing is read from disk
 * relative to the code at run time. Each pack is checked here, when the module loads: a broken
 * pack fails loudly at start-up (and in every test), never silently in a user's workspace.
 *
 * A new scheme file: import it and list it in BUILTIN_SCHEME_FILES. Which scheme grades an
 * industry in a new workspace is said outright in DEFAULT_SCHEME_FOR_INDUSTRY (not left to the
 * order of the list): 卫生健康 has two built-in schemes, and health.json (GB/T 43697 levels) is
 * the one in use; gbt39725-health.json is installed beside it for a unit to activate.
 */
import { parseFactorSet, type FactorSet } from '../domain/identification';
import { parseQualitySettings, type QualitySettings } from '../domain/quality';
import { parseRecognizerPack, type RecognizerPack } from '../domain/recognizers';
import { parseScheme, type SchemeDefinition } from '../domain/scheme';
import gbt43697Generic from '../../resources/schemes/gbt43697-generic.json';
import health from '../../resources/schemes/health.json';
import gbt39725Health from '../../resources/schemes/gbt39725-health.json';
import defaultRecognizers from '../../resources/recognizers/default.json';
import importantDataFactors from '../../resources/important-data-factors.json';
import qualitySettings from '../../resources/quality.json';
import type { RecognizerInfo, RecognizerLookup } from './grading-service';

const BUILTIN_SCHEME_FILES: { file: string; json: unknown }[] = [
  { file: 'resources/schemes/gbt43697-generic.json', json: gbt43697Generic },
  { file: 'resources/schemes/health.json', json: health },
  { file: 'resources/schemes/gbt39725-health.json', json: gbt39725Health },
];

/**
 * The built-in scheme in use for each industry in a new workspace (and in one that gets a
 * built-in scheme later while no scheme serves its industry). Every industry of a built-in
 * scheme must be listed, with a built-in scheme of that industry.
 */
export const DEFAULT_SCHEME_FOR_INDUSTRY: Readonly<Record<string, string>> = {
  政务: 'gbt43697-generic',
  卫生健康: 'health',
};

const BUILTIN_RECOGNIZER_FILES: { file: string; json: unknown }[] = [{ file: 'resources/recognizers/default.json', json: defaultRecognizers }];

function problemsText(problems: { path: string; message_en: string }[]): string {
  return problems.map((p) => `  ${p.path}: ${p.message_en}`).join('\n');
}

function loadSchemes(): SchemeDefinition[] {
  const seen = new Set<string>();
  const schemes = BUILTIN_SCHEME_FILES.map(({ file, json }) => {
    const r = parseScheme(json);
    if (!r.ok) throw new Error(`built-in scheme ${file} is invalid:\n${problemsText(r.problems)}`);
    if (seen.has(r.scheme.id)) throw new Error(`built-in scheme ${file}: id ${r.scheme.id} is used twice`);
    seen.add(r.scheme.id);
    return r.scheme;
  });
  for (const s of schemes) {
    const chosen = DEFAULT_SCHEME_FOR_INDUSTRY[s.industry];
    if (!chosen) throw new Error(`built-in scheme ${s.id}: its industry ${s.industry} has no entry in DEFAULT_SCHEME_FOR_INDUSTRY`);
    const def = schemes.find((x) => x.id === chosen);
    if (!def || def.industry !== s.industry) throw new Error(`DEFAULT_SCHEME_FOR_INDUSTRY: ${s.industry} → ${chosen} is not a built-in scheme of that industry`);
  }
  // Install order: the default of each industry before the other schemes of that industry.
  const isDefault = (s: SchemeDefinition) => DEFAULT_SCHEME_FOR_INDUSTRY[s.industry] === s.id;
  return [...schemes.filter(isDefault), ...schemes.filter((s) => !isDefault(s))];
}

function loadRecognizerPacks(): RecognizerPack[] {
  return BUILTIN_RECOGNIZER_FILES.map(({ file, json }) => {
    const r = parseRecognizerPack(json);
    if (!r.ok) throw new Error(`built-in recogniser pack ${file} is invalid:\n${problemsText(r.problems)}`);
    return r.pack;
  });
}

function loadFactors(): FactorSet {
  const r = parseFactorSet(importantDataFactors);
  if (!r.ok) throw new Error(`built-in important-data factors resources/important-data-factors.json are invalid:\n${problemsText(r.problems)}`);
  return r.factors;
}

function loadQualitySettings(): QualitySettings {
  const r = parseQualitySettings(qualitySettings);
  if (!r.ok) throw new Error(`built-in quality settings resources/quality.json are invalid:\n${problemsText(r.problems)}`);
  return r.settings;
}

/** Every built-in classification scheme, parsed and checked, in install order (each industry's default first). */
export const BUILTIN_SCHEMES: readonly SchemeDefinition[] = loadSchemes();

/** Every built-in recogniser pack, parsed and checked. */
export const BUILTIN_RECOGNIZER_PACKS: readonly RecognizerPack[] = loadRecognizerPacks();

/** The recogniser pack a workspace uses until the user imports one of their own. */
export const BUILTIN_RECOGNIZER_PACK: RecognizerPack = BUILTIN_RECOGNIZER_PACKS[0]!;

/** The important-data questionnaire (GB/T 43697 Annex G gist). */
export const BUILTIN_FACTORS: FactorSet = loadFactors();

/** Quality thresholds and severities. */
export const BUILTIN_QUALITY_SETTINGS: QualitySettings = loadQualitySettings();

/** What grading needs to know of a recogniser of a pack, by id. */
export function recognizerLookupOf(packs: readonly RecognizerPack[]): RecognizerLookup {
  const byId = new Map<string, RecognizerInfo>();
  for (const pack of packs)
    for (const r of pack.recognizers) if (!byId.has(r.id)) byId.set(r.id, { personalInfo: r.personalInfo, sensitive: r.sensitive, level: r.level, pack });
  return (id: string) => byId.get(id);
}

/** What grading needs of the built-in recognisers (PI, sensitive PI, the level a hit suggests), by id. */
export const builtinRecognizers: RecognizerLookup = recognizerLookupOf(BUILTIN_RECOGNIZER_PACKS);
