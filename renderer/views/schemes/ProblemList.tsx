/** Problems of a scheme or recogniser-pack file, each with where it is: sheet, row and column, or the JSON path. */
import type { SchemeFileProblem } from '../../../main/domain/scheme-sheet';
import { usePick, useT } from '../../i18n/index';

/** The problems in a refusal's details (SCHEME_INVALID, RECOGNIZER_PACK_INVALID), if any. */
export function problemsOf(details: unknown): SchemeFileProblem[] {
  const p = (details as { problems?: unknown } | undefined)?.problems;
  return Array.isArray(p) ? (p as SchemeFileProblem[]) : [];
}

export function ProblemList({ problems, testId }: { problems: readonly SchemeFileProblem[]; testId: string }) {
  const t = useT();
  const pick = usePick();
  const place = (p: SchemeFileProblem) => {
    if (p.sheet) {
      const parts = [t('schemes.problem.sheet', { sheet: p.sheet })];
      if (p.row) parts.push(t('schemes.problem.row', { row: p.row }));
      if (p.column) parts.push(t('schemes.problem.column', { column: p.column }));
      return parts.join(' ');
    }
    return p.path ? t('schemes.problem.path', { path: p.path }) : t('schemes.problem.file');
  };
  return (
    <div className="table-wrap">
      <table className="data-table scheme-problems" data-testid={testId}>
        <caption className="sr-only">{t('schemes.problem.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('schemes.problem.where')}</th>
            <th scope="col">{t('schemes.problem.what')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={i} data-testid="scheme-problem" data-sheet={p.sheet ?? ''} data-row={p.row ?? ''} data-column={p.column ?? ''} data-path={p.path}>
              <td className="nowrap mono">{place(p)}</td>
              <td>{pick(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
