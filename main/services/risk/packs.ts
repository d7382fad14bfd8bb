/**
 * The built-in risk-assessment packs (resources/risk/): the default likelihood × impact matrix
 * and the checklist. Imported statically (bundled) and checked when the module loads. A new
 * project takes a copy of both, so a later pack change never rewrites a finished year.
 */
import { parseChecklistPack, parseRiskMatrix, type ChecklistPack, type RiskMatrix } from '../../domain/risk';
import matrix from '../../../resources/risk/matrix.json';
import checklist from '../../../resources/risk/checklist.json';

export const BUILTIN_RISK_MATRIX: RiskMatrix = parseRiskMatrix(matrix);
export const BUILTIN_CHECKLIST: ChecklistPack = parseChecklistPack(checklist);
