/**
 * The data packs shipped with the app (resources/), imported statically: the backend runs as
 * TypeScript in tests and as one esbuild bundle in a worker thread, so nothing is read from disk
 * relative to the code at run time. Each pack is checked here, when the module loads: a broken
 * pack fails loudly at start-up (and in every test), never silently in a user's workspace.
 * A new scheme file: import it and list it in BUILTIN_SCHEME_FILES (the first scheme listed for
 * an industry is the one in use for it in a new workspace).
 */
import { parseRecognizerPack, type RecognizerPack } from '../domain/recognizers';
import { parseScheme, type SchemeDefinition } from '../domain/scheme';
import gbt43697Generic from '../../resources/schemes/gbt43697-generic.json';
import health from '../../resources/schemes/health.json';
import gbt39725Health from '../../resources/schemes/gbt39725-health.json';
import defaultRecognizers from '../../resources/recognizers/default.json';
import type { RecognizerInfo, RecognizerLookup } from './grading-service';

const BUILTIN_SCHEME_FILES: { file: string; json: unknown }[] = [
  { file: 'resources/schemes/gbt43697-generic.json', json: gbt43697Generic },
  { file: 'resources/schemes/health.json', json: health },
  { file: 'resources/schemes/gbt39725-health.json', json: gbt39725Health },
];

const BUILTIN_RECOGNIZER_FILES: { file: string; json: unknown }[] = [{ file: 'resources/recognizers/default.json', json: defaultRecognizers }];

function loadSchemes(): SchemeDefinition[] {
  const seen = new Set<string>();
  return BUILTIN_SCHEME_FILES.map(({ file, json }) => {
    const r = parseScheme(json);
    if (!r.ok) throw new Error(`built-in scheme ${file} is invalid:\n${r.problems.map((p) => `  ${p.path}: ${p.message_en}`).join('\n')}`);
    if (seen.has(r.scheme.id)) throw new Error(`built-in scheme ${file}: id ${r.scheme.id} is used twice`);
    seen.add(r.scheme.id);
    return r.scheme;
  });
}

function loadRecognizerPacks(): RecognizerPack[] {
  return BUILTIN_RECOGNIZER_FILES.map(({ file, json }) => {
    const r = parseRecognizerPack(json);
    if (!r.ok) throw new Error(`built-in recogniser pack ${file} is invalid:\n${r.problems.map((p) => `  ${p.path}: ${p.message_en}`).join('\n')}`);
    return r.pack;
  });
}

/** Every built-in classification scheme, parsed and checked, in install order. */
export const BUILTIN_SCHEMES: readonly SchemeDefinition[] = loadSchemes();

/** Every built-in recogniser pack, parsed and checked. */
export const BUILTIN_RECOGNIZER_PACKS: readonly RecognizerPack[] = loadRecognizerPacks();

/** What grading needs of the built-in recognisers (PI, sensitive PI, the level a hit suggests), by id. */
export const builtinRecognizers: RecognizerLookup = (() => {
  const byId = new Map<string, RecognizerInfo>();
  for (const pack of BUILTIN_RECOGNIZER_PACKS)
    for (const r of pack.recognizers) if (!byId.has(r.id)) byId.set(r.id, { personalInfo: r.personalInfo, sensitive: r.sensitive, level: r.level });
  return (id: string) => byId.get(id);
})();
