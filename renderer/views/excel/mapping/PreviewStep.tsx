/**
 * Step 5: the dry run, shown with the template import's own components (counts and changed rows,
 * then the problems grouped and filterable, each at a cell of the source sheet).
 */
import type { ImportPreview } from '../../../../main/domain/sheets/results';
import { PreviewChanges } from '../PreviewChanges';
import { ProblemList } from '../ProblemList';

export function PreviewStep({ preview }: { preview: ImportPreview }) {
  return (
    <div data-testid="mapping-preview">
      <PreviewChanges preview={preview} />
      <ProblemList problems={preview.problems} total={preview.problemsTotal} blocking={preview.blocking} warnings={preview.warnings} />
    </div>
  );
}
