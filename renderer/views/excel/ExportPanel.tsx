/**
 * Exports: the bureau template (.xlsx), the important-data catalog alone (.xlsx), sheet 2 as CSV
 * (UTF-8 with a BOM), and the quality findings report (.xlsx). Each has its save path (typed or
 * chosen in the in-app chooser, mode 'save') and says where the file was written.
 */
import { useState } from 'react';
import type { ErrorInfo } from '../../../main/domain/errors';
import { useApi } from '../../api/context';
import { usePick, useT, type MessageKey } from '../../i18n/index';
import { Alert } from '../../components/Alert';
import { PathField, siblingPath } from '../../components/FileChooser';
import { useSessionStore } from '../../store/session';
import { formatBytes } from './format';

type Kind = 'template' | 'catalog' | 'csv' | 'findings';

const KINDS: readonly { kind: Kind; title: MessageKey; hint: MessageKey; file: MessageKey; ext: string }[] = [
  { kind: 'template', title: 'excel.export.template', hint: 'excel.export.templateHint', file: 'excel.export.defaultTemplate', ext: 'xlsx' },
  { kind: 'catalog', title: 'excel.export.catalog', hint: 'excel.export.catalogHint', file: 'excel.export.defaultCatalog', ext: 'xlsx' },
  { kind: 'csv', title: 'excel.export.csv', hint: 'excel.export.csvHint', file: 'excel.export.defaultCsv', ext: 'csv' },
  { kind: 'findings', title: 'excel.export.findings', hint: 'excel.export.findingsHint', file: 'excel.export.defaultFindings', ext: 'xlsx' },
];

export function ExportPanel() {
  const t = useT();
  return (
    <section className="excel-export" aria-labelledby="excel-export-heading" data-testid="excel-export">
      <h2 id="excel-export-heading" className="sr-only">
        {t('excel.export.heading')}
      </h2>
      <p className="muted">{t('excel.export.intro')}</p>
      <div className="excel-export-grid">
        {KINDS.map((k) => (
          <ExportCard key={k.kind} {...k} />
        ))}
      </div>
    </section>
  );
}

function ExportCard({ kind, title, hint, file, ext }: { kind: Kind; title: MessageKey; hint: MessageKey; file: MessageKey; ext: string }) {
  const client = useApi();
  const t = useT();
  const pick = usePick();
  const wsPath = useSessionStore((s) => s.status?.path ?? '');
  // Proposed beside the open workspace, under the usual file name; the user can change it.
  const [path, setPath] = useState(() => (wsPath ? siblingPath(wsPath, t(file)) : ''));
  const [pathError, setPathError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const id = `excel-export-${kind}`;

  const run = async () => {
    const p = path.trim();
    if (!p) {
      setPathError(t('excel.export.pathRequired'));
      document.getElementById(`${id}-path`)?.focus();
      return;
    }
    setPathError(null);
    setBusy(true);
    setError(null);
    setDone(null);
    if (kind === 'findings') {
      const r = await client.invoke('excel.exportFindings', { path: p });
      setBusy(false);
      if (!r.ok) setError(r.error);
      else setDone(t('excel.export.findingsDone', { path: r.value.path, size: formatBytes(r.value.bytes), findings: r.value.findings, errors: r.value.errors, warnings: r.value.warnings, overall: r.value.scores.overall }));
      return;
    }
    const r = await client.invoke('excel.export', { path: p, catalogOnly: kind === 'catalog', format: kind === 'csv' ? 'csv' : 'xlsx' });
    setBusy(false);
    if (!r.ok) setError(r.error);
    else setDone(t('excel.export.done', { path: r.value.path, size: formatBytes(r.value.bytes), inventory: r.value.rows.inventory, catalog: r.value.rows.catalog, ms: r.value.ms }));
  };

  return (
    <form
      className="card excel-export-card"
      data-testid={id}
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      <h3 id={`${id}-title`}>{t(title)}</h3>
      <p className="hint">{t(hint)}</p>
      <PathField id={`${id}-path`} label={t('excel.export.path')} value={path} onChange={setPath} mode="save" extensions={[ext]} defaultName={t(file)} error={pathError} />
      <button type="submit" className="btn btn-primary" data-testid={`${id}-run`} disabled={busy} aria-busy={busy}>
        {busy ? t('excel.export.running') : t('excel.export.run')}
      </button>
      {error ? <Alert testId={`${id}-error`}>{pick(error)}</Alert> : null}
      {done ? (
        <div role="status" className="status-msg status-success" data-testid={`${id}-done`}>
          {done}
        </div>
      ) : null}
    </form>
  );
}
