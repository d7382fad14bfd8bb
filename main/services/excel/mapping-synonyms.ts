/**
 * The synonyms table of the mapping wizard (resources/mapping-synonyms.json): other headers for each
 * template field, other spellings for each code. Imported statically (bundled, as the other data
 * packs are) and checked when the module loads: a broken table fails at start-up and in every test.
 */
import { parseMappingSynonyms, type MappingSynonyms } from '../../domain/sheets/mapping';
import table from '../../../resources/mapping-synonyms.json';

export const MAPPING_SYNONYMS: MappingSynonyms = parseMappingSynonyms(table);
